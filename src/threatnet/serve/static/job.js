// A posted report's progress page: follows /api/jobs/{id} once a second and opens
// the stored document when the job is done (the server answers the page itself
// with a redirect once it is). Text is set with textContent only.
(function () {
  "use strict";
  const box = document.getElementById("job");
  if (!box) return;
  const bar = document.getElementById("job-progress");
  const state = document.getElementById("job-state");
  const WORDS = {queued: "waiting to start", extracting: "extracting claims",
                 saving: "saving", done: "stored", failed: "failed"};

  async function poll() {
    let data;
    try {
      const r = await fetch(`/api/jobs/${encodeURIComponent(box.dataset.job)}`,
                            {credentials: "same-origin"});
      data = await r.json();
      if (!r.ok) throw new Error(data.error || `the server answered ${r.status}`);
    } catch (err) {
      state.textContent = `Cannot follow the job: ${err.message}`;
      return;
    }
    bar.value = data.progress;
    bar.textContent = `${Math.round(data.progress * 100)}%`;
    const pct = data.state === "extracting" ? ` (about ${Math.round(data.progress * 100)}%, ` +
      `${Math.round(data.elapsed)} s)` : "";
    state.textContent = (WORDS[data.state] || data.state) + pct +
      (data.error ? `: ${data.error}` : "");
    box.dataset.state = data.state;
    if (data.state === "done" && data.result) {
      location.assign(`/documents/${encodeURIComponent(data.result.document)}` +
                      `?added=${encodeURIComponent(data.result.outcome)}`);
    } else if (data.state !== "failed") {
      setTimeout(poll, 1000);
    }
  }
  setTimeout(poll, 500);
})();
