"""Fill catalogs: extract templates, merge them into each language, machine-translate the gaps.

Machine output always enters as fuzzy with a provenance comment; an approved entry (translated, not
fuzzy) is never touched. No engine is created, and so no model loaded, unless some entry needs one.
Documents are processed in chunks (the unit of writing, :func:`l10n.environment.chunk_sentences`)
so that memory stays bounded however large the project is and an interrupted run keeps what it
finished; each chunk's pending sentences go to the engine in one call, which decodes them in
batches of the model's own size.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .catalog import Catalog, catalog_header, generator, now_stamp, revised, write_catalogs
from .engines import Engine, Progress, check_engine_name
from .errors import EngineError, ModelMissing
from .extract import build_template
from .flags import machine_flags
from .langid import foreign_paragraphs, language_warning
from .environment import chunk_sentences
from .glossary import Glossary, glossary_path, load_glossary
from .languages import get_language
from .machine import machine_translate, pivots, project_engine, today
from .state import TranslateState, settings_key
from .merge import SUGGESTION_PREFIX, merge
from .model import Document
from .segment.settings import abbreviation_paths
from .project import Project
from .provenance import Provenance
from .fs import clean_stale
from .tm import Memory, build_memory, fill_from_memory, memory_files, memory_settings, replaceable


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
    memory: int = 0  # filled from translation memory (l10n/tm.py)
    obsoleted: int = 0
    revived: int = 0
    warnings: list[str] = field(default_factory=list)  # for the CLI to show (source not German, ...)
    suggested: int = 0  # changed sentences given a fresh machine suggestion (comment)
    suggestions_skipped: int = 0  # ... or not, because the engine is unavailable
    waiting: int = 0  # entries left empty: no model for the language pair (``missing`` says which)
    missing: ModelMissing | None = None


@dataclass
class _Job:
    """One document's template and its catalogs being filled during a run."""

    doc: Document
    template: Catalog
    old: dict[str, Catalog | None] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    reports: dict[str, FileReport] = field(default_factory=dict)


def ordered_languages(project: Project, langs: Iterable[str] | None) -> list[str]:
    """The languages to fill, pivot language first so the others can start from it."""
    chosen = project.config.chosen_languages(langs)
    pivot = project.config.pivot_language
    return sorted(chosen, key=lambda c: c != pivot)


def translate_project(
    project: Project,
    langs: Iterable[str] | None = None,
    engine_name: str | None = None,
    *,
    engine_factory: Callable[[str], Engine] | None = None,
    use_cache: bool = True,
    device: str | None = None,
    progress: Progress | None = None,
) -> list[FileReport]:
    """Extract, merge and fill every catalog of ``project``; return a report per file.

    ``device`` overrides ``[translate] device``; ``progress`` is handed to engines that report
    progress (``on_progress(finished, queued)``: sentences just finished, sentences just queued).
    """
    order = ordered_languages(project, langs)
    name = engine_name or project.config.engine
    # What a killed run left behind (temporary catalogs and state files) goes first.
    clean_stale(project.config.locales_path, recursive=True)
    clean_stale(project.config.state_path)
    if engine_factory is None:
        check_engine_name(name)  # a misspelt engine is an error even when nothing needs translating
    glossary = load_glossary(project.config)
    run = _Run(project, order, glossary, memory_settings(project)[1], lambda: project_engine(
        project, name, glossary, engine_factory=engine_factory, use_cache=use_cache, device=device, progress=progress))
    # Documents whose files are as the last run left them are skipped unread (see state.py).
    # Every input besides the documents' files (memory, glossary, abbreviations) is part of the settings.
    state = TranslateState.load(project.config.state_path, settings_key(project.root, name, order, _inputs(project)))
    paths = {project.doc_name(p): p for p in project.source_files()}

    def stale() -> Iterator[Document]:
        for doc_name, path in paths.items():
            if not state.fresh(doc_name, _doc_files(project, path, doc_name, order)):
                state.forget(doc_name)
                yield project.load(path)

    reports: list[FileReport] = []
    for chunk in _chunks(stale()):
        for job in run.fill(chunk):
            reports.extend(_write(project, job, order))
            if not any(_pending(job, lang) for lang in order):
                state.record(job.doc.name, _doc_files(project, paths[job.doc.name], job.doc.name, order))
        state.save()  # after every chunk: an interrupted run keeps what it finished
    state.keep_only(set(paths))
    state.save()
    return reports


@dataclass
class _Run:
    """What one ``translate`` run shares across its chunks: the engine and the memory, each made on first need."""

    project: Project
    order: list[str]
    glossary: Glossary
    tm_approved: bool  # [memory] exact_approved
    make_engine: Callable[[], Engine]
    _engine: Engine | None = None
    _memory: Memory | None = None  # read from every catalog, so only once an entry can take from it

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self.make_engine()
        return self._engine

    def memory(self) -> Memory:
        if self._memory is None:
            self._memory = build_memory(self.project, self.order)
        return self._memory

    def fill(self, chunk: list[Document]) -> list[_Job]:
        """Merge each document of ``chunk`` and fill its catalogs: memory first, then the engine."""
        jobs = [_prepare(self.project, doc, self.order, self.glossary) for doc in chunk]
        for job in jobs:
            for lang in self.order:
                if any(replaceable(e) for e in job.catalogs[lang].entries):
                    job.catalogs[lang], job.reports[lang].memory = fill_from_memory(
                        job.catalogs[lang], lang, self.memory(), approved=self.tm_approved)
        for lang in self.order:
            if any(_pending(job, lang) for job in jobs):
                _fill(self.project, jobs, lang, self.engine())
            if any(_changed(job, lang) for job in jobs):
                _suggest(self.project, jobs, lang, self.engine)
        return jobs


def _inputs(project: Project) -> list[Path]:
    """The files besides sources and catalogs whose content changes what a run writes."""
    glossary = glossary_path(project.config)
    return [*abbreviation_paths(project.config), *([glossary] if glossary else []), *memory_files(project)]


def waiting(reports: Iterable[FileReport], source_lang: str) -> list[str]:
    """One line per language pair whose sentences wait for a model: how many, and how to get one.

    >>> r = FileReport("locales/en/a.po", "en", waiting=3, missing=ModelMissing("no Argos model installed for de→en", source="de", target="en"))
    >>> waiting([r, r], "de")
    ["de→en: 6 sentences wait for a translation model (no Argos model installed for de→en); get one with 'l10n models install FILE.argosmodel', or preview with 'l10n translate --engine pseudo'"]
    """
    pairs: dict[str, list] = {}
    for r in reports:
        if r.waiting and r.missing is not None and r.lang is not None:
            count = pairs.setdefault(f"{source_lang}→{r.lang}", [0, r.missing])
            count[0] += r.waiting
    return [
        f"{pair}: {n} sentence{'s' if n != 1 else ''} wait{'s' if n == 1 else ''} for a translation model ({exc.message}); "
        "get one with 'l10n models install FILE.argosmodel', or preview with 'l10n translate --engine pseudo'"
        for pair, (n, exc) in pairs.items()
    ]


def _doc_files(project: Project, source_path: Path, name: str, langs: list[str]) -> list[Path]:
    """The files one document's translation reads and writes."""
    return [source_path, project.template_path(name), *(project.catalog_path(name, lang) for lang in langs)]


def _chunks(docs: Iterable[Document]) -> Iterator[list[Document]]:
    """Documents in groups of at least the unit of writing (a document is never split)."""
    limit = chunk_sentences()
    chunk: list[Document] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.segments)
        if size >= limit:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _prepare(project: Project, doc: Document, langs: list[str], glossary: Glossary = Glossary()) -> _Job:
    """Build the template and merge it into each language's catalog (nothing written yet)."""
    targets = project.config.target_languages
    notes = {seg.key: glossary.notes(seg.msgid, project.config.source_language, targets) for seg in doc.segments}
    template = build_template(doc, project.config.name, notes)
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
        if old is None:
            note = f"{get_language(lang).name} translation of {doc.path}."
            job.catalogs[lang] = replace(result.catalog, header_comment=note)
        job.reports[lang] = FileReport(
            project.display(path), lang, kept=result.kept, fuzzy_matched=result.fuzzy_matched,
            new=result.new, obsoleted=result.obsoleted, revived=result.revived,
        )
    return job


def _pending(job: _Job, lang: str) -> list[int]:
    return [i for i, e in enumerate(job.catalogs[lang].entries) if not e.obsolete and not e.msgstr]


def _fill(project: Project, jobs: list[_Job], lang: str, engine: Engine) -> None:
    """Machine-translate every empty entry of ``lang`` in ``jobs`` in one batch per language pair.

    Without a model for the pair (:class:`ModelMissing`) the entries stay empty and are counted
    as waiting: the catalogs are still written, a run without models never blocks the kit.
    """
    try:
        _fill_batch(project, jobs, lang, engine)
    except ModelMissing as exc:
        for job in jobs:
            job.reports[lang].waiting += len(_pending(job, lang))
            job.reports[lang].missing = exc


def _fill_batch(project: Project, jobs: list[_Job], lang: str, engine: Engine) -> None:
    source_lang = project.config.source_language
    pivot = project.config.pivot_language
    direct = not pivots(engine, source_lang, lang, pivot)
    # (job, entry index, text to translate, pivot (how, model of the pivot text), flags carried over)
    work: list[tuple[_Job, int, str | None, tuple[str, str | None] | None, tuple[str, ...]]] = []
    for job in jobs:
        for i in _pending(job, lang):
            entry = job.catalogs[lang].entries[i]
            if direct:
                work.append((job, i, entry.msgid, None, ()))
            else:
                english, how, model, carried = _pivot_text(project, job, entry, pivot)
                work.append((job, i, english, (how, model), carried))
    if not direct:
        # Sentences with no English yet (None) go source -> pivot in one batch, not one call each.
        raw = list(dict.fromkeys(j.catalogs[lang].entries[i].msgid for j, i, t, _, _ in work if t is None))
        if raw:
            english = dict(zip(raw, engine.translate(raw, source_lang, pivot)))
            first = engine.model_id(source_lang, pivot)
            work = [
                (j, i, t, via, carried) if t is not None
                else (j, i, english[msgid].text, ("machine", first), machine_flags(english[msgid].flags))
                for j, i, t, via, carried in work
                for msgid in [j.catalogs[lang].entries[i].msgid]
            ]
    src = source_lang if direct else pivot
    texts = list(dict.fromkeys(w[2] for w in work))
    outputs = dict(zip(texts, engine.translate(texts, src, lang)))
    model, stamp = engine.model_id(src, lang), today()
    for job, i, text, via, carried in work:
        out = outputs[text]
        entries = list(job.catalogs[lang].entries)
        # A problem of the machine English (a lost glossary term, a cut loop) is a problem of the
        # Chinese made from it: the flags travel along, so the reviewer and `l10n check` see them.
        flags = tuple(dict.fromkeys(entries[i].flags + carried + out.flags))
        entry = replace(entries[i], msgstr=out.text, fuzzy=True, flags=flags)
        # Only the models that made this text are named: reviewed or remembered English is no machine's.
        used = model if via is None or via[1] is None else f"{via[1]} + {model}"
        made = Provenance.machine(engine.name, used, stamp, out.text, via=None if via is None else f"{pivot} ({via[0]})")
        entries[i] = entry.with_provenance(made)
        job.catalogs[lang] = replace(job.catalogs[lang], entries=tuple(entries))
        job.reports[lang].machine += 1


def _changed(job: _Job, lang: str) -> list[int]:
    """Fuzzy-matched entries (old German in ``#|``) that have no machine suggestion yet."""
    return [
        i for i, e in enumerate(job.catalogs[lang].entries)
        if not e.obsolete and e.fuzzy and e.previous_msgid and SUGGESTION_PREFIX not in e.tcomment
    ]


def _suggest(project: Project, jobs: list[_Job], lang: str, get: Callable[[], Engine]) -> None:
    """Add a fresh machine translation of each changed sentence as a comment; keep the msgstr.

    The reviewer edits the old translation and can look at what the engine makes of the new
    sentence. Without a usable engine the suggestion is skipped and counted, never fatal.
    """
    source_lang, pivot = project.config.source_language, project.config.pivot_language
    todo = [(job, i) for job in jobs for i in _changed(job, lang)]
    try:
        engine = get()
        texts = list(dict.fromkeys(job.catalogs[lang].entries[i].msgid for job, i in todo))
        outputs = [t.text for t in machine_translate(engine, texts, source_lang, lang, pivot)]
    except EngineError:
        for job, _ in todo:
            job.reports[lang].suggestions_skipped += 1
        return
    suggestion = dict(zip(texts, outputs))
    for job, i in todo:
        entries = list(job.catalogs[lang].entries)
        e = entries[i]
        entries[i] = replace(e, tcomment="\n".join(filter(None, [e.tcomment, f"{SUGGESTION_PREFIX} {suggestion[e.msgid]}"])))
        job.catalogs[lang] = replace(job.catalogs[lang], entries=tuple(entries))
        job.reports[lang].suggested += 1


def _pivot_text(project: Project, job: _Job, entry, pivot: str) -> tuple[str | None, str, str | None, tuple[str, ...]]:
    """The English a Chinese translation starts from: reviewed English if there is any.

    Returns the text, how it was made (``reviewed``, ``memory``, ``machine`` or ``unreviewed``: a
    person's draft), the model that made it (machine text only) and the machine flags it carries.
    ``None`` means there is no English yet; the caller machine-translates all such sentences in one batch.
    """
    catalog = job.catalogs.get(pivot)
    if catalog is None:
        catalog = project.read(project.catalog_path(job.doc.name, pivot), pivot)
    english = catalog.get(entry.key) if catalog else None
    if english is None or not english.msgstr:
        return None, "machine", None, ()
    if english.approved:
        return english.msgstr, "reviewed", None, ()
    made = english.provenance
    if english.machine_text and made is not None:
        return english.msgstr, "machine", made.model, machine_flags(english.flags)
    if made is not None and made.kind == "tm" and made.is_machine_text(english.msgstr):
        return english.msgstr, "memory", None, ()
    return english.msgstr, "unreviewed", None, ()


def _write(project: Project, job: _Job, langs: list[str]) -> list[FileReport]:
    """Write the template and each catalog whose content changed."""
    reports = []
    pot_path = project.template_path(job.doc.name)
    files = [(pot_path, job.template, job.old["templates"])]
    for lang in langs:
        catalog, old = job.catalogs[lang], job.old[lang]
        if old is None or old.content() != catalog.content():
            catalog = revised(catalog, by=generator())
        files.append((project.catalog_path(job.doc.name, lang), catalog, old))
    written, *by_lang = write_catalogs(files)
    # A whole document in another language is one warning; otherwise single foreign paragraphs.
    sentences = [seg.text for seg in job.doc.segments]
    whole = language_warning(sentences, project.config.source_language, job.doc.path)
    warnings = [whole] if whole else foreign_paragraphs(job.doc, project.config.source_language)
    reports.append(FileReport(project.display(pot_path), None, written=written, warnings=warnings))
    for lang, lang_written in zip(langs, by_lang):
        job.reports[lang].written = lang_written
        reports.append(job.reports[lang])
    return reports
