// The document page's "Add a claim…": what the machine missed, from the text's own words.
// The analyst selects the sentence in the text (its offsets are counted from the
// segments' ids, `at-<offset>`), picks subject, predicate, object, modality, polarity and
// source, and the claim is posted as JSON to /api/documents/{id}/claims with the page's
// CSRF token. The stored claim is added to the list, built with textContent only.
(function () {
  "use strict";
  const bar = document.getElementById("review-bar");
  const form = document.getElementById("add-claim-form");
  const open = document.getElementById("add-claim-open");
  const text = document.getElementById("doc-text");
  if (!bar || !form || !open || !text) return;
  const evidence = document.getElementById("add-claim-evidence");
  const error = document.getElementById("add-claim-error");
  const done = document.getElementById("add-claim-done");
  const token = document.getElementById("review-token");
  const signin = document.getElementById("reviewer-signin");
  let selected = null;  // {start, end, text}

  // the offset in the document's text of a point of the selection
  function offsetOf(node, offset) {
    const segment = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)
      .closest("[id^='at-']");
    if (!segment || !text.contains(segment)) return null;
    let before = 0;
    const walker = document.createTreeWalker(segment, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n === node) return Number(segment.id.slice(3)) + before + offset;
      before += n.textContent.length;
    }
    // the point is the element itself: offset counts its children
    return Number(segment.id.slice(3)) + (offset ? segment.textContent.length : 0);
  }

  function readSelection() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return null;
    const chosen = range.toString();
    const lead = chosen.length - chosen.trimStart().length;  // no blank edges
    const tail = chosen.length - chosen.trimEnd().length;
    start += lead;
    end -= tail;
    return end > start ? {start, end, text: chosen.trim()} : null;
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  function show() {
    const now = readSelection();
    if (now) selected = now;
    form.hidden = false;
    open.setAttribute("aria-expanded", "true");
    done.hidden = true;
    if (selected) {
      evidence.textContent = selected.text;
      form.elements.evidence_start.value = selected.start;
      form.elements.evidence_end.value = selected.end;
      showError("");
      form.elements.subject.focus();
    } else {
      evidence.textContent = "";
      showError("Select the sentence that states the claim in the text first.");
    }
  }

  function hide() {
    form.hidden = true;
    open.setAttribute("aria-expanded", "false");
  }

  text.addEventListener("mouseup", () => {
    const now = readSelection();
    if (!now) return;
    selected = now;
    if (!form.hidden) show();
  });
  open.addEventListener("mousedown", () => {  // before the click takes the selection away
    const now = readSelection();
    if (now) selected = now;
  });
  open.addEventListener("click", () => (form.hidden ? show() : hide()));
  document.getElementById("add-claim-cancel").addEventListener("click", hide);

  function card(c) {
    const li = document.createElement("li");
    li.className = `claim m-${c.modality} p-${c.polarity} rv-${c.status} added`;
    li.id = `claim-${c.id}`;
    li.dataset.claimId = c.id;
    const body = document.createElement("div");
    body.className = "claim-body";
    const parts = [c.subject, c.polarity === "negated" ? "NOT" : "", c.predicate, c.object];
    body.textContent = parts.filter(Boolean).join(" ");
    const quote = document.createElement("blockquote");
    quote.className = "claim-sentence";
    quote.textContent = c.evidence.text;
    const meta = document.createElement("div");
    meta.className = "claim-meta";
    meta.textContent = `added by ${c.reviewer} · ${c.modality} · ${c.polarity} · source: ` +
      `${c.source || "(author)"} · ${c.status}`;
    li.append(body, quote, meta);
    return li;
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (signin) {
      showError("Sign in first: a claim is signed by your account.");
      return;
    }
    if (!selected) {
      showError("Select the sentence that states the claim in the text first.");
      return;
    }
    const f = form.elements;
    const body = {subject: f.subject.value.trim(), predicate: f.predicate.value,
                  object: f.object.value.trim(), modality: f.modality.value,
                  polarity: f.polarity.value, source: f.source.value.trim() || null,
                  start: f.start.value.trim() || null, end: f.end.value.trim() || null,
                  evidence_start: selected.start, evidence_end: selected.end};
    const headers = {"Content-Type": "application/json", "X-CSRF-Token": bar.dataset.csrf};
    if (token && token.value) headers.Authorization = "Bearer " + token.value;
    const save = document.getElementById("add-claim-save");
    save.disabled = true;
    try {
      const r = await fetch(`/api/documents/${encodeURIComponent(bar.dataset.documentId)}/claims`,
                            {method: "POST", headers, body: JSON.stringify(body),
                             credentials: "same-origin"});
      const data = await r.json().catch(() => ({error: `the server answered ${r.status}`}));
      if (!r.ok) {
        showError(`Not saved: ${data.error || "the server answered " + r.status}`);
        return;
      }
      showError("");
      const list = document.getElementById("claims");
      list.prepend(card(data));
      done.textContent = `Claim added: ${data.subject} ${data.predicate} ${data.object} ` +
        `(claim ${data.id}, accepted by ${data.reviewer}).`;
      done.hidden = false;
      done.dataset.claimId = data.id;
      hide();
      form.reset();
      selected = null;
    } catch (err) {
      showError("Not saved: the server could not be reached.");
    } finally {
      save.disabled = false;
    }
  });
})();
