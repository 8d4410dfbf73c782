// The network page: facts from /api/network drawn with Cytoscape.js, filtered in place.
// Nodes: a light fill and a shape by entity type; edges: a saturated colour by predicate
// class (two colour-blind-safe palettes that never share a colour, see docs/web.md);
// width and opacity follow confidence; a hedged fact (alleged, believed, possible) is
// dashed, a firm one (asserted, reported) solid; a contested one carries a diamond; a
// fact only denied (on demand) is dotted and ends in a bar. Clicking (or hovering) an
// edge opens its evidence in the side panel (/api/fact); clicking an actor opens its
// actions (focus, expand, pin, profile). Names reach the canvas and the panel as data or
// text, never as HTML.
(function () {
  "use strict";
  // node types: Paul Tol's "light" palette (pale fills, dark outline) and a shape each
  const TYPE_STYLE = {
    armed_group: ["#EE8866", "diamond"], state: ["#77AADD", "round-rectangle"],
    government_body: ["#99DDFF", "hexagon"], organization: ["#44BB99", "octagon"],
    person: ["#EEDD88", "ellipse"], location: ["#DDDDDD", "triangle"],
    capability: ["#BBCC33", "pentagon"], infrastructure: ["#CCCCCC", "rectangle"],
    population: ["#AAAA00", "round-triangle"], event: ["#FFAABB", "star"],
  };
  // relation classes: Okabe–Ito (saturated, readable with every common colour blindness)
  const CLASS_COLOURS = {
    alignment: "#009E73", opposition: "#D55E00", structure: "#0072B2", capability: "#CC79A7",
    geography: "#8C8C8C", events: "#E69F00", economy: "#56B4E9", other: "#000000",
  };
  const ACTOR_TYPES = new Set(["armed_group", "state", "government_body", "organization",
                               "person"]);
  const HEDGED = new Set(["alleged", "believed", "possible", "hypothetical"]);
  const BIG = 150; // above this many nodes (or 5 times as many edges): cheap layout, drawing
  const LABEL_PX = 12, MAX_LABELS = 160;
  const container = document.getElementById("cy");
  const summary = document.getElementById("summary");
  const note = document.getElementById("note");
  const allTypes = document.getElementById("all-types");
  const deniedBox = document.getElementById("show-denied");
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  const params = new URLSearchParams(location.search);
  allTypes.checked = params.get("all_types") === "1";
  let cy = null;
  let big = false;
  let months = [];  // every month a fact was seen in, for the time slider
  let nodeEls = new Map();  // node id → element (in Cytoscape or waiting)
  let adjacency = null;  // node id → its edge elements (built when first needed)
  let allEdges = [];
  let focus = null;  // null, or the ids of the actors in focus
  let saved = null;  // positions before a focus moved them
  const pinned = new Set();
  let sticky = false;  // the panel shows what was clicked: hovering does not replace it

  function url() {
    const q = new URLSearchParams();
    if (container.dataset.asOf) q.set("as_of", container.dataset.asOf);
    if (allTypes.checked) q.set("all_types", "true");
    if (deniedBox.checked) q.set("denied", "true");
    return container.dataset.api + "?" + q.toString();
  }

  function elements(data) {
    // colours are data, not style functions: Cytoscape caches data-mapped styles
    const els = [];
    for (const n of data.nodes) {
      const [fill, shape] = TYPE_STYLE[n.type] || ["#BBBBBB", "ellipse"];
      els.push({group: "nodes", data: {id: "n" + n.id, actor: n.id, label: n.name,
        type: n.type, degree: n.degree, colour: fill, shape: shape, fs: LABEL_PX}});
    }
    for (const e of data.edges) {
      const d = {id: e.id, source: "n" + e.source, target: "n" + e.target,
        predicate: e.predicate, cls: e.class, confidence: e.confidence, modality: e.modality,
        label: e.predicate, fs: LABEL_PX, colour: CLASS_COLOURS[e.class] || "#000",
        first: (e.first_seen || "").slice(0, 7), last: (e.last_seen || "").slice(0, 7)};
      if (e.contested) d.contested = true;  // (flags only where set: fewer fields to copy)
      if (e.denied) { d.denied = true; d.label = "not " + e.predicate; }
      if (e.symmetric) d.symmetric = true;
      els.push({group: "edges", data: d});
    }
    return els;
  }

  function certainty(d) {
    // the classes that draw how firmly a fact is held (both styles use them)
    let out = d.denied ? " denied" : HEDGED.has(d.modality) ? " hedged" : "";
    if (d.contested) out += " contested";
    if (d.symmetric) out += " sym";
    return out;
  }

  const COMMON = [
    {selector: "node.lbl, node:selected, node.found, node.pinned, node.hover", style: {
      "label": "data(label)", "font-size": "data(fs)", "text-outline-color": "#fff",
      "text-outline-width": 2, "color": "#111", "text-valign": "bottom", "text-margin-y": 2,
      "min-zoomed-font-size": 0}},
    {selector: "edge.hedged", style: {"line-style": "dashed", "line-dash-pattern": [6, 4]}},
    {selector: "edge.denied", style: {"line-style": "dotted", "target-arrow-shape": "tee",
      "width": 2, "opacity": 0.9, "curve-style": "straight"}},
    {selector: "edge.contested", style: {"line-outline-width": 1.5,
      "line-outline-color": "#000"}},
    {selector: "edge.sym", style: {"target-arrow-shape": "none"}},
    {selector: "edge.denied.sym", style: {"target-arrow-shape": "tee"}},
    {selector: "edge:selected, edge.hover, edge.nb", style: {"label": "data(label)",
      "font-size": "data(fs)", "text-rotation": "autorotate", "color": "#111",
      "text-background-color": "#fff", "text-background-opacity": 0.85,
      "text-background-padding": 1, "opacity": 1, "z-index": 10}},
    {selector: "edge:selected", style: {"width": 5, "underlay-color": "#000",
      "underlay-opacity": 0.2, "underlay-padding": 3}},
    {selector: "node.found", style: {"underlay-color": "#F0E442", "underlay-opacity": 0.9,
      "underlay-padding": 8}},
    {selector: "node.pinned", style: {"border-width": 3, "border-style": "double",
      "border-color": "#000"}},
    {selector: ".hidden", style: {"display": "none"}},
    {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
  ];

  function style() {
    if (big) return bigStyle();
    return [
      {selector: "node", style: {
        "background-color": "data(colour)", "shape": "data(shape)", "border-width": 1,
        "border-color": "#333", "label": "",
        "width": "mapData(degree, 1, 12, 14, 40)", "height": "mapData(degree, 1, 12, 14, 40)"}},
      {selector: "edge", style: {
        "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "width": "mapData(confidence, 0, 1, 0.5, 5)",
        "opacity": "mapData(confidence, 0, 1, 0.3, 0.95)",
        "curve-style": "bezier", "target-arrow-shape": "triangle", "arrow-scale": 0.7}},
      ...COMMON,
      // a diamond mid-line too (a big network keeps its cheap straight lines: outline only)
      {selector: "edge.contested", style: {"mid-target-arrow-shape": "diamond",
        "mid-target-arrow-color": "#000", "mid-target-arrow-fill": "filled"}},
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
    return "c-" + d.cls + " q" + Math.round(d.confidence * STEPS) + certainty(d);
  }

  function bigStyle() {
    const out = [
      {selector: "node", style: {"background-color": "#BBBBBB", "label": "",
        "border-width": 1, "border-color": "#333", "width": 6, "height": 6}},
      {selector: "edge", style: {"line-color": "#999", "curve-style": "haystack",
        "haystack-radius": 0, "width": 1, "opacity": 0.5}},
    ];
    for (const [type, [fill, shape]] of Object.entries(TYPE_STYLE)) {
      out.push({selector: "node.t-" + type, style: {"background-color": fill, "shape": shape}});
    }
    SIZES.forEach((px, i) => out.push({selector: "node.s" + i, style: {"width": px, "height": px}}));
    for (const [cls, colour] of Object.entries(CLASS_COLOURS)) {
      out.push({selector: "edge.c-" + cls, style: {"line-color": colour,
        "target-arrow-color": colour}});
    }
    for (let q = 0; q <= STEPS; q++) {  // as the small network's mapData(confidence, ...)
      out.push({selector: "edge.q" + q, style: {"width": 0.5 + 4.5 * q / STEPS,
        "opacity": 0.3 + 0.65 * q / STEPS}});
    }
    return out.concat(COMMON);
  }

  function swatch(cls, extra) {
    const s = document.createElement("span");
    s.className = "swatch " + cls + (extra ? " " + extra : "");
    return s;
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
      label.append(input, swatch("edge-" + cls), document.createTextNode(" " + cls));
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
    // the time slider runs over the months facts were seen in
    const seen = new Set();
    for (const e of data.edges) {
      for (const d of [e.first_seen, e.last_seen]) if (d) seen.add(d.slice(0, 7));
    }
    months = [...seen].sort();
    for (const id of ["time-from", "time-to"]) {
      const r = document.getElementById(id);
      r.max = String(Math.max(0, months.length - 1));
      r.disabled = months.length < 2;
    }
    document.getElementById("time-from").value = "0";
    document.getElementById("time-to").value = String(Math.max(0, months.length - 1));
  }

  function criteria() {
    const min = parseFloat(document.getElementById("min-confidence").value);
    document.getElementById("conf-value").textContent = min.toFixed(2);
    return {classes: new Set([...document.querySelectorAll(".class-filter:checked")]
      .map((i) => i.value)), min: min, from: document.getElementById("date-from").value,
      to: document.getElementById("date-to").value};
  }

  function passes(d, c) {
    return c.classes.has(d.cls) && (d.denied || d.confidence >= c.min) &&
      (!c.from || !d.last || d.last >= c.from) && (!c.to || !d.first || d.first <= c.to) &&
      (!focus || (focus.has(d.source) && focus.has(d.target)));
  }

  function apply() {
    // visibility is computed here in one pass over the edges (no ':visible' selectors,
    // which make Cytoscape compute every element's style)
    if (!cy) return;
    const c = criteria();
    admit(c);
    const linked = new Set();
    let shown = 0, actors = 0, others = 0;
    cy.batch(() => {
      cy.edges().forEach((e) => {
        const d = e.data();
        if (passes(d, c)) {
          shown++; linked.add(d.source); linked.add(d.target);
          if (e.hasClass("hidden")) e.removeClass("hidden");
        } else if (!e.hasClass("hidden")) e.addClass("hidden");
      });
      cy.nodes().forEach((n) => {
        const keep = linked.has(n.id()) || (focus && focus.has(n.id())) || n.hasClass("pinned");
        if (keep) {
          if (n.hasClass("hidden")) n.removeClass("hidden");
          if (ACTOR_TYPES.has(n.data("type"))) actors++; else others++;
        } else if (!n.hasClass("hidden")) n.addClass("hidden");
      });
    });
    report(shown, actors, others);
    relabelSoon();  // the labels follow once the filter has answered
  }

  function report(shown, actors, others) {
    // actors are the five actor types; places, capabilities and the rest are counted apart
    summary.textContent = actors + " actors" + (others ? ", " + others + " other entities" : "") +
      ", " + shown + " facts shown" + (focus ? " (in focus)" : "");
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

  function admitNode(id) {
    const node = waiting.get(id);
    if (node) { cy.add(node); waiting.delete(id); }
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

  // -- labels: hubs first, as many as fit without overlapping, sized for the zoom ---------

  let byDegree = [];  // node ids, best-linked first
  let labelTimer = 0;

  function nodeSize(degree) {
    // as the styles draw it (big: SIZES by degree class; small: mapData(degree, 1, 12, 14, 40))
    if (big) return SIZES[Math.min(SIZES.length - 1, Math.floor(Math.log2(Math.max(1, degree))))];
    return 14 + (Math.min(12, Math.max(1, degree)) - 1) * 26 / 11;
  }

  function placeLabels(candidates, zoom, pan) {
    // candidates best-linked first: [id, label, x, y, degree] (model coordinates); the ids
    // whose label fits below its node without overlapping one placed before
    const w = container.clientWidth || 800, h = container.clientHeight || 600;
    const cell = 40, taken = new Set(), boxes = {};
    const limit = big ? MAX_LABELS / 2 : MAX_LABELS;
    let looked = 0;
    for (const [id, label, px, py, degree] of candidates) {
      if (taken.size >= limit || looked > 6 * limit) break;
      const x = px * zoom + pan.x + 5000, y = py * zoom + pan.y + 5000;
      if (x < 4950 || y < 4980 || x > w + 5050 || y > h + 5020) continue;
      looked++;
      // the label's box below the node, its 2 px outline around
      const half = textWidth(label) / 2 + 3;
      const top = y + (nodeSize(degree) / 2 + 1 + 2) * zoom - 6;  // border 1, margin 2
      const box = [x - half, top, x + half, top + 8 + LABEL_PX * 1.3];
      let free = true;
      const cells = [];
      for (let gx = Math.floor(box[0] / cell); gx <= Math.floor(box[2] / cell); gx++) {
        for (let gy = Math.floor(box[1] / cell); gy <= Math.floor(box[3] / cell); gy++) {
          const key = gx * 1000 + gy;
          cells.push(key);
          for (const b of boxes[key] || []) {
            if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) free = false;
          }
        }
      }
      if (!free) continue;
      for (const key of cells) (boxes[key] = boxes[key] || []).push(box);
      taken.add(id);
    }
    return taken;
  }

  function relabel() {
    if (!cy) return;
    const zoom = cy.zoom(), fs = LABEL_PX / zoom;
    const candidates = [];
    for (const id of byDegree) {
      const n = cy.getElementById(id);
      if (!n.length || n.hasClass("hidden")) continue;
      const p = n.position();
      candidates.push([id, n.data("label"), p.x, p.y, n.data("degree")]);
    }
    const taken = placeLabels(candidates, zoom, cy.pan());
    cy.batch(() => {
      cy.nodes(".lbl").forEach((n) => { if (!taken.has(n.id())) n.removeClass("lbl"); });
      for (const id of taken) {
        const n = cy.getElementById(id);
        if (Math.abs(n.data("fs") - fs) > 0.01) n.data("fs", fs);
        if (!n.hasClass("lbl")) n.addClass("lbl");
      }
      cy.$(":selected, .found, .pinned, edge.nb, edge.hover").forEach((el) => {
        if (Math.abs(el.data("fs") - fs) > 0.01) el.data("fs", fs);
      });
    });
  }

  const widths = new Map();
  let measure = null;

  function textWidth(text) {
    // measured once per name in the font Cytoscape draws labels in
    let w = widths.get(text);
    if (w === undefined) {
      if (!measure) {
        measure = document.createElement("canvas").getContext("2d");
        measure.font = LABEL_PX + 'px "Helvetica Neue", Helvetica, sans-serif';
      }
      w = measure.measureText(text).width;
      widths.set(text, w);
    }
    return w;
  }

  function relabelSoon() {
    clearTimeout(labelTimer);
    labelTimer = setTimeout(relabel, 120);
  }

  // -- the side panel -----------------------------------------------------------------

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function actorLink(id, name) {
    const a = el("a", name);
    a.href = "/actors/" + encodeURIComponent(id) + asOfQuery();
    return a;
  }

  function asOfQuery() {
    return container.dataset.asOf ? "?as_of=" + encodeURIComponent(container.dataset.asOf) : "";
  }

  function openPanel(title) {
    panel.hidden = false;
    panelBody.replaceChildren();
    const h = el("h3", null, "panel-title");
    h.append(...title);
    panelBody.append(h);
    return panelBody;
  }

  function claimList(claims, against) {
    const ul = el("ul", null, "evidence panel-claims");
    for (const c of claims) {
      const li = el("li", null, "m-" + c.modality + " p-" + c.polarity);
      li.dataset.claim = c.claim;
      li.append(el("q", c.text.trim(), "sentence"));
      const meta = el("div", null, "claim-meta");
      meta.append(document.createTextNode(
        (against ? "denied by " : "") + c.source + " · " + c.modality + " · " +
        (c.published || "undated") + " · "));
      const a = el("a", "open " + (c.title || "the document") + " at this sentence", "doc-link");
      a.href = "/documents/" + encodeURIComponent(c.document).replace(/%3A/g, ":") +
        "#at-" + c.start;
      meta.append(a);
      li.append(meta);
      ul.append(li);
    }
    return ul;
  }

  let factRequest = 0;

  function showFact(edge) {
    const d = edge.data();
    const arrow = d.symmetric ? " —" : " →";
    const body = openPanel([actorLink(d.source.slice(1), cy.getElementById(d.source).data("label")),
      el("span", " " + (d.denied ? "NOT " : "") + d.predicate + arrow + " ", "pred"),
      actorLink(d.target.slice(1), cy.getElementById(d.target).data("label"))]);
    const tags = el("p", null, "fact-tags");
    tags.append(el("span", d.cls, "badge edge-tag edge-" + d.cls),
      el("span", d.denied ? "denied" : HEDGED.has(d.modality) ? "hedged (" + d.modality + ")"
        : "firm (" + d.modality + ")", "badge"));
    if (d.contested) tags.append(el("span", "contested", "badge contested-tag"));
    body.append(tags, el("p", "Loading the evidence…", "muted"));
    const q = new URLSearchParams({subject: d.source.slice(1), predicate: d.predicate,
                                   object: d.target.slice(1)});
    if (container.dataset.asOf) q.set("as_of", container.dataset.asOf);
    const mine = ++factRequest;
    fetch("/api/fact?" + q.toString())
      .then((r) => r.ok ? r.json() : r.json().then((e) => Promise.reject(e.error || r.status)))
      .then((f) => {
        if (mine !== factRequest) return;
        body.lastChild.remove();
        const mark = body.querySelector(".contested-tag");
        if (mark) {  // why it is contested: denials, or the other side's relation
          mark.textContent = f.claims_against
            ? "contested: " + f.claims_against + " claim" + (f.claims_against > 1 ? "s" : "") +
              " against"
            : "contested: a hostile and an aligned relation link these two";
        }
        const grade = el("p", null, "grade");
        grade.append(el("strong", f.grade.code, "grade-code"),
          document.createTextNode(" · score " + f.score.toFixed(2) +
            (f.confidence !== null && f.confidence !== undefined
              ? " · confidence " + f.confidence.toFixed(2) : "") +
            " · " + f.claims_for + " for, " + f.claims_against + " against · seen " +
            (f.first_seen || "?") + " – " + (f.last_seen || "?")));
        body.append(grade, el("p", f.grade.explanation || "", "explanation"));
        body.append(el("h4", "For (" + f.claims.for.length + ")"), claimList(f.claims.for, false));
        if (f.claims.against.length) {
          body.append(el("h4", "Against (" + f.claims.against.length + ")", "neg"),
                      claimList(f.claims.against, true));
        }
        panel.dataset.fact = d.id;
      })
      .catch((err) => {
        if (mine === factRequest) body.lastChild.textContent = "Could not load the fact: " + err;
      });
  }

  function button(text, action, cls) {
    const b = el("button", text, cls);
    b.type = "button";
    b.addEventListener("click", action);
    return b;
  }

  function showActor(node) {
    const d = node.data();
    const body = openPanel([el("span", d.label)]);
    const tags = el("p", null, "fact-tags");
    tags.append(el("span", d.type.replace("_", " "), "badge node-" + d.type),
                el("span", d.degree + " facts", "badge"));
    const actions = el("div", null, "panel-actions");
    const profile = actorLink(d.actor, "Open profile");
    profile.className = "button";
    profile.id = "open-profile";
    actions.append(profile,
      button("Focus: 1 hop", () => focusOn(d.id, 1), "focus-1"),
      button("Focus: 2 hops", () => focusOn(d.id, 2), "focus-2"),
      button("Expand neighbours", () => expand(d.id), "expand"),
      button(pinned.has(d.id) ? "Unpin" : "Pin", () => { togglePin(d.id); showActor(node); },
             "pin"));
    body.append(tags, actions);
    const facts = node.connectedEdges().filter((e) => !e.hasClass("hidden"));
    body.append(el("h4", "Facts shown (" + facts.length + ")"));
    const ul = el("ul", null, "panel-facts");
    facts.sort((a, b) => b.data("confidence") - a.data("confidence")).slice(0, 30)
      .forEach((e) => {
        const li = el("li");
        const a = el("a", cy.getElementById(e.data("source")).data("label") + " " +
          e.data("label") + " " + cy.getElementById(e.data("target")).data("label"));
        a.href = "#";
        a.addEventListener("click", (ev) => { ev.preventDefault(); select(e); });
        li.append(a);
        ul.append(li);
      });
    body.append(ul);
  }

  function select(target) {
    cy.$(":selected").unselect();
    cy.edges(".nb").removeClass("nb");
    target.select();
    sticky = true;
    if (target.isEdge()) showFact(target);
    else {
      target.connectedEdges().addClass("nb");  // predicate labels on selection
      showActor(target);
    }
    relabel();
  }

  function closePanel() {
    panel.hidden = true;
    sticky = false;
    if (cy) { cy.$(":selected").unselect(); cy.edges(".nb").removeClass("nb"); }
  }

  // -- focus, expand, pin, search -------------------------------------------------------

  function suggestNames() {
    const names = document.getElementById("actor-names");
    if (names.dataset.for === String(byDegree.length) + ":" + byDegree[0]) return;
    names.dataset.for = String(byDegree.length) + ":" + byDegree[0];
    names.replaceChildren(...byDegree.map((id) => {
      const o = document.createElement("option");
      o.value = nodeEls.get(id).data.label;
      return o;
    }));
  }

  function edgesOf(id) {
    if (!adjacency) {
      adjacency = new Map();
      for (const e of allEdges) {
        for (const end of [e.data.source, e.data.target]) {
          if (!adjacency.has(end)) adjacency.set(end, []);
          adjacency.get(end).push(e);
        }
      }
    }
    return adjacency.get(id) || [];
  }

  function neighbours(ids, c) {
    const out = new Set(ids);
    const saveFocus = focus;
    focus = null;  // neighbours by the other filters, whatever is in focus now
    for (const id of ids) {
      for (const e of edgesOf(id)) {
        if (passes(e.data, c)) { out.add(e.data.source); out.add(e.data.target); }
      }
    }
    focus = saveFocus;
    return out;
  }

  function focusOn(id, hops) {
    const c = criteria();
    let ring = new Set([id]);
    const level = new Map([[id, 0]]);
    for (let h = 1; h <= hops; h++) {
      ring = neighbours(ring, c);
      for (const n of ring) if (!level.has(n)) level.set(n, h);
    }
    focus = new Set([...ring, ...pinned]);
    admitNode(id);
    if (!saved) {
      saved = new Map();
      cy.nodes().forEach((n) => saved.set(n.id(), {...n.position()}));
    }
    apply();
    const shown = cy.collection();
    for (const n of focus) shown.merge(cy.getElementById(n));
    shown.merge(shown.edgesWith(shown).filter((e) => !e.hasClass("hidden")));
    shown.layout({name: "concentric", animate: false, fit: false, avoidOverlap: true,
      minNodeSpacing: 30, concentric: (n) => hops + 1 - (level.get(n.id()) ?? hops + 1),
      levelWidth: () => 1}).run();
    const node = cy.getElementById(id);
    if (node.length) select(node);
    fitBeside(shown);
    document.getElementById("clear-focus").hidden = false;
    relabel();
  }

  function expand(id) {
    if (!focus) { focusOn(id, 1); return; }
    const c = criteria();
    const before = new Set(focus);
    for (const n of neighbours([id], c)) focus.add(n);
    apply();
    // the new neighbours in a ring around the one expanded
    const centre = cy.getElementById(id).position();
    const fresh = [...focus].filter((n) => !before.has(n));
    fresh.forEach((n, i) => {
      const node = cy.getElementById(n);
      if (!node.length || node.locked()) return;
      const a = 2 * Math.PI * i / fresh.length;
      node.position({x: centre.x + 120 * Math.cos(a), y: centre.y + 120 * Math.sin(a)});
    });
    const shown = cy.collection();
    for (const n of focus) shown.merge(cy.getElementById(n));
    fitBeside(shown);
    relabel();
  }

  function fitBeside(shown) {
    // fit these elements into the part of the canvas the side panel leaves free
    cy.fit(shown, 40);
    if (!panel.hidden) {
      const free = container.clientWidth - panel.offsetWidth;
      if (free > 200) {
        cy.zoom({level: cy.zoom() * free / container.clientWidth,
                 renderedPosition: {x: 0, y: container.clientHeight / 2}});
      }
    }
  }

  function clearFocus() {
    focus = null;
    if (saved) {
      cy.batch(() => cy.nodes().forEach((n) => {
        const p = saved.get(n.id());
        if (p && !n.locked()) n.position(p);
      }));
      saved = null;
    }
    document.getElementById("clear-focus").hidden = true;
    apply();
    if (big) { cy.viewport(viewport(radius)); } else cy.fit(undefined, 20);
    relabel();
  }

  function togglePin(id) {
    const n = cy.getElementById(id);
    if (pinned.has(id)) { pinned.delete(id); n.unlock(); n.removeClass("pinned"); }
    else { pinned.add(id); n.lock(); n.addClass("pinned"); }
  }

  function search(ev) {
    ev.preventDefault();
    const box = document.getElementById("graph-search");
    const q = box.value.trim().toLowerCase();
    const out = document.getElementById("search-result");
    cy.nodes(".found").removeClass("found");
    if (!q) { out.textContent = ""; return; }
    const matches = [...nodeEls.values()].filter((n) => n.data.label.toLowerCase().includes(q))
      .sort((a, b) => (a.data.label.toLowerCase() === q ? 0 : 1) -
                      (b.data.label.toLowerCase() === q ? 0 : 1) ||
                      b.data.degree - a.data.degree);
    if (!matches.length) { out.textContent = "No actor in the graph matches."; return; }
    out.textContent = matches.length === 1 ? "1 match" : matches.length + " matches; " +
      "focused on the best-linked";
    matches.slice(0, 50).forEach((m) => admitNode(m.data.id));
    focusOn(matches[0].data.id, 1);
    matches.slice(0, 50).forEach((m) => cy.getElementById(m.data.id).addClass("found"));
    relabel();
  }

  // -- drawing ------------------------------------------------------------------------

  const FIRST = 3000; // facts drawn at first; the weaker ones of a big network wait
  let radius = 0;

  function draw(data) {
    window.tnTiming = {data: performance.now()};
    performance.mark("tn-data");
    big = data.nodes.length > BIG || data.edges.length > 5 * BIG;
    if (cy) cy.destroy();
    focus = null; saved = null; pinned.clear();
    document.getElementById("clear-focus").hidden = true;
    const all = elements(data);
    const nodes = all.slice(0, data.nodes.length);
    const edges = all.slice(data.nodes.length)
      .sort((a, b) => b.data.confidence - a.data.confidence);
    nodeEls = new Map(nodes.map((n) => [n.data.id, n]));
    allEdges = edges;
    adjacency = null;  // built on the first focus
    byDegree = [...nodes].sort((a, b) => b.data.degree - a.data.degree).map((n) => n.data.id);
    filters(data);
    let first = all, view = {};
    reserve = []; waiting = new Map();
    for (const e of edges) e.classes = certainty(e.data).trim();
    if (big) {
      radius = rings(nodes);
      view = viewport(radius);
      for (const x of all) x.classes = bigClasses(x);
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
      // the first labels from the known positions: no second drawing for them
      const shownIds = new Set(first.map((x) => x.data.id));
      const candidates = byDegree.filter((id) => shownIds.has(id)).map((id) => {
        const n = nodeEls.get(id);
        return [id, n.data.label, n.position.x, n.position.y, n.data.degree];
      });
      for (const id of placeLabels(candidates, view.zoom, view.pan)) {
        const n = nodeEls.get(id);
        n.classes += " lbl";
        n.data.fs = LABEL_PX / view.zoom;
      }
    }
    performance.mark("tn-elements");
    cy = cytoscape({
      container: container, elements: first, style: style(),
      zoom: view.zoom, pan: view.pan,
      layout: big ? {name: "preset", fit: false}
                  : {name: "cose", animate: false, randomize: false, nodeRepulsion: 60000,
                     idealEdgeLength: 70, nodeOverlap: 20},
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
      minZoom: 0.05, maxZoom: 4, selectionType: "single", boxSelectionEnabled: false,
    });
    window.tnCy = cy;
    window.tnTiming.built = performance.now();
    performance.mark("tn-built");
    cy.on("tap", "node, edge", (evt) => select(evt.target));
    cy.on("tap", (evt) => { if (evt.target === cy) closePanel(); });
    cy.on("dbltap", "node", (evt) => {
      location.href = "/actors/" + encodeURIComponent(evt.target.data("actor")) + asOfQuery();
    });
    let hovering = 0;
    cy.on("mouseover", "node, edge", (evt) => {
      const target = evt.target;
      target.addClass("hover");
      if (target.isNode()) target.data("fs", LABEL_PX / cy.zoom());
      else {
        target.data("fs", LABEL_PX / cy.zoom());
        clearTimeout(hovering);  // hovering previews the evidence; a click keeps it
        hovering = setTimeout(() => { if (!sticky) showFact(target); }, 250);
      }
    });
    cy.on("mouseout", "node, edge", (evt) => {
      evt.target.removeClass("hover");
      clearTimeout(hovering);
    });
    cy.on("viewport", relabelSoon);
    cy.on("free", "node", relabelSoon);
    if (big) {
      const actors = cy.nodes().filter((n) => ACTOR_TYPES.has(n.data("type"))).length;
      report(cy.edges().length, actors, cy.nodes().length - actors);
    } else apply();
    cy.one("render", () => {
      window.tnReady = performance.now();
      performance.mark("tn-ready");
      if (big) container.dataset.ready = "1";  // labelled before it was built
      else {
        setTimeout(() => {  // after the first frame: the page answers input meanwhile
          relabel();
          container.dataset.ready = "1";
        }, 0);
      }
    });
    if (!big) cy.resize();  // a big network's second full redraw would cost a long task
  }

  function load(first) {
    container.dataset.ready = "";
    closePanel();
    // the first load asks for exactly what the page preloads (same URL and mode)
    fetch(first === true ? container.dataset.src : url())
      .then((r) => { window.tnFetched = performance.now(); return r; })
      .then((r) => r.ok ? r.json() : r.json().then((e) => Promise.reject(e.error || r.status)))
      .then(draw)
      .catch((err) => { summary.textContent = "Could not load the network: " + err; });
  }

  function slideTime() {
    // the slider sets the "seen between" months and redraws
    const a = document.getElementById("time-from"), b = document.getElementById("time-to");
    if (+a.value > +b.value) (this === a ? b : a).value = this.value;
    document.getElementById("date-from").value = months[+a.value] || "";
    document.getElementById("date-to").value = months[+b.value] || "";
    document.getElementById("time-value").textContent =
      (months[+a.value] || "…") + " – " + (months[+b.value] || "…");
    apply();
  }

  for (const id of ["min-confidence", "date-from", "date-to"]) {
    document.getElementById(id).addEventListener("input", apply);
  }
  for (const id of ["time-from", "time-to"]) {
    document.getElementById(id).addEventListener("input", slideTime);
  }
  document.getElementById("graph-find").addEventListener("submit", search);
  // the search box's suggestions: every name, listed when the box is first used
  document.getElementById("graph-search").addEventListener("focus", suggestNames);
  document.getElementById("clear-focus").addEventListener("click", clearFocus);
  document.getElementById("panel-close").addEventListener("click", closePanel);
  allTypes.addEventListener("change", load);
  deniedBox.addEventListener("change", load);
  window.tnGraph = {focusOn: (name, hops) => {
    const n = [...nodeEls.values()].find((x) => x.data.label === name);
    if (n) focusOn(n.data.id, hops || 1);
  }, clearFocus: clearFocus};
  load(true);
})();
