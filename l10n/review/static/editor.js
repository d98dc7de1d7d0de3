// One sentence: German with its neighbours, the editable translation, suggestion, memory,
// glossary, live check findings, and the press-kit preview. Every text goes in as textContent.

import { call, catalogPath, el, previewPath, STATE_LABELS } from "./api.js";

const $ = (id) => document.getElementById(id);
const CHECK_DELAY_MS = 300;

export class Editor {
  constructor({ onSaved, onStatus }) {
    this.onSaved = onSaved;
    this.status = onStatus;
    this.catalog = null;
    this.entry = null;
    this.dirty = false;
    this.timer = null;
    this.approvedText = null;
    $("target").addEventListener("input", () => this.typed());
    $("save").addEventListener("click", () => this.save());
    $("use-suggestion").addEventListener("click", () => this.useSuggestion());
    $("take-theirs").addEventListener("click", () => this.takeTheirs());
    $("keep-mine").addEventListener("click", () => this.keepMine());
    $("preview").addEventListener("load", () => this.markPreview());
  }

  currentId() {
    return this.entry ? this.entry.id : null;
  }

  url(suffix) {
    return `${catalogPath(this.catalog.lang, this.catalog.document)}/entries/${encodeURIComponent(this.entry.id)}${suffix || ""}`;
  }

  open(catalog, overview) {
    this.catalog = catalog;
    this.entry = null;
    const source = overview.languages[overview.source_language];
    const target = overview.languages[catalog.lang];
    $("source-name").textContent = source.name;
    for (const id of ["source", "prev-source", "next-source", "previous-msgid"]) $(id).lang = source.tag;
    $("target-name").textContent = `${target.name} translation`;
    $("target").lang = target.tag;
    this.refreshPreview(null);
  }

  // Show entry ``id``; false if the catalog has no such entry.
  async select(id) {
    const entry = this.catalog.entries.find((e) => e.id === id);
    if (!entry) {
      this.status("That sentence is not in the catalog any more", "error");
      return false;
    }
    this.entry = entry;
    this.dirty = false;
    this.status("");
    $("conflict").hidden = true;
    $("target").value = entry.msgstr;
    this.render();
    return true;
  }

  // A fresh copy of the catalog arrived: take it, keeping what the reviewer is typing.
  merge(catalog) {
    this.catalog = catalog;
    if (!this.entry) return;
    const fresh = catalog.entries.find((e) => e.id === this.entry.id);
    if (!fresh || fresh.revision === this.entry.revision) return;
    if (this.dirty) return this.showConflict(fresh);
    this.entry = fresh;
    $("target").value = fresh.msgstr;
    this.render();
    this.status("Updated: this sentence was changed elsewhere", "note");
  }

  render() {
    const e = this.entry;
    $("position").textContent = `sentence ${e.index + 1} of ${this.catalog.counts.entries}`;
    $("source").textContent = e.msgid;
    $("prev-source").textContent = e.neighbours && e.neighbours.previous ? e.neighbours.previous.msgid : "";
    $("next-source").textContent = e.neighbours && e.neighbours.next ? e.neighbours.next.msgid : "";
    $("previous-msgid").hidden = !e.previous_msgid;
    $("previous-msgid").textContent = e.previous_msgid ? `The German changed; it was: ${e.previous_msgid}` : "";
    this.renderState();
    this.renderFindings(e.findings);
    this.renderSuggestion();
    this.renderMemory();
    this.renderGlossary();
  }

  renderState() {
    const state = this.dirty ? "edited" : this.entry.state;
    $("entry-state").textContent = this.dirty ? "Unsaved changes" : STATE_LABELS[state];
    $("entry-state").className = `badge badge-${state}`;
  }

  renderFindings(findings) {
    const items = findings.map((f) => {
      const li = el("li", null, `finding finding-${f.severity}`);
      const button = el("button", "Ignore", "small-button", { type: "button", title: `Never report ${f.check} for this sentence again` });
      button.addEventListener("click", () => this.ignore(f.check));
      li.append(el("span", f.severity, `badge badge-${f.severity}`), el("span", ` ${f.message} `), el("span", `[${f.check}]`, "muted small"), button);
      return li;
    });
    if (!items.length) items.push(el("li", this.entry.msgstr || $("target").value ? "No findings." : "Nothing to check yet.", "muted"));
    if (this.entry.ignored.length) items.push(el("li", `Ignored for this sentence: ${this.entry.ignored.join(", ")}`, "muted small"));
    $("findings").replaceChildren(...items);
  }

  renderSuggestion() {
    const s = this.entry.suggestion;
    const box = $("suggestion");
    $("use-suggestion").disabled = !s;
    if (!s) return box.replaceChildren(el("p", "No machine or memory suggestion for this sentence.", "muted"));
    box.replaceChildren(el("p", s.text, "suggestion-text", { lang: $("target").lang }), el("p", s.provenance, "muted small"));
  }

  renderMemory() {
    const items = this.entry.memory.map((m) => {
      const li = el("li");
      const use = el("button", "Use", "small-button", { type: "button" });
      use.addEventListener("click", () => this.replaceText(m.target));
      li.append(el("span", `${m.score}%`, "score"), el("span", m.target, null, { lang: $("target").lang }), use);
      li.append(el("div", `${m.source} — ${m.origin}`, "muted small", { lang: $("source").lang }));
      return li;
    });
    $("memory").replaceChildren(...(items.length ? items : [el("li", "No approved translation of a similar sentence.", "muted")]));
  }

  renderGlossary() {
    const items = this.entry.glossary.map((t) => {
      const wanted = t.dnt ? "keep as written" : t.targets.join(" | ") || "(no translation given)";
      const li = el("li", null, t.used ? "term term-used" : "term");
      li.append(el("strong", t.source, null, { lang: $("source").lang }), el("span", ` → ${wanted}`));
      if (t.note) li.append(el("span", ` (${t.note})`, "muted small"));
      return li;
    });
    $("glossary").replaceChildren(...(items.length ? items : [el("li", "No glossary terms in this sentence.", "muted")]));
  }

  typed() {
    this.dirty = $("target").value !== this.entry.msgstr;
    this.renderState();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.liveCheck(), CHECK_DELAY_MS);
  }

  async liveCheck() {
    const text = $("target").value;
    const answer = await call("POST", this.url("/check"), { msgstr: text });
    if (answer.status === 200 && $("target").value === text) this.renderFindings(answer.data.findings);
  }

  replaceText(text) {
    const box = $("target");
    box.value = text;
    box.focus();
    this.typed();
  }

  useSuggestion() {
    if (this.entry && this.entry.suggestion) this.replaceText(this.entry.suggestion.text);
  }

  // Save the text; ``approved``: true approves, false marks it for review, undefined keeps the state.
  async save(approved) {
    if (!this.entry) return false;
    const keep = this.entry.approved; // untranslated text saved without approval waits for review
    const body = { msgstr: $("target").value, approved: approved === undefined ? keep : approved, revision: this.entry.revision };
    this.status("Saving…");
    const answer = await call("PUT", this.url(), body);
    if (answer.status === 409) {
      this.showConflict(answer.data.entry);
      this.status("Not saved: changed elsewhere", "error");
      return false;
    }
    if (answer.status !== 200) {
      this.status(`Not saved: ${answer.data.error}`, "error");
      return false;
    }
    this.accept(answer.data.entry);
    this.status(`Saved ${new Date().toLocaleTimeString()}`, "ok");
    if (answer.data.entry.approved) this.refreshPreview(answer.data.entry.msgstr);
    this.onSaved();
    return true;
  }

  approve() {
    return this.save(true);
  }

  // Save unsaved text before moving on; false if that failed (the reviewer stays).
  async leave() {
    return this.dirty ? this.save() : true;
  }

  accept(fresh) {
    Object.assign(this.entry, fresh);
    this.dirty = $("target").value !== this.entry.msgstr;
    $("conflict").hidden = true;
    this.render();
  }

  async ignore(check) {
    const answer = await call("POST", this.url("/ignore"), { check, revision: this.entry.revision });
    if (answer.status === 409) return this.showConflict(answer.data.entry);
    if (answer.status !== 200) return this.status(`Not saved: ${answer.data.error}`, "error");
    const text = $("target").value;
    Object.assign(this.entry, answer.data.entry);
    this.dirty = text !== this.entry.msgstr;
    this.renderState();
    this.status(`${check} ignored for this sentence`, "ok");
    this.liveCheck();
    this.onSaved();
  }

  showConflict(theirs) {
    this.theirs = theirs;
    $("conflict-text").textContent = theirs.msgstr || "(empty)";
    $("conflict-text").lang = $("target").lang;
    $("conflict-state").textContent = theirs.approved ? "(approved)" : theirs.msgstr ? "(needs review)" : "(untranslated)";
    $("conflict").hidden = false;
  }

  takeTheirs() {
    this.accept(this.theirs);
    $("target").value = this.entry.msgstr;
    this.dirty = false;
    this.render();
  }

  keepMine() {
    this.entry.revision = this.theirs.revision;
    $("conflict").hidden = true;
    this.status("Your text is kept; save to overwrite theirs", "note");
  }

  refreshPreview(highlight) {
    this.approvedText = highlight;
    $("preview").src = `${previewPath(this.catalog.lang, this.catalog.document)}?at=${Date.now()}`;
  }

  // Scroll the preview to the sentence just approved and outline its paragraph.
  markPreview() {
    const doc = $("preview").contentDocument;
    const wanted = (this.approvedText || "").replace(/\s+/g, " ").trim();
    if (!doc || !wanted) return;
    const blocks = doc.querySelectorAll("h1, h2, h3, p, li, td");
    const hit = [...blocks].find((node) => node.textContent.replace(/\s+/g, " ").includes(wanted));
    if (!hit) return;
    hit.style.outline = "3px solid #f5b400";
    hit.style.outlineOffset = "4px";
    hit.scrollIntoView({ block: "center" });
  }
}
