// Follows a translation job while it runs and reloads its page once it has finished, so the
// final figures and the failed pages show.
(() => {
  const POLL_MS = 2000;
  const job = document.querySelector("[data-translation-job]");
  if (!job || job.dataset.finished === "true") {
    return;
  }
  const bar = job.querySelector("progress");
  const text = job.querySelector("[data-job-progress-text]");
  const status = job.querySelector("[data-job-status]");

  const poll = async () => {
    try {
      const response = await fetch(job.dataset.statusUrl, {
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const state = await response.json();
        bar.max = Math.max(state.total, 1);
        bar.value = state.handled;
        bar.textContent = state.progress_text;
        text.textContent = state.progress_text;
        status.textContent = state.status_label;
        if (state.finished) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // A dropped connection or an expired session: the next poll tries again.
    }
    window.setTimeout(poll, POLL_MS);
  };
  window.setTimeout(poll, POLL_MS);
})();
