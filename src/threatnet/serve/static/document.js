// The document page: a claim and its evidence highlight point at each other.
// Hovering or focusing a claim lights up its marks in the text; clicking a mark
// brings its claims into view. Elements are found by their data-claim-id(s).
(function () {
  "use strict";
  const marks = [...document.querySelectorAll("mark.ev[data-claim-ids]")];
  function marksOf(id) {
    return marks.filter((m) => m.dataset.claimIds.split(" ").includes(String(id)));
  }
  for (const li of document.querySelectorAll("li.claim[data-claim-id]")) {
    const on = () => marksOf(li.dataset.claimId).forEach((m) => m.classList.add("focus"));
    const off = () => marksOf(li.dataset.claimId).forEach((m) => m.classList.remove("focus"));
    li.addEventListener("mouseenter", on);
    li.addEventListener("mouseleave", off);
    li.addEventListener("click", (ev) => {
      if (ev.target.closest("a, button")) return;
      const first = marksOf(li.dataset.claimId)[0];
      if (first) first.scrollIntoView({block: "center", behavior: "smooth"});
    });
  }
  for (const m of marks) {
    m.addEventListener("click", () => {
      document.querySelectorAll("li.claim.focus").forEach((li) => li.classList.remove("focus"));
      const ids = m.dataset.claimIds.split(" ");
      ids.forEach((id) => document.getElementById("claim-" + id)?.classList.add("focus"));
      document.getElementById("claim-" + ids[0])?.scrollIntoView({block: "nearest"});
    });
  }
})();
