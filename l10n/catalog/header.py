"""Header policy: the fields l10n writes into templates and catalogs, and which of them it owns.

Dates and the generator are set here and nowhere else, so output is reproducible
(``SOURCE_DATE_EPOCH``) and a translator's tool may rewrite every field l10n does not own.

>>> header = template_header("Pressemitteilung")
>>> header["Project-Id-Version"], header["Language"], header["Content-Type"]
('Pressemitteilung', '', 'text/plain; charset=UTF-8')
>>> header["X-Generator"] == generator()
True
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from .. import __version__
from ..languages import Language
from .model import Catalog


def now_stamp() -> str:
    """The current time in gettext's header format; ``SOURCE_DATE_EPOCH`` pins it for builds."""
    from ..environment import source_date_epoch

    moment = source_date_epoch() or datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def generator() -> str:
    """The ``X-Generator`` l10n writes: ``l10n`` and its version.

    >>> generator().split()[0]
    'l10n'
    """
    return f"l10n {__version__}"


def revised(catalog: Catalog, by: str = "") -> Catalog:
    """``catalog`` stamped as revised now (``PO-Revision-Date``), and as written ``by`` a tool
    (``X-Generator``) if given: the one place a changed catalog gets its date.

    >>> revised(Catalog({"Language": "en"}), by="l10n").header["X-Generator"]
    'l10n'
    """
    stamp = {"PO-Revision-Date": now_stamp(), **({"X-Generator": by} if by else {})}
    return replace(catalog, header={**catalog.header, **stamp})


def template_header(project: str) -> dict[str, str]:
    """Header fields of a template (``.pot``)."""
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        # xgettext's placeholders: a template has no translator or language yet.
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": generator(),
    }


# Header fields l10n keeps right whoever saved the file last; every other field belongs to the
# translators and their tools (Poedit, Lokalize and Weblate rewrite X-Generator, PO-Revision-Date,
# Last-Translator, Language-Team, ...), and a save that changed only those is no change.
OWNED_FIELDS = ("Project-Id-Version", "POT-Creation-Date", "Language", "Content-Type")


def catalog_header(template: Catalog, lang: Language, old: Catalog | None) -> dict[str, str]:
    """Header fields of a language's catalog; what a translator or tool set in ``old`` is kept.

    For an existing catalog only the :data:`OWNED_FIELDS` are set (in the file's own order);
    fields it lacks are added.

    >>> from l10n.languages import get_language
    >>> old = Catalog({"Language": "en", "Language-Team": "Press <press@example.org>", "X-Poedit-Basepath": "."})
    >>> header = catalog_header(Catalog(template_header("Pressemitteilung")), get_language("zh"), old)
    >>> list(header)[:3], header["Language"], header["Language-Team"]
    (['Language', 'Language-Team', 'X-Poedit-Basepath'], 'zh_CN', 'Press <press@example.org>')
    """
    header = {
        "Project-Id-Version": template.header.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.header.get("POT-Creation-Date", now_stamp()),
        "PO-Revision-Date": now_stamp(),
        "Last-Translator": "",
        "Language-Team": f"{lang.name} <>",
        "Language": lang.gettext,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": lang.plural_forms,
        "X-Generator": generator(),
    }
    if old is None:
        return header
    kept = dict(old.header)
    kept.update({k: header[k] for k in OWNED_FIELDS})
    return {**kept, **{k: v for k, v in header.items() if k not in kept}}
