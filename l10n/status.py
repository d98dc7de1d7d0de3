"""Translation progress per document and language."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Iterable

from .catalog import Catalog
from .project import Project


@dataclass(frozen=True)
class Stats:
    """Counts for one catalog. ``percent`` is the approved share of active entries."""

    document: str
    lang: str
    path: str
    entries: int
    approved: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def percent(self) -> float:
        return round(100.0 * self.approved / self.entries, 1) if self.entries else 100.0

    def as_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent}


def catalog_stats(catalog: Catalog, document: str, lang: str, path: str) -> Stats:
    """Count the entries of one catalog."""
    active = catalog.active
    return Stats(
        document=document,
        lang=lang,
        path=path,
        entries=len(active),
        # e.translated: a plural entry a translator added counts by its msgstr[n] forms.
        approved=sum(e.translated and not e.fuzzy for e in active),
        fuzzy=sum(e.translated and e.fuzzy for e in active),
        untranslated=sum(not e.translated for e in active),
        obsolete=len(catalog.obsolete),
    )


def project_status(project: Project, langs: Iterable[str] | None = None) -> list[Stats]:
    """Stats for every document in every target language (a missing catalog counts as empty)."""
    langs = project.config.chosen_languages(langs)
    stats = []
    for path in project.source_files():
        name = project.doc_name(path)
        for lang in langs:
            po_path = project.catalog_path(name, lang)
            catalog = project.read(po_path, lang)
            if catalog is None:
                entries = len(project.load(path).segments)
                stats.append(Stats(name, lang, project.display(po_path), entries, 0, 0, entries, 0))
            else:
                stats.append(catalog_stats(catalog, name, lang, project.display(po_path)))
    return stats


