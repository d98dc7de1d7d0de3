"""Gettext catalogs: the model, the PO format and the header policy, one module each.

- :mod:`l10n.catalog.model`: :class:`Entry` and :class:`Catalog` values (no I/O).
- :mod:`l10n.catalog.po`: reading and writing PO/POT files, the only module that imports polib.
- :mod:`l10n.catalog.header`: the header fields l10n writes (dates, generator, language).

Template extraction from a document is the workflow's (:mod:`l10n.extract`). The names below are
importable from ``l10n.catalog`` itself.
"""

from .header import OWNED_FIELDS, catalog_header, generator, now_stamp, revised, template_header
from .model import Catalog, Entry
from .po import UNSTORABLE, WRAP, check_writable, parse_catalog, read_catalog, render, write_catalog, write_catalogs

__all__ = [
    "OWNED_FIELDS", "UNSTORABLE", "WRAP", "Catalog", "Entry", "catalog_header", "check_writable", "generator",
    "now_stamp", "parse_catalog", "read_catalog", "render", "revised", "template_header", "write_catalog",
    "write_catalogs",
]
