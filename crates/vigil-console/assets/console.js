// Vigil console: small progressive enhancements; every page works without script.
"use strict";

// A running batch: poll its status and move the progress bar; reload when it is done.
function watchBatch(el) {
  const url = el.getAttribute("data-status");
  const bar = el.querySelector("progress");
  const text = el.querySelector("[data-progress-text]");
  const tick = async () => {
    try {
      const res = await fetch(url, { credentials: "same-origin" });
      if (!res.ok) return;
      const s = await res.json();
      bar.max = s.total || 1;
      bar.value = s.done;
      text.textContent = s.done + " of " + s.total + " screened";
      if (s.finished) { window.location.reload(); return; }
    } catch (e) { /* keep polling */ }
    setTimeout(tick, 500);
  };
  tick();
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-status]").forEach(watchBatch);
  // Forms that change a record ask once before they go.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (ev) => {
      if (!window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
    });
  });
});
