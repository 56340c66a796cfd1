// The search page: runs Pagefind queries in the browser against the index that
// `tandem build` writes to pagefind/. The query and the filters live in the page's
// address (?q=…&cohort=…), so that a search can be shared as a link.

const form = document.querySelector("[data-search]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const more = document.querySelector("[data-search-more]");
const input = form.elements.q;
const FIELDS = ["cohort", "tandem", "topic", "kind"];
const PAGE = 10;
const t = (key, n) => (form.dataset[key] || "").replace("{n}", String(n));

let pagefind = null;
let results = [];
let shown = 0;
let run = 0;

// Pagefind's excerpts are text that is already HTML-escaped, with <mark> around the
// matches: anything else that looks like a tag is shown as text.
function safeExcerpt(html) {
  return html
    .split(/(<\/?mark>)/)
    .map((part) => (/^<\/?mark>$/.test(part) ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const name of FIELDS) {
    const select = form.elements[name];
    const want = params.get(name) || "";
    select.value = [...select.options].some((o) => (o.value || o.text) === want) ? want : "";
  }
  narrowTandems();
}

function writeAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const name of FIELDS) {
    if (form.elements[name].value) params.set(name, form.elements[name].value);
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

// Only the tandems of the chosen cohort can be picked.
function narrowTandems() {
  const cohort = form.elements.cohort.value;
  const tandem = form.elements.tandem;
  for (const group of tandem.querySelectorAll("optgroup")) {
    group.hidden = Boolean(cohort) && group.label !== cohort;
  }
  const chosen = tandem.selectedOptions[0];
  if (cohort && chosen && chosen.dataset.cohort && chosen.dataset.cohort !== cohort) {
    tandem.value = "";
  }
}

function filters() {
  const out = {};
  for (const name of FIELDS) {
    if (form.elements[name].value) out[name] = form.elements[name].value;
  }
  return out;
}

async function search() {
  const mine = ++run;
  list.setAttribute("aria-busy", "true");
  writeAddress();
  const query = input.value.trim();
  const chosen = filters();
  if (!query && Object.keys(chosen).length === 0) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    status.textContent = t("tType");
    list.setAttribute("aria-busy", "false");
    return;
  }
  status.textContent = t("tLoading");
  if (!pagefind) return;
  const found = await pagefind.debouncedSearch(query || null, { filters: chosen }, 120);
  if (found === null || mine !== run) return;
  results = found.results;
  shown = 0;
  list.replaceChildren();
  status.textContent =
    results.length === 0 ? t("tNone") : results.length === 1 ? t("tResultsOne") : t("tResults", results.length);
  await showMore(mine);
}

async function showMore(mine) {
  const next = results.slice(shown, shown + PAGE);
  const data = await Promise.all(next.map((r) => r.data()));
  if (mine !== run) return;
  for (const d of data) list.append(item(d));
  shown += next.length;
  more.hidden = shown >= results.length;
  list.setAttribute("aria-busy", "false");
}

function item(d) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h2");
  const a = document.createElement("a");
  a.href = d.url;
  a.textContent = d.meta.title || d.url;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "search-meta";
  const parts = d.meta.tandem ? [d.meta.tandem, d.meta.cohort, d.meta.date] : [d.meta.kind];
  meta.textContent = parts.filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "search-excerpt";
  excerpt.innerHTML = safeExcerpt(d.excerpt || "");
  li.append(h, meta, excerpt);
  if (d.meta.topics) {
    const topics = document.createElement("p");
    topics.className = "search-topics";
    topics.textContent = d.meta.topics;
    li.append(topics);
  }
  return li;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
input.addEventListener("input", search);
for (const name of FIELDS) {
  form.elements[name].addEventListener("change", () => {
    if (name === "cohort") narrowTandems();
    search();
  });
}
more.addEventListener("click", () => showMore(run));
window.addEventListener("popstate", () => {
  readAddress();
  search();
});

readAddress();
if (!input.value) input.focus();
// On a phone the filters fold away unless one is chosen.
const filterBox = document.querySelector("[data-search-filters]");
if (matchMedia("(max-width: 40rem)").matches && Object.keys(filters()).length === 0) {
  filterBox.open = false;
}
search();
try {
  const bundle = new URL("../pagefind/", import.meta.url);
  const loaded = await import(new URL("pagefind.js", bundle).href);
  await loaded.options({ excerptLength: 28 });
  loaded.init();
  // A large programme has several indexes; they are searched as one.
  const shards = await fetch(new URL("shards.json", bundle))
    .then((r) => (r.ok ? r.json() : []))
    .catch(() => []);
  await Promise.all(shards.map((dir) => loaded.mergeIndex(new URL(dir, bundle).pathname)));
  pagefind = loaded;
  search();
} catch (error) {
  status.textContent = t("tFailed");
  list.setAttribute("aria-busy", "false");
  console.error(error);
}
