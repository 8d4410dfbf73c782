// The network page: facts from /api/network drawn with Cytoscape.js, filtered in place.
// Nodes are coloured by entity type, edges by predicate class; an edge's width and
// opacity follow its confidence. Names reach the canvas as data, never as HTML.
(function () {
  "use strict";
  const TYPE_COLOURS = {
    armed_group: "#c0392b", state: "#2c6fbb", government_body: "#16a085",
    organization: "#8e44ad", person: "#d68910", location: "#7f8c8d",
    capability: "#34495e", infrastructure: "#a04000", population: "#b7950b", event: "#6c3483",
  };
  const CLASS_COLOURS = {
    alignment: "#27ae60", opposition: "#e74c3c", structure: "#2980b9", capability: "#8e44ad",
    geography: "#95a5a6", events: "#e67e22", economy: "#b7950b", other: "#7f8c8d",
  };
  const BIG = 150; // above this many nodes (or 5 times as many edges): cheap layout, drawing
  const container = document.getElementById("cy");
  const summary = document.getElementById("summary");
  const note = document.getElementById("note");
  const allTypes = document.getElementById("all-types");
  const params = new URLSearchParams(location.search);
  allTypes.checked = params.get("all_types") === "1";
  let cy = null;

  function url() {
    const q = new URLSearchParams();
    if (container.dataset.asOf) q.set("as_of", container.dataset.asOf);
    if (allTypes.checked) q.set("all_types", "true");
    return container.dataset.api + "?" + q.toString();
  }

  function elements(data) {
    // colours are data, not style functions: Cytoscape caches data-mapped styles
    const els = [];
    for (const n of data.nodes) {
      els.push({group: "nodes", data: {id: "n" + n.id, actor: n.id, label: n.name,
        type: n.type, degree: n.degree, colour: TYPE_COLOURS[n.type] || "#555"}});
    }
    for (const e of data.edges) {
      els.push({group: "edges", data: {id: e.id, source: "n" + e.source, target: "n" + e.target,
        predicate: e.predicate, cls: e.class, confidence: e.confidence,
        colour: CLASS_COLOURS[e.class] || "#999",
        first: (e.first_seen || "").slice(0, 7), last: (e.last_seen || "").slice(0, 7)}});
    }
    return els;
  }

  function style(big) {
    if (big) return bigStyle();
    return [
      {selector: "node", style: {
        "background-color": "data(colour)", "label": "data(label)", "font-size": 13,
        "color": "#222", "min-zoomed-font-size": 4, "text-valign": "bottom", "text-margin-y": 2,
        "width": "mapData(degree, 1, 12, 14, 40)", "height": "mapData(degree, 1, 12, 14, 40)"}},
      {selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "width": "mapData(confidence, 0, 1, 0.5, 5)",
        "opacity": "mapData(confidence, 0, 1, 0.25, 0.95)",
        "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.7}},
      {selector: "node.hover", style: {"label": "data(label)"}},
      {selector: ".hidden", style: {"display": "none"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
    ];
  }

  // A big network is styled by classes, not data mappers: Cytoscape computes a mapped
  // property for each element, while a class's style is shared (a third less time).
  const SIZES = [6, 9, 13, 18, 24, 30];  // by degree: 1, 2-3, 4-7, 8-15, 16-31, 32+
  const STEPS = 10;  // confidence in tenths: width and opacity

  function bigClasses(el) {
    const d = el.data;
    if (el.group === "nodes") {
      const size = Math.min(SIZES.length - 1, Math.floor(Math.log2(Math.max(1, d.degree))));
      return "t-" + d.type + " s" + size;
    }
    return "c-" + d.cls + " q" + Math.round(d.confidence * STEPS);
  }

  function bigStyle() {
    const out = [
      {selector: "node", style: {"background-color": "#555", "label": "", "font-size": 9,
        "color": "#222", "min-zoomed-font-size": 8, "text-valign": "bottom",
        "text-margin-y": 2, "width": 6, "height": 6}},
      {selector: "edge", style: {"line-color": "#999", "curve-style": "haystack",
        "haystack-radius": 0, "width": 1, "opacity": 0.5}},
    ];
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      out.push({selector: "node.t-" + type, style: {"background-color": colour}});
    }
    SIZES.forEach((px, i) => out.push({selector: "node.s" + i, style: {"width": px, "height": px}}));
    for (const [cls, colour] of Object.entries(CLASS_COLOURS)) {
      out.push({selector: "edge.c-" + cls, style: {"line-color": colour}});
    }
    for (let q = 0; q <= STEPS; q++) {  // as the small network's mapData(confidence, ...)
      out.push({selector: "edge.q" + q, style: {"width": 0.5 + 4.5 * q / STEPS,
        "opacity": 0.25 + 0.7 * q / STEPS}});
    }
    out.push({selector: "node.hub, node.hover", style: {"label": "data(label)"}},
             {selector: ".hidden", style: {"display": "none"}},
             {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}});
    return out;
  }

  function filters(data) {
    const box = document.getElementById("class-filters");
    box.replaceChildren();
    for (const cls of data.classes) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox"; input.checked = true; input.value = cls;
      input.className = "class-filter";
      input.addEventListener("change", apply);
      const swatch = document.createElement("span");
      swatch.className = "swatch edge-" + cls;
      label.append(input, swatch, document.createTextNode(" " + cls));
      box.append(label);
    }
    const legend = document.getElementById("legend");
    legend.replaceChildren();
    for (const type of data.types) {
      const item = document.createElement("span");
      item.className = "legend-item";
      const dot = document.createElement("span");
      dot.className = "dot node-" + type;
      item.append(dot, document.createTextNode(" " + type.replace("_", " ")));
      legend.append(item);
    }
  }

  function criteria() {
    const min = parseFloat(document.getElementById("min-confidence").value);
    document.getElementById("conf-value").textContent = min.toFixed(2);
    return {classes: new Set([...document.querySelectorAll(".class-filter:checked")]
      .map((i) => i.value)), min: min, from: document.getElementById("date-from").value,
      to: document.getElementById("date-to").value};
  }

  function passes(d, c) {
    return c.classes.has(d.cls) && d.confidence >= c.min &&
      (!c.from || !d.last || d.last >= c.from) && (!c.to || !d.first || d.first <= c.to);
  }

  function apply() {
    // visibility is computed here in one pass over the edges (no ':visible' selectors,
    // which make Cytoscape compute every element's style)
    if (!cy) return;
    const c = criteria();
    admit(c);
    const linked = new Set();
    let shown = 0;
    cy.batch(() => {
      cy.edges().forEach((e) => {
        const d = e.data();
        if (passes(d, c)) {
          shown++; linked.add(d.source); linked.add(d.target);
          if (e.hasClass("hidden")) e.removeClass("hidden");
        } else if (!e.hasClass("hidden")) e.addClass("hidden");
      });
      cy.nodes().forEach((n) => {
        if (linked.has(n.id())) { if (n.hasClass("hidden")) n.removeClass("hidden"); }
        else if (!n.hasClass("hidden")) n.addClass("hidden");
      });
    });
    summary.textContent = linked.size + " actors, " + shown + " facts shown";
  }

  // the weaker facts of a big network and the actors only they link, loaded but not yet
  // given to Cytoscape: they join when the filters first let them through (Cytoscape
  // styles every element it holds, and 20,000 of them cost seconds)
  let reserve = [];
  let waiting = new Map();  // node id → element, for actors not yet in Cytoscape

  function admit(c) {
    if (!reserve.length) return;
    const keep = [], add = [];
    for (const el of reserve) {
      if (passes(el.data, c)) {
        for (const end of [el.data.source, el.data.target]) {
          const node = waiting.get(end);
          if (node) { add.push(node); waiting.delete(end); }
        }
        add.push(el);
      } else keep.push(el);
    }
    reserve = keep;
    if (add.length) cy.add(add);
  }

  function rings(nodes) {
    // concentric rings by degree, computed here in one pass: the best-linked actors in
    // the middle (Cytoscape's own concentric layout costs seconds at 2,000 actors)
    const order = [...nodes].sort((a, b) => b.data.degree - a.data.degree);
    let ring = 0, slot = 0, capacity = 1;
    for (const n of order) {
      const angle = 2 * Math.PI * slot / capacity + ring * 0.5;
      n.position = {x: ring * 40 * Math.cos(angle), y: ring * 40 * Math.sin(angle)};
      if (++slot >= capacity) { ring++; slot = 0; capacity = Math.round(2 * Math.PI * ring * 1.2); }
    }
    return ring * 40 + SIZES[SIZES.length - 1];  // the radius of the whole drawing
  }

  function viewport(radius) {
    // what `fit` would give, from the known radius: Cytoscape's fit measures the bounding
    // box of every element, which costs more than a second on a big network
    const w = container.clientWidth || 800, h = container.clientHeight || 600;
    const zoom = Math.max(0.05, Math.min(4, (Math.min(w, h) - 20) / (2 * radius)));
    return {zoom: zoom, pan: {x: w / 2, y: h / 2}};
  }

  const FIRST = 3000; // facts drawn at first; the weaker ones of a big network wait

  function draw(data) {
    window.tnTiming = {data: performance.now()};
    performance.mark("tn-data");
    const big = data.nodes.length > BIG || data.edges.length > 5 * BIG;
    if (cy) cy.destroy();
    const all = elements(data);
    const nodes = all.slice(0, data.nodes.length);
    const edges = all.slice(data.nodes.length)
      .sort((a, b) => b.data.confidence - a.data.confidence);
    filters(data);
    let first = all, view = {};
    reserve = []; waiting = new Map();
    if (big) {
      view = viewport(rings(nodes));
      // the best-linked actors keep their names on screen
      for (const el of all) el.classes = bigClasses(el);
      [...nodes].sort((a, b) => b.data.degree - a.data.degree).slice(0, 40)
        .forEach((n) => { n.classes += " hub"; });
      if (edges.length > FIRST) {
        // a big network opens on its strongest facts: the slider starts where FIRST of
        // them pass, and lowering it draws the weaker ones (all are loaded and filterable)
        const slider = document.getElementById("min-confidence");
        slider.value = String(Math.min(1, Math.ceil(edges[FIRST - 1].data.confidence * 20) / 20));
        note.textContent = "The " + data.edges.length + " facts are loaded; the weaker ones " +
          "are hidden at first: lower the minimum confidence to draw them.";
      }
      // only what the filters let through goes to Cytoscape now, hidden by nothing
      const c = criteria(), linked = new Set();
      first = [];
      for (const e of edges) {
        if (passes(e.data, c)) { first.push(e); linked.add(e.data.source); linked.add(e.data.target); }
        else reserve.push(e);
      }
      for (const n of nodes) {
        if (linked.has(n.data.id)) first.push(n); else waiting.set(n.data.id, n);
      }
    }
    performance.mark("tn-elements");
    cy = cytoscape({
      container: container, elements: first, style: style(big),
      zoom: view.zoom, pan: view.pan,
      layout: big ? {name: "preset", fit: false}
                  : {name: "cose", animate: false, randomize: false, nodeRepulsion: 60000,
                     idealEdgeLength: 70, nodeOverlap: 20},
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
      minZoom: 0.05, maxZoom: 4,
    });
    window.tnCy = cy;
    window.tnTiming.built = performance.now();
    performance.mark("tn-built");
    cy.on("tap", "node", (evt) => {
      location.href = "/actors/" + encodeURIComponent(evt.target.data("actor")) +
        (container.dataset.asOf ? "?as_of=" + encodeURIComponent(container.dataset.asOf) : "");
    });
    cy.on("mouseover", "node", (evt) => evt.target.addClass("hover"));
    cy.on("mouseout", "node", (evt) => evt.target.removeClass("hover"));
    if (big) {
      summary.textContent = (cy.nodes().length) + " actors, " + cy.edges().length + " facts shown";
    } else apply();
    cy.one("render", () => {
      window.tnReady = performance.now();
      performance.mark("tn-ready");
      container.dataset.ready = "1";
    });
    if (!big) cy.resize();  // a big network's second full redraw would cost a long task
  }

  function load(first) {
    container.dataset.ready = "";
    // the first load asks for exactly what the page preloads (same URL and mode)
    fetch(first === true ? container.dataset.src : url())
      .then((r) => { window.tnFetched = performance.now(); return r; })
      .then((r) => r.ok ? r.json() : r.json().then((e) => Promise.reject(e.error || r.status)))
      .then(draw)
      .catch((err) => { summary.textContent = "Could not load the network: " + err; });
  }

  for (const id of ["min-confidence", "date-from", "date-to"]) {
    document.getElementById(id).addEventListener("input", apply);
  }
  allTypes.addEventListener("change", load);
  load(true);
})();
