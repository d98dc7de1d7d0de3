"""Catalogs + documents -> the release folder: each document in each target language, written by
its format's writer (:func:`l10n.sources.localize_document`). What has no usable translation falls
back to the German sentence, so with no translations a release is the source, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog
from .fs import atomic_write, clean_stale
from .outputs import OUT_KEY, check_release_paths
from .project import Project
from .sources import Translations, localize_document


@dataclass(frozen=True)
class ReleasedFile:
    """One file a release wrote and how much of it is translated."""

    lang: str
    path: str
    translated: int
    fallback: int


def translations(catalog: Catalog | None, include_fuzzy: bool = False) -> Translations:
    """Usable translations by key: approved ones, plus fuzzy ones if ``include_fuzzy``."""
    if catalog is None:
        return {}
    return {e.key: e.msgstr for e in catalog.active if e.msgstr and (include_fuzzy or not e.fuzzy)}


def release(project: Project, out_dir: Path | None = None, include_fuzzy: bool | None = None) -> list[ReleasedFile]:
    """Write every document in every target language to ``out_dir/<lang>/<file>``."""
    config = project.config
    out = config.inside(out_dir or Path(config.out_dir), "release folder")
    check_release_paths(config, out, config.kit_name, "--out" if out_dir else OUT_KEY)
    fuzzy = config.include_fuzzy if include_fuzzy is None else include_fuzzy
    for lang in config.target_languages:
        clean_stale(out / lang, recursive=True)  # what a killed release left
    written = []
    for path in project.source_files():
        doc = project.load(path)
        rel = path.resolve().relative_to(config.source_path.resolve())
        for lang in config.target_languages:
            catalog = project.read(project.catalog_path(doc.name, lang), lang)
            data, count = localize_document(doc, lang, translations(catalog, fuzzy))
            target = out / lang / rel
            atomic_write(target, data)
            written.append(ReleasedFile(lang, project.display(target), count, len(doc.segments) - count))
    return written
