// The language links keep the patient on the same page with the same answers. The server writes them
// for the address it served; when htmx then moves the address (a questionnaire step, a filter, a plan),
// this follows it. Without JavaScript every step is a full page, so the server's links are already right.
(() => {
  const follow = () => {
    const links = document.querySelectorAll("a[data-language-prefix]");
    const current = document.querySelector("a[data-language-prefix][aria-current]");
    const prefix = current ? current.dataset.languagePrefix : "";
    let path = location.pathname;
    if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
    for (const link of links) link.href = link.dataset.languagePrefix + path + location.search;
  };
  for (const event of ["htmx:pushedIntoHistory", "htmx:replacedInHistory", "htmx:historyRestore"]) {
    document.addEventListener(event, follow);
  }
  window.addEventListener("popstate", follow);
})();
