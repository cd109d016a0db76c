// Results page: "Copy the link" and "Print a summary" buttons. Without JavaScript the plain link and
// the browser's own Print command do the same, so the buttons stay hidden until this runs.
document.addEventListener("DOMContentLoaded", () => {
  const status = document.querySelector(".share__status");
  const copy = document.querySelector("[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(copy.dataset.copy);
        status.textContent = copy.dataset.done || "Link copied.";
      } catch {
        status.textContent = copy.dataset.failed || "Could not copy. Use the link instead.";
      }
    });
  }
  const print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", () => window.print());
  }
});
