(() => {
  const key = "tandem-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener("load", () => window.scrollTo(0, y));
  }
  const here = () => {
    let p = decodeURIComponent(location.pathname);
    if (p.endsWith("/index.html")) p = p.slice(0, -"index.html".length);
    return p;
  };

  // The overlay is folded or open as the reader last left it while its problems stay
  // the same (kept across reloads); new problems open it, except on a phone.
  const foldKey = "tandem-overlay";
  const setUp = (o) => {
    const fold = o && o.querySelector("details.tandem-ov-fold");
    if (!fold) return;
    let kept = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(foldKey));
    } catch (_) {}
    const narrow = window.matchMedia("(max-width: 600px)").matches;
    const open = kept && kept.key === o.dataset.key
      ? kept.open
      : o.classList.contains("tandem-ov-errors") && !narrow;
    fold.open = open;
    let touched = false;
    fold.addEventListener("toggle", () => {
      if (!touched && fold.open === open) return;
      touched = true;
      sessionStorage.setItem(foldKey, JSON.stringify({ key: o.dataset.key, open: fold.open }));
    });
    o.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && fold.open) {
        fold.open = false;
        fold.querySelector("summary").focus();
      }
    });
  };
  const show = (html) => {
    const old = document.getElementById("tandem-overlay");
    if (!html) {
      if (old) old.remove();
      return;
    }
    const t = document.createElement("template");
    t.innerHTML = html;
    const next = t.content.firstElementChild;
    if (old && old.dataset.hash === next.dataset.hash) return;
    const focused = old && old.contains(document.activeElement);
    if (old) old.remove();
    document.body.appendChild(next);
    setUp(next);
    if (focused) next.querySelector("summary").focus();
  };
  setUp(document.getElementById("tandem-overlay"));

  let version = null;
  const source = new EventSource("/__tandem/events");
  source.addEventListener("state", (e) => {
    const d = JSON.parse(e.data);
    show(d.overlay);
    if (version !== null && d.version !== version) {
      const p = here();
      const mine = d.reload_all || d.changed.some((c) => c === p);
      if (mine) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
      }
    }
    version = d.version;
  });
})();
