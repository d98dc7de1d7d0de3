"""What the review page shows, as JSON-ready dicts: catalogs, entries, findings, help for a sentence.

:class:`Review` holds what every request needs (the project, check settings, glossary, a memory
cache) and answers the API's questions; it reads the project's files through the library and
knows nothing about HTTP. Findings come from :func:`l10n.checks.check_unit`, the code
``l10n check`` runs, with the entry's ``ignore-<check>`` flags honoured.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..catalog import Entry
from ..checks import Settings, check_entry, ignored
from ..errors import CatalogError, L10nError
from ..glossary import load_glossary
from ..kit.text import title_of
from ..languages import get_language
from ..merge import SUGGESTION_PREFIX
from ..project import Project
from ..release.plan import decide
from ..status import Stats, catalog_stats
from ..tm import Memory, build_memory, memory_settings
from .store import Snapshot, entry_id, read_snapshot, revision

# The order of the queue: what needs attention first.
RANK = {"error": 0, "fuzzy": 1, "untranslated": 2, "approved": 3}
MEMORY_MATCHES = 3


class UnknownCatalog(L10nError):
    """The language or document is not part of the project."""


class Review:
    """The review of one project: read-only views of its catalogs, with check findings."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.config = project.config
        self.settings = Settings.from_config(self.config)
        self.glossary = load_glossary(self.config)
        self._memories: dict[str, tuple[tuple, Memory, dict[str, list]]] = {}
        self._findings: dict[tuple[str, str], list[dict]] = {}

    # --- where things are ------------------------------------------------------------------------

    def documents(self) -> dict[str, Path]:
        """Source path of every document, by name."""
        return {self.project.doc_name(p): p for p in self.project.source_files()}

    def catalog_path(self, lang: str, doc: str) -> Path:
        """The catalog of ``doc`` in ``lang``; raises :class:`UnknownCatalog` for anything else."""
        if lang not in self.config.target_languages or doc not in self.documents():
            raise UnknownCatalog(f"no catalog {lang}/{doc}", hint="see GET /api/catalogs for the project's catalogs")
        path = self.project.catalog_path(doc, lang)
        if not path.exists():
            raise UnknownCatalog(f"{self.project.display(path)} does not exist yet", hint="run `l10n translate` first")
        return path

    def snapshot(self, lang: str, doc: str) -> Snapshot:
        return read_snapshot(self.project, self.catalog_path(lang, doc))

    # --- findings --------------------------------------------------------------------------------

    def findings(self, entry: Entry, lang: str, text: str | None = None) -> list[dict]:
        """The findings of ``l10n check`` on ``entry`` (with ``text`` as its translation if given)."""
        if text is None:
            # Checks take tens of milliseconds a sentence (language detection): an unchanged entry
            # (same revision) keeps its findings.
            key = (lang, revision(entry))
            if key not in self._findings:
                self._findings[key] = self.findings(entry, lang, entry.msgstr)
            return self._findings[key]
        found = check_entry(replace(entry, msgstr=text), self.config.source_language, lang, self.settings, self.glossary)
        return [{"severity": s, "check": name, "message": message} for s, name, message in found]

    # --- the overview ----------------------------------------------------------------------------

    def overview(self) -> dict:
        """Every document in every target language: counts, findings and the release decision."""
        rows = []
        src = self.config.source_language
        for doc, source in self.documents().items():
            document = self.project.load(source)
            title = title_of(document, src, {}, src).text
            for lang in self.config.target_languages:
                rows.append({**self._overview_row(doc, len(document.segments), lang), "document": doc, "lang": lang, "title": title})
        return {
            "project": self.config.name,
            "source_language": self.config.source_language,
            "languages": {code: _language(code) for code in (self.config.source_language, *self.config.target_languages)},
            "threshold": self.config.threshold,
            "catalogs": rows,
        }

    def _overview_row(self, doc: str, sentences: int, lang: str) -> dict:
        """Counts of one catalog; a missing one counts as untranslated, a broken one says why."""
        path = self.project.catalog_path(doc, lang)
        shown = self.project.display(path)
        empty = Stats(doc, lang, shown, sentences, 0, 0, sentences, 0)
        if not path.exists():
            return {**self._counts(empty, []), "path": shown, "exists": False}
        try:
            catalog = read_snapshot(self.project, path).catalog
        except CatalogError as exc:
            return {**self._counts(empty, []), "path": shown, "exists": True, "broken": str(exc)}
        found = [self.findings(e, lang) for e in catalog.active]
        return {**self._counts(catalog_stats(catalog, doc, lang, shown), found), "path": shown, "exists": True}

    def _counts(self, stats: Stats, found: list[list[dict]]) -> dict:
        """Counts of ``stats`` and of the findings (a list per entry), and the release decision."""
        status, reason = decide(stats, self.config.threshold, self.config.include_fuzzy)
        counts = {
            "entries": stats.entries, "approved": stats.approved, "fuzzy": stats.fuzzy,
            "untranslated": stats.untranslated, "percent": stats.percent,
            "errors": sum(f["severity"] == "error" for fs in found for f in fs),
            "warnings": sum(f["severity"] == "warning" for fs in found for f in fs),
            "entries_with_errors": sum(any(f["severity"] == "error" for f in fs) for fs in found),
        }
        return {"counts": counts, "release": {"status": status, "reason": reason, "threshold": self.config.threshold}}

    # --- one catalog -----------------------------------------------------------------------------

    def catalog(self, lang: str, doc: str) -> dict:
        """Every active entry of ``doc`` in ``lang`` with its findings and help, and the queue order."""
        snap = self.snapshot(lang, doc)
        active = [e for e in snap.catalog.active if e.msgid]
        own = self.project.display(snap.path)
        entries = [self.entry_view(e, lang, own, active, i) for i, e in enumerate(active)]
        queue = sorted(entries, key=lambda v: (RANK[v["state"]], v["index"]))
        found = [v["findings"] for v in entries]
        counts = self._counts(catalog_stats(snap.catalog, doc, lang, own), found)
        return {"document": doc, "lang": lang, "path": own, "revision": snap.revision, **counts,
                "entries": entries, "queue": [v["id"] for v in queue]}

    def entry_view(self, entry: Entry, lang: str, own: str, active: list[Entry] | None = None, index: int | None = None) -> dict:
        """One entry as the page shows it (``active`` and ``index`` give its neighbours)."""
        findings = self.findings(entry, lang)
        view = {
            "id": entry_id(entry), "index": index, "msgid": entry.msgid, "msgctxt": entry.msgctxt,
            "msgstr": entry.msgstr, "fuzzy": entry.fuzzy, "approved": entry.approved,
            "state": _state(entry, findings), "flags": list(entry.flags),
            "ignored": sorted(ignored(entry)[0]), "findings": findings, "revision": revision(entry),
            "provenance": entry.provenance.render() if entry.provenance else None, "previous_msgid": entry.previous_msgid,
            "suggestion": suggestion(entry), "memory": self.memory_matches(entry, lang, own),
            "glossary": self.terms(entry, lang),
        }
        if active is not None and index is not None:
            view["neighbours"] = {"previous": _neighbour(active, index - 1), "next": _neighbour(active, index + 1)}
        return view

    def terms(self, entry: Entry, lang: str) -> list[dict]:
        """The glossary terms in the German sentence, their required translations, and whether used."""
        out = []
        for term in self.glossary.in_source(entry.msgid, self.config.source_language):
            targets = term.target(lang)
            out.append({"source": term.forms[0][1][0], "targets": list(targets), "dnt": term.dnt,
                        "note": term.note, "used": bool(entry.msgstr) and bool(term.find(entry.msgstr, lang))})
        return out

    # --- translation memory ----------------------------------------------------------------------

    def memory_matches(self, entry: Entry, lang: str, own: str) -> list[dict]:
        """Approved translations of the same or a similar sentence elsewhere in the project."""
        memory, exact = self._memory(lang)
        out = [{"source": u.source, "target": u.target, "origin": u.origin, "score": 100}
               for u in exact.get(entry.msgid, []) if u.origin != own][:MEMORY_MATCHES]
        near = memory.close(lang, entry.msgid)
        if near is not None and near[0].source != entry.msgid:
            unit, score = near
            out.append({"source": unit.source, "target": unit.target, "origin": unit.origin, "score": round(score * 100)})
        return out

    def _memory(self, lang: str) -> tuple[Memory, dict[str, list]]:
        """The memory of ``lang``, rebuilt only when one of its files changed."""
        folder = self.config.locales_path / lang
        files = [*(sorted(folder.rglob("*.po")) if folder.is_dir() else []), *memory_settings(self.project)[0]]
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.exists())
        cached = self._memories.get(lang)
        if cached is None or cached[0] != stamp:
            memory = build_memory(self.project, [lang])
            exact: dict[str, list] = {}
            for unit in memory:
                if unit.lang == lang:
                    exact.setdefault(unit.source, []).append(unit)
            cached = self._memories[lang] = (stamp, memory, exact)
        return cached[1], cached[2]


def suggestion(entry: Entry) -> dict | None:
    """The machine or memory text offered for ``entry``, with where it came from."""
    p = entry.provenance
    for line in entry.tcomment.splitlines():
        if line.startswith(SUGGESTION_PREFIX):
            via = f"machine translation ({p.render()})" if p and p.kind == "mt" else "machine translation"
            return {"text": line[len(SUGGESTION_PREFIX):].strip(), "kind": "machine", "provenance": via}
    if entry.msgstr and p is not None and p.is_machine_text(entry.msgstr):
        label = "machine translation" if p.kind == "mt" else "translation memory"
        return {"text": entry.msgstr, "kind": "machine" if p.kind == "mt" else "memory", "provenance": f"{label} ({p.render()})"}
    return None


def _state(entry: Entry, findings: list[dict]) -> str:
    if any(f["severity"] == "error" for f in findings):
        return "error"
    if not entry.msgstr:
        return "untranslated"
    return "fuzzy" if entry.fuzzy else "approved"


def _neighbour(active: list[Entry], index: int) -> dict | None:
    if not 0 <= index < len(active):
        return None
    entry = active[index]
    return {"id": entry_id(entry), "msgid": entry.msgid, "msgstr": entry.msgstr, "approved": entry.approved}


def _language(code: str) -> dict:
    language = get_language(code)
    return {"name": language.name, "tag": language.html}
