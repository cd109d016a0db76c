// "None of these" in a group of tick boxes: ticking it clears the others, and ticking another clears it.
// Without JavaScript the form says so instead, when both are ticked.
document.addEventListener("change", (event) => {
  const box = event.target;
  if (!box.checked || box.type !== "checkbox" || !box.form) return;
  const group = box.form.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(box.name)}"]`);
  const clearsOthers = box.hasAttribute("data-clears-others");
  for (const other of group) {
    if (other !== box && (clearsOthers || other.hasAttribute("data-clears-others"))) other.checked = false;
  }
});
