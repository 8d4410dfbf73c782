// The actor page: filter its facts by class, modality, source, grade and the months they
// were seen in, and sort them, in place. Each fact (its row and its evidence) is one
// <tbody class="fact-group"> whose data-* attributes carry what the filters read.
(function () {
  "use strict";
  const form = document.getElementById("fact-filters");
  if (!form) return;
  const RANK = ["asserted", "reported", "alleged", "believed", "possible", "hypothetical"];
  const groups = [...document.querySelectorAll("tbody.fact-group")];
  const total = groups.length;

  function strongest(g) {
    const ranks = g.dataset.modality.split(" ").filter(Boolean).map((m) => RANK.indexOf(m));
    return ranks.length ? Math.min(...ranks) : RANK.length;
  }

  function gradeKey(code) {
    // A1 best, F6 worst: reliability letter, then credibility digit
    return code.charCodeAt(0) * 10 + parseInt(code.slice(1) || "9", 10);
  }

  const SORTS = {
    score: (a, b) => parseFloat(b.dataset.score) - parseFloat(a.dataset.score),
    grade: (a, b) => gradeKey(a.dataset.grade) - gradeKey(b.dataset.grade),
    last: (a, b) => (b.dataset.last || "").localeCompare(a.dataset.last || ""),
    first: (a, b) => (a.dataset.first || "\uffff").localeCompare(b.dataset.first || "\uffff"),
    sources: (a, b) => parseInt(b.dataset.independent, 10) - parseInt(a.dataset.independent, 10),
    modality: (a, b) => strongest(a) - strongest(b),
  };

  function update() {
    const f = new FormData(form);
    const cls = f.get("class"), modality = f.get("modality"), source = f.get("source");
    const grade = f.get("grade"), from = f.get("from"), to = f.get("to");
    let shown = 0;
    for (const g of groups) {
      const d = g.dataset;
      const ok = (!cls || d.class === cls) &&
        (!modality || d.modality.split(" ").includes(modality)) &&
        (!source || d.sources.split("|").includes(source)) &&
        (!grade || d.grade === grade) &&
        (!from || !d.last || d.last.slice(0, 7) >= from) &&
        (!to || !d.first || d.first.slice(0, 7) <= to);
      g.hidden = !ok;
      if (ok) shown++;
    }
    for (const section of document.querySelectorAll("section.fact-class")) {
      section.hidden = !section.querySelector("tbody.fact-group:not([hidden])");
    }
    const order = SORTS[f.get("sort")] || SORTS.score;
    for (const table of document.querySelectorAll("table.facts")) {
      const mine = [...table.querySelectorAll("tbody.fact-group")];
      mine.sort((a, b) => order(a, b) || SORTS.score(a, b));
      table.append(...mine);  // moved in the sorted order, after the header
    }
    form.elements.shown.value = shown + " of " + total + " facts shown";
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("submit", (ev) => ev.preventDefault());
  update();
})();
