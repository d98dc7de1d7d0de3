"""Fill catalogs: extract templates, merge them into each language, machine-translate the gaps.

Machine output always enters as fuzzy with a provenance comment; an approved entry (translated, not
fuzzy) is never touched. No engine is created, and so no model loaded, unless some entry needs one.
Documents are processed in chunks so that memory stays bounded however large the project is, while
each chunk's pending sentences go to the engine in one batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Callable, Iterable, Iterator
import os

from .catalog import Catalog, build_template, catalog_header, now_stamp, write_catalog
from .engines import Engine, get_engine
from .languages import get_language
from .merge import merge
from .model import Document
from .project import Project

CHUNK_SENTENCES = 4096  # sentences per engine batch; bounds memory on large projects


@dataclass
class FileReport:
    """What one run did to one catalog file."""

    path: str
    lang: str | None
    written: bool = False
    kept: int = 0
    fuzzy_matched: int = 0
    new: int = 0
    machine: int = 0
    obsoleted: int = 0
    revived: int = 0


@dataclass
class _Job:
    """One document's template and its catalogs being filled during a run."""

    doc: Document
    template: Catalog
    old: dict[str, Catalog | None] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    reports: dict[str, FileReport] = field(default_factory=dict)


def today() -> str:
    """Today's date (``SOURCE_DATE_EPOCH`` pins it) for provenance comments."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()).isoformat()


def ordered_languages(project: Project, langs: Iterable[str] | None) -> list[str]:
    """The languages to fill, pivot language first so the others can start from it."""
    chosen = list(dict.fromkeys(langs or project.config.target_languages))
    for code in chosen:
        get_language(code)
    pivot = project.config.pivot_language
    return sorted(chosen, key=lambda c: c != pivot)


def translate_project(
    project: Project,
    langs: Iterable[str] | None = None,
    engine_name: str | None = None,
    *,
    engine_factory: Callable[[str], Engine] | None = None,
    use_cache: bool = True,
) -> list[FileReport]:
    """Extract, merge and fill every catalog of ``project``; return a report per file."""
    order = ordered_languages(project, langs)
    name = engine_name or project.config.engine
    engine: Engine | None = None

    def get() -> Engine:
        nonlocal engine
        if engine is None:
            engine = engine_factory(name) if engine_factory else get_engine(name, project.config)
            if use_cache:
                from .cache import CachedEngine, TranslationCache

                engine = CachedEngine(engine, TranslationCache.for_state(project.config.state_path))
        return engine

    reports: list[FileReport] = []
    for chunk in _chunks(project.documents()):
        jobs = [_prepare(project, doc, order) for doc in chunk]
        for lang in order:
            if any(_pending(job, lang) for job in jobs):
                _fill(project, jobs, lang, get())
        for job in jobs:
            reports.extend(_write(project, job, order))
    return reports


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.segments)
        if size >= CHUNK_SENTENCES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _prepare(project: Project, doc: Document, langs: list[str]) -> _Job:
    """Build the template and merge it into each language's catalog (nothing written yet)."""
    template = build_template(doc, project.config.name)
    old_pot = project.read(project.template_path(doc.name))
    if old_pot is not None and old_pot.content()[1:] == template.content()[1:]:
        template = replace(template, header={**template.header, "POT-Creation-Date": old_pot.header.get("POT-Creation-Date", now_stamp())})
    job = _Job(doc, template)
    job.old["templates"] = old_pot
    for lang in langs:
        path = project.catalog_path(doc.name, lang)
        old = project.read(path, lang)
        result = merge(old, template, catalog_header(template, get_language(lang), old))
        job.old[lang] = old
        job.catalogs[lang] = result.catalog
        job.reports[lang] = FileReport(
            project.display(path), lang, kept=result.kept, fuzzy_matched=result.fuzzy_matched,
            new=result.new, obsoleted=result.obsoleted, revived=result.revived,
        )
    return job


def _pending(job: _Job, lang: str) -> list[int]:
    return [i for i, e in enumerate(job.catalogs[lang].entries) if not e.obsolete and not e.msgstr]


def _fill(project: Project, jobs: list[_Job], lang: str, engine: Engine) -> None:
    """Machine-translate every empty entry of ``lang`` in ``jobs`` in one batch per language pair."""
    source = project.config.source_language
    pivot = project.config.pivot_language
    direct = engine.supports(source, lang) or lang == pivot or not engine.supports(source, pivot)
    stamp = today()
    # (job, entry index, text to translate, provenance suffix)
    work: list[tuple[_Job, int, str, str]] = []
    for job in jobs:
        for i in _pending(job, lang):
            entry = job.catalogs[lang].entries[i]
            if direct:
                work.append((job, i, entry.msgid, ""))
            else:
                english, how = _pivot_text(project, job, entry, pivot)
                work.append((job, i, english, f"; via {pivot} ({how})"))
    if not direct:
        # Sentences with no English yet (None) go source -> pivot in one batch, not one call each.
        raw = list(dict.fromkeys(j.catalogs[lang].entries[i].msgid for j, i, t, _ in work if t is None))
        if raw:
            english = dict(zip(raw, (t.text for t in engine.translate(raw, source, pivot))))
            work = [(j, i, english[j.catalogs[lang].entries[i].msgid] if t is None else t, via) for j, i, t, via in work]
    src = source if direct else pivot
    texts = list(dict.fromkeys(w[2] for w in work))
    outputs = dict(zip(texts, engine.translate(texts, src, lang)))
    model = engine.model_id(src, lang) if direct else f"{engine.model_id(source, pivot)} + {engine.model_id(pivot, lang)}"
    for job, i, text, via in work:
        out = outputs[text]
        entries = list(job.catalogs[lang].entries)
        entry = replace(entries[i], msgstr=out.text, fuzzy=True, flags=tuple(dict.fromkeys(entries[i].flags + out.flags)))
        entries[i] = entry.with_provenance(f"{engine.name}; {model}; {stamp}{via}")
        job.catalogs[lang] = replace(job.catalogs[lang], entries=tuple(entries))
        job.reports[lang].machine += 1


def _pivot_text(project: Project, job: _Job, entry, pivot: str) -> tuple[str | None, str]:
    """The English a Chinese translation starts from: reviewed English if there is any.

    ``None`` means there is no English yet; the caller machine-translates all such sentences in one batch.
    """
    catalog = job.catalogs.get(pivot)
    if catalog is None:
        catalog = project.read(project.catalog_path(job.doc.name, pivot), pivot)
    english = catalog.get(entry.key) if catalog else None
    if english is not None and english.approved:
        return english.msgstr, "reviewed"
    if english is not None and english.msgstr:
        return english.msgstr, "machine"
    return None, "machine"


def _write(project: Project, job: _Job, langs: list[str]) -> list[FileReport]:
    """Write the template and each catalog whose content changed."""
    reports = []
    pot_path = project.template_path(job.doc.name)
    written = write_catalog(pot_path, job.template, job.old["templates"])
    reports.append(FileReport(project.display(pot_path), None, written=written))
    for lang in langs:
        catalog, old = job.catalogs[lang], job.old[lang]
        if old is None or old.content() != catalog.content():
            catalog = replace(catalog, header={**catalog.header, "PO-Revision-Date": now_stamp()})
        report = job.reports[lang]
        report.written = write_catalog(project.catalog_path(job.doc.name, lang), catalog, old)
        reports.append(report)
    return reports
