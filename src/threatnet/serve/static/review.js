// The document page's review buttons: Accept, Reject, Correct and Reset beside each claim.
// Each click posts one decision to /api/claims/{id}/review as JSON, with the page's CSRF
// token, the version of the claim shown (a decision someone else made since is refused
// with 409 and shown as a message). The server signs the decision with the reviewer's
// account (the sign-in cookie or the token typed here), never with a name the page sends.
// The answer is the claim as reviewed; the claim is redrawn from it, with textContent only.
(function () {
  "use strict";
  const bar = document.getElementById("review-bar");
  const form = document.getElementById("correct-form");
  if (!bar || !form) return;
  const token = document.getElementById("review-token");
  const signin = document.getElementById("reviewer-signin");

  function machineText(m) {
    return `${m.subject} ${m.polarity === "negated" ? "NOT " : ""}${m.predicate} ${m.object} ` +
      `(${m.modality}, ${m.polarity}, source: ${m.source || "(author)"})`;
  }

  function setClass(el, prefix, value) {
    for (const cls of [...el.classList]) if (cls.startsWith(prefix)) el.classList.remove(cls);
    el.classList.add(prefix + value);
  }

  function markRejected() {
    const status = {};
    for (const li of document.querySelectorAll("li.claim[data-claim-id]")) {
      status[li.dataset.claimId] = li.classList.contains("rv-rejected");
    }
    let counts = {};
    for (const li of document.querySelectorAll("li.claim[data-claim-id]")) {
      const s = li.querySelector(".rv-status").textContent;
      counts[s] = (counts[s] || 0) + 1;
    }
    for (const m of document.querySelectorAll("mark.ev[data-claim-ids]")) {
      m.classList.toggle("rejected", m.dataset.claimIds.split(" ").every((id) => status[id]));
    }
    document.getElementById("review-counts").textContent =
      Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(" · ");
  }

  function redraw(li, c) {
    const actions = li.querySelector(".claim-actions");
    actions.dataset.version = c.version;
    setClass(li, "rv-", c.status);
    setClass(li, "m-", c.modality);
    setClass(li, "p-", c.polarity);
    Object.assign(li.dataset, {predicate: c.predicate, modality: c.modality,
                               polarity: c.polarity, source: c.source || ""});
    li.querySelector(".pred").textContent = c.predicate;
    li.querySelector(".modality").textContent = c.modality;
    li.querySelector(".polarity").textContent = c.polarity;
    li.querySelector(".source").textContent = c.source || "(author)";
    li.querySelector(".confidence").textContent = Number(c.confidence).toFixed(2);
    li.querySelector(".neg").hidden = c.polarity !== "negated";
    actions.querySelector(".rv-status").textContent = c.status;
    actions.querySelector(".rv-by").textContent = c.reviewer ? ` by ${c.reviewer}` : "";
    actions.querySelector(".rv-reset").hidden = c.status === "unreviewed";
    const corrected = c.machine && Object.keys(c.correction || {}).length > 0;
    actions.querySelector(".rv-machine").hidden = !corrected;
    actions.querySelector(".rv-machine-text").textContent = corrected ? machineText(c.machine) : "";
    for (const m of document.querySelectorAll("mark.ev[data-claim-ids]")) {
      if (m.dataset.claimIds.split(" ")[0] === String(c.id)) setClass(m, "m-", c.modality);
    }
    markRejected();
  }

  function writeHeaders() {
    const headers = {"Content-Type": "application/json", "X-CSRF-Token": bar.dataset.csrf};
    if (token && token.value) headers.Authorization = "Bearer " + token.value;
    return headers;
  }

  function showError(li, text) {
    const p = li.querySelector(".rv-error");
    p.textContent = text;
    p.hidden = !text;
  }

  async function decide(li, action, changes) {
    if (signin) {
      showError(li, "Sign in first (above the claims): decisions are signed by your account.");
      signin.focus();
      return false;
    }
    const actions = li.querySelector(".claim-actions");
    const body = {action, expected_version: Number(actions.dataset.version)};
    if (changes) body.changes = changes;
    const buttons = actions.querySelectorAll("button");
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const r = await fetch(`/api/claims/${encodeURIComponent(li.dataset.claimId)}/review`,
                            {method: "POST", headers: writeHeaders(), body: JSON.stringify(body),
                             credentials: "same-origin"});
      const data = await r.json().catch(() => ({error: `the server answered ${r.status}`}));
      if (r.ok) {
        showError(li, "");
        redraw(li, data);
        return true;
      }
      if (r.status === 409 && data.current) {
        redraw(li, data.current);
        showError(li, "Not saved — someone else decided on this claim since you loaded the " +
                      `page: ${data.error}. It is shown as it is now; decide again if you ` +
                      "still disagree.");
      } else {
        showError(li, `Not saved: ${data.error || "the server answered " + r.status}`);
      }
    } catch (err) {
      showError(li, "Not saved: the server could not be reached.");
    } finally {
      buttons.forEach((b) => { b.disabled = false; });
    }
    return false;
  }

  function openForm(li) {
    const actions = li.querySelector(".claim-actions");
    actions.insertBefore(form, actions.querySelector(".rv-machine"));
    form.dataset.claimId = li.dataset.claimId;
    form.elements.predicate.value = li.dataset.predicate;
    form.elements.modality.value = li.dataset.modality;
    form.elements.polarity.value = li.dataset.polarity;
    form.elements.source.value = li.dataset.source;
    form.hidden = false;
    actions.querySelector("[data-action=correct]").setAttribute("aria-expanded", "true");
    form.elements.predicate.focus();
  }

  function closeForm() {
    form.hidden = true;
    document.querySelectorAll("[data-action=correct]").forEach(
      (b) => b.setAttribute("aria-expanded", "false"));
  }

  for (const button of document.querySelectorAll(".claim-actions button.rv-button")) {
    button.addEventListener("click", (ev) => {
      ev.stopPropagation();
      const li = button.closest("li.claim");
      if (button.dataset.action === "correct") {
        if (!form.hidden && form.dataset.claimId === li.dataset.claimId) closeForm();
        else openForm(li);
        return;
      }
      decide(li, button.dataset.action);
    });
  }
  form.addEventListener("click", (ev) => ev.stopPropagation());
  form.querySelector(".rv-cancel").addEventListener("click", closeForm);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const li = document.getElementById("claim-" + form.dataset.claimId);
    const changes = {};
    for (const field of ["predicate", "modality", "polarity", "source"]) {
      const value = form.elements[field].value.trim();
      if (value !== (li.dataset[field] || "")) changes[field] = value;
    }
    if (!Object.keys(changes).length) {
      showError(li, "Nothing changed: pick another value, or Accept the claim as it is.");
      return;
    }
    if (await decide(li, "correct", changes)) closeForm();
  });
  markRejected();
})();
