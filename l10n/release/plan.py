"""What a release decides for each document in each language, from one reading of its files.

:func:`plan_document` reads a source file once and each of its catalogs once, and keeps on the
returned :class:`DocumentPlan` everything the writers need: the counts, the release policy's
verdict (:func:`decide`), the translations in use, the localized file written by the document's
format (:func:`l10n.sources.localize_document`) and the checksums of the bytes it read.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..config import Config
from ..model import Document
from ..outputs import OUT_KEY
from ..project import Project
from ..sources import Translations, localize_document
from ..status import Stats, catalog_stats


@dataclass(frozen=True)
class Settings:
    """How one release runs: its folder, the kit's name, the policy's threshold, and whether
    unreviewed (fuzzy) translations go in."""

    out: Path
    out_key: str  # what chose ``out``, for messages: "--out" or "[release] out_dir"
    kit_name: str
    threshold: int
    include_fuzzy: bool


def settings_for(config: Config, out_dir: Path | None = None, *, threshold: int | None = None,
                 include_fuzzy: bool | None = None, kit_name: str | None = None) -> Settings:
    """The release's :class:`Settings`: each argument left ``None`` comes from ``[release]``."""
    return Settings(
        out=config.inside(out_dir or Path(config.out_dir), "release folder"),
        out_key="--out" if out_dir else OUT_KEY,
        kit_name=kit_name or config.kit_name,
        threshold=config.threshold if threshold is None else threshold,
        include_fuzzy=config.include_fuzzy if include_fuzzy is None else include_fuzzy,
    )


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``.

    >>> sha256(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(data).hexdigest()


def translations(catalog: Catalog | None, include_fuzzy: bool = False) -> Translations:
    """Usable translations by key: approved ones, plus fuzzy ones if ``include_fuzzy``."""
    if catalog is None:
        return {}
    return {e.key: e.msgstr for e in catalog.active if e.msgstr and (include_fuzzy or not e.fuzzy)}


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


@dataclass(frozen=True)
class LanguagePlan:
    """One document in one language: its catalog, counts, the policy's verdict and its file.

    ``data`` is the document's file in this language (for the source language, the original as
    read); ``translated`` counts its translated sentences. ``table`` holds the translations in
    use, also where the policy omits the language from the kit (the plain release still
    writes it).
    """

    lang: str
    stats: Stats
    status: str  # complete, partial, draft or omitted
    reason: str | None  # why the kit omits it, or None when it ships
    catalog: Catalog | None
    catalog_path: Path | None  # the catalog read, None where there is none
    catalog_sha256: str | None
    data: bytes = field(repr=False)
    translated: int
    table: Translations = field(hash=False, compare=False, repr=False)

    @property
    def ships(self) -> bool:
        """Whether the press kit carries this language."""
        return self.reason is None


@dataclass(frozen=True)
class DocumentPlan:
    """One source document, read once, and its plan in every language (the source language first)."""

    path: Path
    rel: Path  # the file's path inside the source folder
    document: Document
    source_sha256: str
    languages: tuple[LanguagePlan, ...]

    @property
    def targets(self) -> tuple[LanguagePlan, ...]:
        """The plans of the target languages."""
        return self.languages[1:]


def plan_document(project: Project, path: Path, settings: Settings) -> DocumentPlan:
    """Read the source file at ``path`` and its catalogs (each once) and plan every language."""
    config = project.config
    doc = project.load(path)
    original = doc.encode()  # the bytes the reader was given
    entries = len(doc.segments)
    source = LanguagePlan(config.source_language, Stats(doc.name, config.source_language, doc.path, entries, entries, 0, 0, 0),
                          "complete", None, None, None, None, original, 0, {})
    targets = tuple(_plan_language(project, doc, lang, settings) for lang in config.target_languages)
    rel = path.resolve().relative_to(config.source_path.resolve())
    return DocumentPlan(path, rel, doc, sha256(original), (source, *targets))


def _plan_language(project: Project, doc: Document, lang: str, settings: Settings) -> LanguagePlan:
    """Read ``lang``'s catalog of ``doc`` once, count it, apply the policy and localize."""
    po_path = project.catalog_path(doc.name, lang)
    found = project.read_with_bytes(po_path, lang)
    shown = project.display(po_path)
    if found is None:
        catalog, checksum = None, None
        entries = len(doc.segments)
        stats = Stats(doc.name, lang, shown, entries, 0, 0, entries, 0)
    else:
        catalog, checksum = found[0], sha256(found[1])
        stats = catalog_stats(catalog, doc.name, lang, shown)
    status, reason = decide(stats, settings.threshold, settings.include_fuzzy)
    table = translations(catalog, settings.include_fuzzy)
    data, translated = localize_document(doc, lang, table)
    return LanguagePlan(lang, stats, status, reason, catalog, po_path if catalog else None, checksum, data, translated, table)
