"""The press-kit page a catalog will become, rendered by the kit's own code for the review page.

Only approved translations go in, as in a release without ``--include-fuzzy``; every other
sentence stays German, so the preview shows exactly what approving changes. The logo is left
out (the kit copies it next to its pages; the preview has no such place).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..catalog import Catalog
from ..kit.brand import brand_of
from ..kit.build import GENERATOR, document_page
from ..kit.render import PageLink, page_html
from ..kit.text import title_of
from ..project import Project
from ..release.plan import decide, translations
from ..status import catalog_stats


def preview_html(project: Project, source: Path, lang: str, catalog: Catalog) -> str:
    """The standalone HTML page of the document at ``source`` in ``lang``, from ``catalog``."""
    config = project.config
    doc = project.load(source)
    table = translations(catalog)
    src = config.source_language
    versions = tuple(
        PageLink(code, f"{code}/{doc.name}.html", title_of(doc, code, known, src))
        for code, known in ((src, {}), (lang, table))
    )
    stats = catalog_stats(catalog, doc.name, lang, project.display(project.catalog_path(doc.name, lang)))
    status, _ = decide(stats, config.threshold, False)
    brand = replace(brand_of(config)[0], logo="")
    page = document_page(doc, lang, src, table, title=versions[1].title, status=status, versions=versions, brand=brand)
    return page_html(page, GENERATOR)
