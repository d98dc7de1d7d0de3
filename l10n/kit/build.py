"""Write the press kit: ``<out>/<kit name>/`` and ``<out>/<kit name>.zip``.

:class:`KitWriter` takes each document's plan from the one release pass (:mod:`l10n.release`):
the source language ships as the original; each target language ships when the release policy
lets it (:func:`l10n.release.plan.decide`), as the file its format wrote plus a standalone HTML
page. ``index.html`` lists every release and ``manifest.json`` records what shipped and why.

Build time: the manifest and the zip entries carry one moment, taken from ``SOURCE_DATE_EPOCH``
when set (the reproducible-builds convention; ``make presskit`` sets it to the last commit's time)
and otherwise from the newest input file (sources, catalogs, ``l10n.toml``). Never the wall clock:
building twice from the same inputs gives the same bytes, and the time still says how current
the kit is.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import __version__
from ..catalog import Catalog
from ..config import CONFIG_NAME
from ..configschema import check_values
from ..environment import source_date_epoch
from ..fs import atomic_writer, clean_stale, make_temp_dir
from ..languages import get_language
from ..model import Document
from ..project import Project
from ..status import Stats
from .archive import write_archive
from .brand import Brand, brand_of
from .pdf import KitPrinter, pdf_of
from .render import IndexRow, Page, PageLink, index_frame, page_html, release_section
from .report import status_frame, status_rows
from .text import Title, body_html, document_body, newest_first, place_of, title_of

if TYPE_CHECKING:  # the release pass imports this module; its values are only passed in
    from ..release.plan import DocumentPlan, LanguagePlan, Settings

GENERATOR = f"l10n {__version__}"
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


def build_time(inputs: list[Path]) -> tuple[datetime, str]:
    """The kit's one timestamp and where it came from (see the module docstring)."""
    pinned = source_date_epoch()
    if pinned is not None:
        return pinned, "SOURCE_DATE_EPOCH"
    newest = max(int(p.stat().st_mtime) for p in inputs)
    return datetime.fromtimestamp(newest, timezone.utc), "newest input"


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
                  brand: Brand, machine: frozenset = frozenset()) -> Page:
    """The page of ``doc`` in ``lang`` (``table``: translations by key).

    ``machine`` holds the keys of unreviewed machine sentences in ``table``; a ``draft`` status
    marks the page as machine translation. The kit and the review preview both render through here.
    """
    markdown = doc.format == "markdown"
    if lang == source:
        body = document_body(doc, doc.text, markdown)
    else:
        body = body_html(doc, lang, table, get_language(source).html, markdown, machine)
    return Page(
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


class KitWriter:
    """Writes the press kit from the plans of the one release pass (:func:`l10n.release.release`).

    Within :meth:`staged`, :meth:`add` writes each document's files into a staging folder as it
    comes (memory stays that of one document, however many the project has) and :meth:`finish`
    writes the manifest, the landing page, the team's status page and the zip, then swaps the
    staged folder in whole: a failed build leaves the previous kit as it was.
    """

    def __init__(self, project: Project, settings: Settings) -> None:
        """Check the kit's settings and read ``[kit]``; nothing is written yet."""
        self.project = project
        self.config = project.config
        self.settings = settings
        check_values(self.config.root, "release", kit_name=settings.kit_name, threshold=settings.threshold)
        self.brand, self.logo = brand_of(self.config)
        self.stage = Path()
        self.files: list[str] = []  # what the kit holds, relative to its folder
        self.results: list[LanguageResult] = []
        self.inputs: list[Path] = []  # the files the kit is built from, for its build time
        # The landing page's sections, the manifest's documents and the status report's rows are
        # rendered as each document is done and kept in temporary files until the kit is
        # finished; ``order`` remembers where each section lies, to list them newest first.
        self.count = 0
        self.order: list[tuple[tuple[str, str], int, int]] = []
        self.printer = KitPrinter(self.config.pdf)  # one PDF renderer for every page

    @contextmanager
    def staged(self) -> Iterator["KitWriter"]:
        """Create the staging folder (and the kit's temporary parts); remove it if the block fails."""
        out = self.settings.out
        out.mkdir(parents=True, exist_ok=True)
        clean_stale(out)  # what a killed release left
        self.stage = make_temp_dir(out, self.settings.kit_name)
        try:
            with tempfile.TemporaryFile("w+b") as self.sections, \
                    tempfile.TemporaryFile("w+", encoding="utf-8") as self.documents, \
                    tempfile.TemporaryFile("w+", encoding="utf-8") as self.status:
                if self.logo is not None:
                    self.put(self.brand.logo, self.logo.read_bytes())
                    self.inputs.append(self.logo)
                yield self
        except BaseException:
            shutil.rmtree(self.stage, ignore_errors=True)
            raise

    def add(self, plan: DocumentPlan) -> None:
        """Write and record one document in every language."""
        doc = plan.document
        self.inputs += [plan.path, *(p.catalog_path for p in plan.languages if p.catalog_path)]
        source = self.config.source_language
        versions = tuple(PageLink(p.lang, f"{p.lang}/{doc.name}.html", title_of(doc, p.lang, p.table, source))
                         for p in plan.languages if p.ships)
        rows, languages = [], {}
        for language in plan.languages:
            link = next((v for v in versions if v.lang == language.lang), None)
            files = self._write_language(doc, language, versions, link) if link else ()
            status = "original" if language.lang == source else language.status
            rows.append(IndexRow(language.lang, status, link, files[0] if files else None, pdf_of(files)))
            languages[language.lang] = self._manifest_language(language, files, link)
            self.results.append(LanguageResult(doc.name, language.lang, language.status, language.reason, language.stats, files))
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
            "source_sha256": plan.source_sha256,
            "segments": len(doc.segments),
            "languages": languages,
        }
        # Exactly as json.dumps(manifest, indent=2) lays out an item of its "documents" list.
        item = json.dumps(document, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        self.documents.write((",\n    " if self.count > 1 else "\n    ") + item)

    def finish(self) -> KitReport:
        """Write the manifest, the landing page and the status page, zip the kit and swap it in."""
        settings, config = self.settings, self.config
        name, out = settings.kit_name, settings.out
        config_file = config.root / CONFIG_NAME
        moment, origin = build_time(self.inputs + ([config_file] if config_file.exists() else []))
        built = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        manifest = {
            "kit": name,
            "project": config.name,
            "generator": GENERATOR,
            "built": built,
            "built_from": origin,
            "draft": settings.include_fuzzy,
            "threshold": settings.threshold,
            "threshold_measures": "approved+fuzzy" if settings.include_fuzzy else "approved",
            "source_language": config.source_language,
            "pdf": self.printer.manifest(),
        }
        status_page = out / f"{name}-status.html"
        self._write_manifest(manifest)
        self._write_index(built)
        self._write_status(manifest, status_page)
        os.chmod(self.stage, 0o755)
        folder, archive = out / name, out / f"{name}.zip"
        write_archive(archive, self.stage, self.files, name, moment)
        _swap_in(self.stage, folder)
        display = self.project.display
        return KitReport(name, display(folder), display(archive), settings.include_fuzzy, settings.threshold,
                         tuple(self.results), display(status_page), tuple(self.printer.notes))

    def _write_manifest(self, manifest: dict) -> None:
        head = json.dumps({**manifest, "documents": []}, ensure_ascii=False, indent=2)
        assert head.endswith('"documents": []\n}')
        with self._open("manifest.json") as out:
            out.write(head[: -len("[]\n}")] + "[")
            if self.count:
                _copy(self.documents, out)
                out.write("\n  ")
            out.write("]\n}\n")

    def _write_index(self, built: str) -> None:
        before, after = index_frame(self.brand, built, GENERATOR)
        with self._open("index.html") as out:
            out.write(before)
            # Newest first (front matter date), then by name: one section in memory at a time.
            for i, (_, offset, size) in enumerate(sorted(self.order, key=lambda o: newest_first(o[0]))):
                self.sections.seek(offset)
                out.write(("\n" if i else "") + self.sections.read(size).decode("utf-8"))
            out.write(after)

    def _write_status(self, manifest: dict, status_page: Path) -> None:
        """The team's status report, beside the kit (not in it)."""
        before, after = status_frame(manifest)
        with atomic_writer(status_page, "w", encoding="utf-8", newline="") as out:
            out.write(before)
            _copy(self.status, out)
            out.write(after)

    def _open(self, rel: str):
        self.files.append(rel)
        return (self.stage / rel).open("w", encoding="utf-8", newline="")

    def _write_language(self, doc: Document, language: LanguagePlan, versions: tuple[PageLink, ...], link: PageLink) -> tuple[str, ...]:
        """The document's file in ``language`` (as its format wrote it), its page and the page's PDF."""
        lang = language.lang
        catalog = language.catalog
        machine = frozenset(e.key for e in catalog.active if e.fuzzy and e.msgstr) if catalog and self.settings.include_fuzzy else frozenset()
        page = document_page(doc, lang, self.config.source_language, language.table, title=link.title, status=language.status,
                             versions=versions, brand=self.brand, machine=machine)
        html_file, html = f"{lang}/{doc.name}.html", page_html(page, GENERATOR)
        source_file = f"{lang}/{doc.name}{Path(doc.path).suffix}"
        if source_file.lower() == html_file.lower():  # a web page as the source: .web.html beside the kit's page
            source_file = f"{lang}/{doc.name}.web{Path(doc.path).suffix}"
        self.put(source_file, language.data)
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

    def _manifest_language(self, language: LanguagePlan, files: tuple[str, ...], link: PageLink | None) -> dict:
        item: dict = {"status": language.status}
        if language.reason:
            item["reason"] = language.reason
        if link is not None:
            item["title"] = link.title.text
        item.update(
            original=language.lang == self.config.source_language,
            approved=language.stats.approved,
            fuzzy=language.stats.fuzzy,
            untranslated=language.stats.untranslated,
            approved_percent=language.stats.percent,
            catalog=language.stats.path if language.catalog_path else None,
            catalog_sha256=language.catalog_sha256,
            machine_text=machine_text(language.catalog, self.settings.include_fuzzy) if files else [],
            files=list(files),
            pdf=pdf_of(files),
        )
        return item


def build_kit(project: Project, out_dir: Path | None = None, **options) -> KitReport:
    """The press kit of a release: runs the whole :func:`l10n.release.release` (which writes
    ``<out>/<lang>/`` too) with the same ``options`` and returns the kit's report."""
    from ..release import release  # the release imports this module

    return release(project, out_dir, **options).kit


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
