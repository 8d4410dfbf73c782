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
  const BIG = 300; // above this many nodes: cheap layout and drawing
  const container = document.getElementById("cy");
  const summary = document.getElementById("summary");
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
    const els = [];
    for (const n of data.nodes) {
      els.push({group: "nodes", data: {id: "n" + n.id, actor: n.id, label: n.name,
        type: n.type, degree: n.degree}});
    }
    for (const e of data.edges) {
      els.push({group: "edges", data: {id: e.id, source: "n" + e.source, target: "n" + e.target,
        predicate: e.predicate, cls: e.class, confidence: e.confidence,
        first: (e.first_seen || "").slice(0, 7), last: (e.last_seen || "").slice(0, 7)}});
    }
    return els;
  }

  function style(big) {
    return [
      {selector: "node", style: {
        "background-color": (n) => TYPE_COLOURS[n.data("type")] || "#555",
        "label": "data(label)", "font-size": big ? 6 : 10, "color": "#222",
        "min-zoomed-font-size": big ? 10 : 4, "text-valign": "bottom", "text-margin-y": 2,
        "width": big ? "mapData(degree, 1, 60, 6, 30)" : "mapData(degree, 1, 12, 14, 40)",
        "height": big ? "mapData(degree, 1, 60, 6, 30)" : "mapData(degree, 1, 12, 14, 40)"}},
      {selector: "edge", style: {
        "line-color": (e) => CLASS_COLOURS[e.data("cls")] || "#999",
        "target-arrow-color": (e) => CLASS_COLOURS[e.data("cls")] || "#999",
        "width": "mapData(confidence, 0, 1, 0.5, 5)",
        "opacity": "mapData(confidence, 0, 1, 0.25, 0.95)",
        "curve-style": big ? "haystack" : "bezier",
        "target-arrow-shape": big ? "none" : "triangle", "arrow-scale": 0.7}},
      {selector: ".hidden", style: {"display": "none"}},
      {selector: "node:selected", style: {"border-width": 3, "border-color": "#000"}},
    ];
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

  function apply() {
    if (!cy) return;
    const classes = new Set([...document.querySelectorAll(".class-filter:checked")]
      .map((i) => i.value));
    const min = parseFloat(document.getElementById("min-confidence").value);
    document.getElementById("conf-value").textContent = min.toFixed(2);
    const from = document.getElementById("date-from").value;
    const to = document.getElementById("date-to").value;
    let shown = 0;
    cy.batch(() => {
      cy.edges().forEach((e) => {
        const d = e.data();
        const ok = classes.has(d.cls) && d.confidence >= min &&
          (!from || !d.last || d.last >= from) && (!to || !d.first || d.first <= to);
        if (ok) { e.removeClass("hidden"); shown++; } else e.addClass("hidden");
      });
      cy.nodes().forEach((n) => {
        if (n.connectedEdges(":visible").length || (!n.connectedEdges().length)) {
          n.removeClass("hidden");
        } else n.addClass("hidden");
      });
    });
    summary.textContent = cy.nodes(":visible").length + " actors, " + shown + " facts shown";
  }

  function draw(data) {
    const big = data.nodes.length > BIG;
    if (cy) cy.destroy();
    cy = cytoscape({
      container: container, elements: elements(data), style: style(big),
      layout: big ? {name: "concentric", concentric: (n) => n.data("degree"),
                     levelWidth: () => 4, minNodeSpacing: 2, animate: false}
                  : {name: "cose", animate: false, randomize: false, nodeRepulsion: 400000,
                     idealEdgeLength: 100, nodeOverlap: 20},
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : "auto",
      minZoom: 0.05, maxZoom: 4,
    });
    window.tnCy = cy;
    cy.on("tap", "node", (evt) => {
      location.href = "/actors/" + encodeURIComponent(evt.target.data("actor")) +
        (container.dataset.asOf ? "?as_of=" + encodeURIComponent(container.dataset.asOf) : "");
    });
    filters(data);
    apply();
    cy.one("render", () => {
      window.tnReady = performance.now();
      container.dataset.ready = "1";
    });
    cy.resize();
  }

  function load() {
    container.dataset.ready = "";
    fetch(url(), {headers: {"Accept": "application/json"}})
      .then((r) => r.ok ? r.json() : r.json().then((e) => Promise.reject(e.error || r.status)))
      .then(draw)
      .catch((err) => { summary.textContent = "Could not load the network: " + err; });
  }

  for (const id of ["min-confidence", "date-from", "date-to"]) {
    document.getElementById(id).addEventListener("input", apply);
  }
  allTypes.addEventListener("change", load);
  load();
})();
