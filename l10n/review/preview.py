"""The press-kit page a catalog will become, rendered by the kit's own code for the review page.

Only approved translations go in, as in a release without ``--include-fuzzy``; every other
sentence stays German, so the preview shows exactly what approving changes.
"""

from __future__ import annotations

from pathlib import Path

from ..assemble import localize, translations
from ..catalog import Catalog
from ..kit.build import GENERATOR, decide, document_page, title_of
from ..kit.render import PageLink, page_html
from ..project import Project
from ..status import catalog_stats


def preview_html(project: Project, source: Path, lang: str, catalog: Catalog) -> str:
    """The standalone HTML page of the document at ``source`` in ``lang``, from ``catalog``."""
    config = project.config
    doc = project.load(source)
    table = translations(catalog)
    text = localize(doc, lang, table)[0]
    src = config.source_language
    versions = tuple(
        PageLink(code, f"{code}/{doc.name}.html", title_of(doc, code, known, src))
        for code, known in ((src, {}), (lang, table))
    )
    stats = catalog_stats(catalog, doc.name, lang, project.display(project.catalog_path(doc.name, lang)))
    status, _ = decide(stats, config.threshold, False)
    page = document_page(doc, lang, text, table, title=versions[1].title, status=status, draft=False, versions=versions)
    return page_html(page, GENERATOR)
