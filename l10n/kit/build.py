"""Build the press kit: ``<out>/<kit name>/`` and ``<out>/<kit name>.zip``.

Per document the source language ships as the original; each target language ships when the
release policy lets it (:func:`decide`), as the reassembled source format plus a standalone HTML
page. ``index.html`` lists every release and ``manifest.json`` records what shipped and why.

Build time: the manifest and the zip entries carry one moment, taken from ``SOURCE_DATE_EPOCH``
when set (the reproducible-builds convention; ``make presskit`` sets it to the last commit's time)
and otherwise from the newest input file (sources, catalogs, ``l10n.toml``). Never the wall clock:
building twice from the same inputs gives the same bytes, and the time still says how current
the kit is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..assemble import translations
from ..catalog import Catalog
from ..config import CONFIG_NAME, Config
from ..environment import source_date_epoch
from ..errors import ConfigError
from ..fs import atomic_writer, clean_stale, make_temp_dir
from ..outputs import OUT_KEY, check_release_paths
from ..languages import get_language
from ..model import Document
from ..project import Project
from ..sources import localize_document
from ..status import Stats, catalog_stats
from .archive import write_archive
from .brand import Brand, brand_of
from .pdf import KitPrinter, pdf_of
from .render import IndexRow, Page, PageLink, index_frame, page_html, release_section
from .report import status_frame, status_rows
from .text import Title, body_html, newest_first, place_of, render_body, title_of

GENERATOR = f"l10n {__version__}"
_KIT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_HIDDEN_META = re.compile(r"^(title(_\w+)?|date)$")


@dataclass(frozen=True)
class LanguageResult:
    """What the kit holds for one document in one language."""

    document: str
    lang: str
    status: str  # complete, partial, draft or omitted
    reason: str | None
    stats: Stats
    files: tuple[str, ...]


@dataclass(frozen=True)
class KitReport:
    """A built kit: where it lies and what went into it."""

    name: str
    folder: str
    archive: str
    draft: bool
    threshold: int
    results: tuple[LanguageResult, ...]
    status_page: str = ""  # the team's report beside the kit: <out>/<kit name>-status.html
    notes: tuple[str, ...] = ()  # one line each: no PDF renderer, a page that could not be printed


def decide(stats: Stats, threshold: int, include_fuzzy: bool) -> tuple[str, str | None]:
    """The release policy: (status, reason it is omitted or None).

    A language ships when its approved share reaches ``threshold`` percent; in a draft kit
    (``include_fuzzy``) unreviewed (fuzzy) text counts too. A shipped language is ``draft`` when
    unreviewed text went in, else ``complete`` when no sentence falls back to the source
    language, else ``partial``.

    >>> decide(Stats("d", "en", "p", 10, 0, 10, 0, 0), 100, include_fuzzy=True)
    ('draft', None)
    >>> decide(Stats("d", "en", "p", 10, 8, 0, 2, 0), 50, include_fuzzy=False)
    ('partial', None)
    """
    fuzzy = stats.fuzzy if include_fuzzy else 0
    usable = stats.approved + fuzzy
    if usable * 100 < threshold * stats.entries:
        what = "approved and fuzzy" if include_fuzzy else "approved"
        share = 100.0 * usable / stats.entries
        return "omitted", f"{what} {share:.1f}% ({usable} of {stats.entries} sentences) is below the threshold of {threshold}%"
    if fuzzy:
        return "draft", None
    return ("complete" if usable == stats.entries else "partial"), None


def build_time(inputs: list[Path]) -> tuple[datetime, str]:
    """The kit's one timestamp and where it came from (see the module docstring)."""
    pinned = source_date_epoch()
    if pinned is not None:
        return pinned, "SOURCE_DATE_EPOCH"
    newest = max(int(p.stat().st_mtime) for p in inputs)
    return datetime.fromtimestamp(newest, timezone.utc), "newest input"


def _check_settings(config: Config, kit_name: str, threshold: int) -> None:
    where = config.root / CONFIG_NAME
    if not _KIT_NAME.match(kit_name) or kit_name in (config.source_language, *config.target_languages):
        raise ConfigError(f"[release] kit_name {kit_name!r} cannot name the kit folder", path=where, hint="use letters, digits, '.', '-' or '_', and not a language code")
    if not 0 <= threshold <= 100:
        raise ConfigError(f"[release] threshold must be a percentage from 0 to 100, not {threshold}", path=where)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def machine_text(catalog: Catalog | None, include_fuzzy: bool) -> list[dict]:
    """Engine and model of the machine text a shipped language includes, grouped and counted.

    Only text that is still the machine's counts: an entry a translator changed is theirs.
    """
    groups: dict[tuple, int] = {}
    for e in catalog.active if catalog else ():
        if (e.fuzzy and not include_fuzzy) or not e.machine_text:
            continue
        made = e.provenance
        key = (made.engine, made.model, f"via {made.via}" if made.via else None, not e.fuzzy)
        groups[key] = groups.get(key, 0) + 1
    out = []
    for (engine, model, via, reviewed), count in sorted(groups.items(), key=lambda kv: tuple(map(str, kv[0]))):
        item = {"engine": engine, "model": model, "entries": count, "reviewed": reviewed}
        if via:
            item["via"] = via
        out.append(item)
    return out


def document_page(doc: Document, lang: str, source: str, table: dict, *, title: Title, status: str, versions: tuple[PageLink, ...],
                  brand: Brand, machine: frozenset = frozenset()) -> tuple[str, Page]:
    """The text of ``doc`` in ``lang`` (``table``: translations by key) and its page.

    ``machine`` holds the keys of unreviewed machine sentences in ``table``; a ``draft`` status
    marks the page as machine translation. The kit and the review preview both render through here.
    """
    markdown = doc.format == "markdown"
    if lang == source:
        text, body = doc.text, render_body(doc.text, markdown)
    else:
        text, body = body_html(doc, lang, table, get_language(source).html, markdown, machine)
    page = Page(
        lang=lang,
        source_lang=source,
        name=doc.name,
        title=title,
        place=place_of(doc, table),
        date=doc.metadata.get("date", ""),
        metadata=tuple((k, v) for k, v in doc.metadata.items() if not _HIDDEN_META.match(k)),
        body_html=body,
        headline_in_body=bool(doc.segments) and doc.segments[0].kind == "heading" and doc.segments[0].block == 0,
        machine=status == "draft",
        partial=lang != source and len(table) < len(doc.segments),
        versions=versions,
        brand=brand,
    )
    return text, page


class _Kit:
    """Collects files, index sections, manifest entries and status rows while documents are processed."""

    def __init__(self, project: Project, include_fuzzy: bool, threshold: int, stage: Path, brand: Brand) -> None:
        self.project = project
        self.config = project.config
        self.include_fuzzy = include_fuzzy
        self.threshold = threshold
        self.brand = brand
        # Files go to disk as each document is done: memory stays that of one document, however
        # many the project has. ``files`` only names them.
        self.stage = stage
        self.files: list[str] = []
        self.results: list[LanguageResult] = []
        # The landing page's sections, the manifest's documents and the status report's rows are
        # rendered as each document is done and kept in temporary files until the kit is
        # finished; ``order`` remembers where each section lies, to list them newest first.
        self.count = 0
        self.sections = tempfile.TemporaryFile("w+b")
        self.order: list[tuple[tuple[str, str], int, int]] = []
        self.documents = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.status = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.inputs: list[Path] = []
        self.printer = KitPrinter(self.config.pdf)  # one PDF renderer for every page

    def add(self, path: Path) -> None:
        """Plan, write and record one source document in every language."""
        doc = self.project.load(path)
        self.inputs.append(path)
        source = self.config.source_language
        plans = [self._plan(doc, lang) for lang in (source, *self.config.target_languages)]
        versions = tuple(
            PageLink(p.lang, f"{p.lang}/{doc.name}.html", title_of(doc, p.lang, p.table, source))
            for p in plans
            if p.reason is None
        )
        rows, languages = [], {}
        suffix = Path(doc.path).suffix
        for plan in plans:
            link = next((v for v in versions if v.lang == plan.lang), None)
            files = self._write_language(doc, plan, versions, link) if link else ()
            status = "original" if plan.lang == source else plan.status
            rows.append(IndexRow(plan.lang, status, link, f"{plan.lang}/{doc.name}{suffix}" if link else None, pdf_of(files)))
            languages[plan.lang] = self._manifest_language(plan, files, link)
            self.results.append(LanguageResult(doc.name, plan.lang, plan.status, plan.reason, plan.stats, files))
        self.count += 1
        date = doc.metadata.get("date", "")
        section = release_section(self.count, versions[0].title, place_of(doc, {}), date, rows).encode("utf-8")
        self.order.append(((date, doc.name), self.sections.tell(), len(section)))
        self.sections.write(section)
        self.status.write(status_rows(doc.name, date, languages))
        document = {
            "name": doc.name,
            "source": doc.path,
            "format": doc.format,
            **({"date": date} if date else {}),
            "source_sha256": sha256(path.read_bytes()),
            "segments": len(doc.segments),
            "languages": languages,
        }
        # Exactly as json.dumps(manifest, indent=2) lays out an item of its "documents" list.
        item = json.dumps(document, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.documents.write((",\n    " if self.count > 1 else "\n    ") + item)

    def finish(self, manifest: dict, built: str, status_page: Path) -> None:
        """Write manifest.json and index.html around what :meth:`add` collected, and the team's
        status report to ``status_page`` (outside the kit)."""
        head = json.dumps({**manifest, "documents": []}, ensure_ascii=False, indent=2)
        assert head.endswith('"documents": []\n}')
        with self._open("manifest.json") as out:
            out.write(head[: -len("[]\n}")] + "[")
            if self.count:
                _copy(self.documents, out)
                out.write("\n  ")
            out.write("]\n}\n")
        before, after = index_frame(self.brand, built, GENERATOR)
        with self._open("index.html") as out:
            out.write(before)
            # Newest first (front matter date), then by name: one section in memory at a time.
            for i, (_, offset, size) in enumerate(sorted(self.order, key=lambda o: newest_first(o[0]))):
                self.sections.seek(offset)
                out.write(("\n" if i else "") + self.sections.read(size).decode("utf-8"))
            out.write(after)
        before, after = status_frame(manifest)
        with atomic_writer(status_page, "w", encoding="utf-8", newline="") as out:
            out.write(before)
            _copy(self.status, out)
            out.write(after)
        for temporary in (self.sections, self.documents, self.status):
            temporary.close()

    def _open(self, rel: str):
        self.files.append(rel)
        return (self.stage / rel).open("w", encoding="utf-8", newline="")

    def _plan(self, doc: Document, lang: str) -> "_Plan":
        """Read ``lang``'s catalog of ``doc`` and apply the release policy to it."""
        entries = len(doc.segments)
        if lang == self.config.source_language:
            return _Plan(lang, None, None, Stats(doc.name, lang, doc.path, entries, entries, 0, 0, 0), "complete", None, {})
        po_path = self.project.catalog_path(doc.name, lang)
        catalog = self.project.read(po_path, lang)
        shown = self.project.display(po_path)
        if catalog is None:
            stats = Stats(doc.name, lang, shown, entries, 0, 0, entries, 0)
        else:
            self.inputs.append(po_path)
            stats = catalog_stats(catalog, doc.name, lang, shown)
        status, reason = decide(stats, self.threshold, self.include_fuzzy)
        table = translations(catalog, self.include_fuzzy) if reason is None else {}
        return _Plan(lang, catalog, po_path if catalog else None, stats, status, reason, table)

    def _write_language(self, doc: Document, plan: "_Plan", versions: tuple[PageLink, ...], link: PageLink) -> tuple[str, ...]:
        lang, table = plan.lang, plan.table
        machine = frozenset(e.key for e in plan.catalog.active if e.fuzzy and e.msgstr) if plan.catalog and self.include_fuzzy else frozenset()
        _, page = document_page(doc, lang, self.config.source_language, table, title=link.title, status=plan.status,
                                versions=versions, brand=self.brand, machine=machine)
        source_file = f"{lang}/{doc.name}{Path(doc.path).suffix}"
        # In the source's own format, written by that format (a Word file stays a Word file).
        self.put(source_file, doc.encode() if lang == self.config.source_language else localize_document(doc, lang, table)[0])
        html_file, html = f"{lang}/{doc.name}.html", page_html(page, GENERATOR)
        self.put(html_file, html.encode("utf-8"))
        pdf = self.printer.pdf(html, self.stage, html_file)
        if pdf is None:
            return (source_file, html_file)
        self.put(f"{lang}/{doc.name}.pdf", pdf)
        return (source_file, html_file, f"{lang}/{doc.name}.pdf")

    def put(self, rel: str, data: bytes) -> None:
        """Write one file of the kit into the staging folder."""
        target = self.stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.files.append(rel)

    def _manifest_language(self, plan: "_Plan", files: tuple[str, ...], link: PageLink | None) -> dict:
        item: dict = {"status": plan.status}
        if plan.reason:
            item["reason"] = plan.reason
        if link is not None:
            item["title"] = link.title.text
        original = plan.lang == self.config.source_language
        item.update(
            original=original,
            approved=plan.stats.approved,
            fuzzy=plan.stats.fuzzy,
            untranslated=plan.stats.untranslated,
            approved_percent=plan.stats.percent,
            catalog=plan.stats.path if plan.po_path else None,
            catalog_sha256=sha256(plan.po_path.read_bytes()) if plan.po_path else None,
            machine_text=machine_text(plan.catalog, self.include_fuzzy) if files else [],
            files=list(files),
            pdf=pdf_of(files),
        )
        return item


@dataclass(frozen=True)
class _Plan:
    """One language of one document: its catalog, counts and what the release policy decided."""

    lang: str
    catalog: Catalog | None
    po_path: Path | None
    stats: Stats
    status: str
    reason: str | None
    table: dict = field(hash=False, compare=False)


def build_kit(
    project: Project,
    out_dir: Path | None = None,
    *,
    threshold: int | None = None,
    include_fuzzy: bool | None = None,
    kit_name: str | None = None,
) -> KitReport:
    """Build ``<out>/<kit name>/`` and ``<out>/<kit name>.zip`` from the sources and catalogs, and
    the team's status report ``<out>/<kit name>-status.html`` beside them.

    Arguments left ``None`` come from ``[release]`` in ``l10n.toml``. The folder is built aside
    and swapped in whole, so a failed build leaves the previous kit as it was.
    """
    config = project.config
    name = kit_name or config.kit_name
    threshold = config.threshold if threshold is None else threshold
    include_fuzzy = config.include_fuzzy if include_fuzzy is None else include_fuzzy
    _check_settings(config, name, threshold)
    brand, logo = brand_of(config)
    out = config.inside(out_dir or Path(config.out_dir), "release folder")
    check_release_paths(config, out, name, "--out" if out_dir else OUT_KEY)

    folder, archive, status_page = out / name, out / f"{name}.zip", out / f"{name}-status.html"
    out.mkdir(parents=True, exist_ok=True)
    # Built aside and swapped in whole: a failed build leaves the previous kit as it was.
    clean_stale(out)  # what a killed release left
    stage = make_temp_dir(out, name)
    try:
        kit = _Kit(project, include_fuzzy, threshold, stage, brand)
        if logo is not None:
            kit.put(brand.logo, logo.read_bytes())
            kit.inputs.append(logo)
        for path in project.source_files():
            kit.add(path)
        config_file = config.root / CONFIG_NAME
        moment, origin = build_time(kit.inputs + ([config_file] if config_file.exists() else []))
        built = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        manifest = {
            "kit": name,
            "project": config.name,
            "generator": GENERATOR,
            "built": built,
            "built_from": origin,
            "draft": include_fuzzy,
            "threshold": threshold,
            "threshold_measures": "approved+fuzzy" if include_fuzzy else "approved",
            "source_language": config.source_language,
            "pdf": kit.printer.manifest(),
        }
        kit.finish(manifest, built, status_page)
        os.chmod(stage, 0o755)
        write_archive(archive, stage, kit.files, name, moment)
        _swap_in(stage, folder)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    results = tuple(kit.results)
    return KitReport(name, project.display(folder), project.display(archive), include_fuzzy, threshold, results, project.display(status_page),
                     tuple(kit.printer.notes))


def _copy(source, target) -> None:
    source.seek(0)
    shutil.copyfileobj(source, target, 1 << 20)


def _swap_in(stage: Path, folder: Path) -> None:
    """Put the staged folder where ``folder`` was."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(folder, old)
    os.replace(stage, folder)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
