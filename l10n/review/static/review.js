// The review page: overview of catalogs, the queue of one catalog, keyboard navigation.
// The sentence editor lives in editor.js.

import { call, catalogPath, el, KIT_LABELS, STATE_LABELS } from "./api.js";
import { Editor } from "./editor.js";

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 20000;
const GROUP_LABELS = { error: "With errors", fuzzy: "Need review", untranslated: "Untranslated", approved: "Approved" };
const app = { overview: null, catalog: null, lang: null, doc: null };
const editor = new Editor({ onSaved: () => refresh(), onStatus: status });

function status(text, kind) {
  const node = $("save-state");
  node.textContent = text;
  node.className = kind || "";
}

function languageName(code) {
  const language = app.overview && app.overview.languages[code];
  return language ? language.name : code;
}

function route() {
  const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  return { lang: parts[0] || null, doc: parts[1] || null, id: parts[2] || null };
}

export function entryHash(lang, doc, id) {
  return `#/${encodeURIComponent(lang)}/${encodeURIComponent(doc)}` + (id ? `/${encodeURIComponent(id)}` : "");
}

async function loadOverview() {
  status("Reading the catalogs and running the checks…");
  const answer = await call("GET", "/api/catalogs");
  if (answer.status !== 200) return status(answer.data.error, "error");
  status("");
  app.overview = answer.data;
  $("threshold").textContent = `${answer.data.threshold}% approved`;
}

function showOverview() {
  $("workspace").hidden = true;
  $("overview").hidden = false;
  $("crumbs").replaceChildren();
  const rows = app.overview.catalogs;
  const body = $("catalog-table").tBodies[0];
  // One block per release: its title once, then a row per language.
  body.replaceChildren(...rows.map((row, i) => overviewRow(row, i === 0 || rows[i - 1].document !== row.document,
    rows.filter((r) => r.document === row.document).length)));
}

function overviewRow(row, first, span) {
  const tr = el("tr", null, first ? "release-start" : "");
  if (first) {
    const title = el("th", null, "release-title", { scope: "rowgroup", rowspan: String(span) });
    title.append(el("span", row.title, null, { lang: app.overview.source_language }), el("div", row.document, "muted small"));
    tr.append(title);
  }
  const c = row.counts;
  const language = el("td");
  const open = row.exists && !row.broken;
  language.append(open ? el("a", languageName(row.lang), null, { href: entryHash(row.lang, row.document) })
    : el("span", languageName(row.lang)), el("div", row.path, "muted small"));
  const approved = el("td", null, "progress-cell");
  const bar = el("div", null, "bar-track", { role: "img", "aria-label": `${c.percent}% approved` });
  const fill = el("div", null, "bar-fill");
  fill.style.width = `${c.percent}%`;
  bar.append(fill);
  approved.append(bar, el("span", `${c.approved} of ${c.entries} (${c.percent}%)`, "small"));
  const kit = el("td", KIT_LABELS[row.release.status], `kit kit-${row.release.status}`);
  if (row.release.reason) kit.append(el("div", row.release.reason, "muted small"));
  if (!row.exists) kit.append(el("div", "no catalog yet: run l10n translate", "muted small"));
  if (row.broken) kit.append(el("div", row.broken, "broken small"));
  tr.append(language, approved, countCell(c.entries_with_errors, "error"), countCell(c.fuzzy, "fuzzy"),
    countCell(c.untranslated, "untranslated"), kit);
  return tr;
}

function countCell(count, kind) {
  return el("td", String(count), count ? `count count-${kind}` : "count count-zero");
}

async function openCatalog(lang, doc) {
  const answer = await call("GET", catalogPath(lang, doc));
  if (answer.status !== 200) return status(answer.data.error, "error");
  Object.assign(app, { catalog: answer.data, lang, doc });
  editor.open(answer.data, app.overview);
  $("overview").hidden = true;
  $("workspace").hidden = false;
  const home = el("a", "All releases", null, { href: "#/" });
  $("crumbs").replaceChildren(home, el("span", " › "), el("span", `${doc} · ${languageName(lang)}`, null, { lang: "de" }));
  renderQueue();
}

// Re-read the open catalog (after a save, or when the window gets focus): other people's changes show.
async function refresh() {
  if (!app.catalog) return;
  const answer = await call("GET", catalogPath(app.lang, app.doc));
  if (answer.status !== 200) return status(answer.data.error, "error");
  app.catalog = answer.data;
  editor.merge(answer.data);
  renderQueue();
}

function renderQueue() {
  const catalog = app.catalog;
  const byId = new Map(catalog.entries.map((e) => [e.id, e]));
  const kit = catalog.release;
  const c = catalog.counts;
  const box = $("release-box");
  box.replaceChildren(
    el("h2", `${languageName(app.lang)}: ${c.approved} of ${c.entries} approved`),
    el("p", `${KIT_LABELS[kit.status]} (threshold ${kit.threshold}%)`, `kit kit-${kit.status}`),
  );
  if (kit.reason) box.append(el("p", kit.reason, "muted small"));
  const items = [];
  const groups = {};
  for (const id of catalog.queue) groups[byId.get(id).state] = (groups[byId.get(id).state] || 0) + 1;
  const summary = Object.keys(GROUP_LABELS).filter((g) => groups[g]).map((g) => `${groups[g]} ${GROUP_LABELS[g].toLowerCase()}`);
  box.append(el("p", summary.join(" · "), "small"));
  let group = null;
  for (const id of catalog.queue) {
    const entry = byId.get(id);
    if (entry.state !== group) {
      group = entry.state;
      items.push(el("li", `${GROUP_LABELS[group]} (${groups[group]})`, "queue-group", { role: "presentation" }));
    }
    items.push(queueItem(entry));
  }
  $("queue-list").replaceChildren(...items);
  const selected = $("queue-list").querySelector("[aria-current]");
  if (selected) selected.scrollIntoView({ block: "nearest" });
}

function queueItem(entry) {
  const li = el("li");
  const link = el("a", null, `queue-item state-${entry.state}`, { href: entryHash(app.lang, app.doc, entry.id) });
  if (entry.id === editor.currentId()) link.setAttribute("aria-current", "true");
  link.append(el("span", STATE_LABELS[entry.state], `badge badge-${entry.state}`), el("span", `#${entry.index + 1}`, "muted small"));
  link.append(el("span", entry.msgid, "snippet", { lang: "de" }));
  li.append(link);
  return li;
}

async function onRoute() {
  if (!app.overview) await loadOverview();
  if (!app.overview) return;
  const where = route();
  if (!where.lang || !where.doc) return showOverview();
  if (!app.catalog || app.lang !== where.lang || app.doc !== where.doc) await openCatalog(where.lang, where.doc);
  if (!app.catalog) return;
  const id = where.id || app.catalog.queue[0];
  if (id && (await editor.select(id))) renderQueue();
}

// The entry ``step`` places from the current one in the queue as it is shown now.
function neighbourId(step) {
  const queue = app.catalog ? app.catalog.queue : [];
  return queue[queue.indexOf(editor.currentId()) + step];
}

function go(id, step) {
  if (id === undefined) return status(step > 0 ? "End of the queue" : "Start of the queue");
  location.hash = entryHash(app.lang, app.doc, id);
}

async function move(step) {
  const next = neighbourId(step);
  if (next !== undefined && !(await editor.leave())) return;
  go(next, step);
}

// Approve, then open the sentence that followed it in the queue (approving re-sorts the queue).
async function approveAndNext() {
  const next = neighbourId(1);
  if (await editor.approve()) go(next, 1);
}

function onKey(event) {
  const typing = ["TEXTAREA", "INPUT"].includes(event.target.tagName);
  const ctrl = event.ctrlKey || event.metaKey;
  const action = keyAction(event, ctrl, typing);
  if (action) {
    event.preventDefault();
    action();
  }
}

function keyAction(event, ctrl, typing) {
  if (ctrl && event.key === "Enter") return approveAndNext;
  if (ctrl && event.key.toLowerCase() === "s") return () => editor.save();
  if (ctrl && event.key.toLowerCase() === "m") return () => editor.useSuggestion();
  if (event.altKey && event.key === "ArrowDown") return () => move(1);
  if (event.altKey && event.key === "ArrowUp") return () => move(-1);
  if (typing) return event.key === "Escape" ? () => event.target.blur() : null;
  if (ctrl || event.altKey) return null;
  if (event.key === "j") return () => move(1);
  if (event.key === "k") return () => move(-1);
  if (event.key === "e") return () => $("target").focus();
  if (event.key === "?") return () => $("keys").showModal();
  return null;
}

$("keys-button").addEventListener("click", () => $("keys").showModal());
$("keys-close").addEventListener("click", () => $("keys").close());
$("approve").addEventListener("click", approveAndNext);
document.addEventListener("keydown", onKey);
window.addEventListener("hashchange", onRoute);
window.addEventListener("focus", refresh);
// Changes made in a PO editor show up without a reload (what is being typed is never replaced).
setInterval(() => document.visibilityState === "visible" && refresh(), REFRESH_MS);
onRoute();
