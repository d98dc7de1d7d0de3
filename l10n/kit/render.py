"""HTML for the press kit's public pages: one page per document and language, and the landing page.

Everything is escaped here; the page frames, the stylesheet and the words the pages show in each
language live as data files in ``templates/``. Public pages speak to journalists: the team's own
status (counts, thresholds, reasons) goes to the manifest and the status report (status.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from string import Template

from ..languages import get_language
from .brand import Brand
from .text import Title, date_html, split_headline


_EMPTY_HEADING = re.compile(r"<h([1-6])>\s*</h\1>\n?")
# A release's own file on the landing page, by suffix: the label's key in labels.json and the
# media type; anything else is a text file.
_FILE_KINDS = {
    "docx": ("word_file", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "html": ("web_page", "text/html"),
    "htm": ("web_page", "text/html"),
}


@dataclass(frozen=True)
class PageLink:
    """A link to one language version of a document, as the pages and the index show it."""

    lang: str
    href: str  # relative to the kit folder: "en/release.html"
    title: Title


@dataclass(frozen=True)
class Page:
    """Everything one HTML page shows."""

    lang: str
    source_lang: str
    name: str  # document name; may contain "/" for documents in subfolders
    title: Title
    place: str  # the dateline's place ("DORMAGEN"), or ""
    date: str  # front matter ``date``, or ""
    metadata: tuple[tuple[str, str], ...]
    body_html: str
    headline_in_body: bool  # the body opens with the document's heading: it becomes the <h1>
    machine: bool  # holds machine text nobody reviewed: the draft banner
    partial: bool  # some passages are still in the source language
    versions: tuple[PageLink, ...]  # every shipped language of this document, self included
    brand: Brand


@cache
def read_template(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@cache
def labels(lang: str) -> dict:
    """The words pages show in ``lang`` (English for a language without an entry)."""
    table = json.loads(read_template("labels.json"))
    return table.get(lang, table["en"])


def _tag(lang: str) -> str:
    return get_language(lang).html


def _prefix(name: str) -> str:
    # Pages live at <lang>/<name>.html; a name with folders sits deeper.
    return "../" * (name.count("/") + 1)


def _lang_attr(text_lang: str, around: str) -> str:
    """A ``lang`` attribute when a text's language differs from the element around it."""
    return "" if text_lang == around else f' lang="{_tag(text_lang)}"'


def dateline_html(place: str, date: str, lang: str) -> str:
    """``<p class="dateline">DORMAGEN, <time>2026-11-12</time></p>``, or "" with neither."""
    parts = [escape(p) for p in (place,) if p] + ([date_html(date)] if date else [])
    return f'<p class="dateline">{labels(lang)["separator"].join(parts)}</p>\n' if parts else ""


def masthead(brand: Brand, up: str) -> str:
    """The sender's logo and name on top of a page, or "" when l10n.toml names neither."""
    if not (brand.organisation or brand.logo):
        return ""
    logo = f'<img class="logo" src="{up}{escape(brand.logo)}" alt="{"" if brand.organisation else "logo"}">' if brand.logo else ""
    name = f'<span class="organisation">{escape(brand.organisation)}</span>' if brand.organisation else ""
    return f'<header class="masthead">{logo}{name}</header>\n'


def contact_html(brand: Brand, lang: str) -> str:
    """The press contact block, one line each; an e-mail address is a mailto: link."""
    if not brand.contact:
        return ""
    lines = []
    for line in brand.contact:
        shown = escape(line)
        if "@" in line and " " not in line.strip():
            shown = f'<a href="mailto:{escape(line.strip())}">{shown}</a>'
        lines.append(shown)
    return f'<address class="contact"><strong>{escape(labels(lang)["contact"])}</strong><br>\n' + "<br>\n".join(lines) + "</address>\n"


def _banner(lang: str) -> str:
    words = labels(lang)
    return f'<p class="banner" role="note">{escape(words["draft"])} <span class="hint">{escape(words["machine_hint"])}</span></p>\n'


def page_html(page: Page, generator: str) -> str:
    """The standalone HTML page of one document in one language."""
    words = labels(page.lang)
    up = _prefix(page.name)
    others = [v for v in page.versions if v.lang != page.lang]
    links = [f'<li><a href="{up}{escape(v.href)}" hreflang="{_tag(v.lang)}" lang="{_tag(v.lang)}">{escape(labels(v.lang)["name"])}</a></li>' for v in others]
    alternates = [f'<link rel="alternate" hreflang="{_tag(v.lang)}" href="{up}{escape(v.href)}">' for v in others]
    languages = ""
    if links:
        languages = f'<nav class="languages" aria-label="{escape(words["also"])}">\n<span>{escape(words["also"] + words["colon"].rstrip())}</span>\n<ul>\n' + "\n".join(links) + "\n</ul>\n</nav>\n"
    # An empty heading ("# " alone) has no text to translate and says nothing: it goes.
    body = _EMPTY_HEADING.sub("", page.body_html)
    headline, body = split_headline(body) if page.headline_in_body else (None, body)
    if headline is None:
        headline = f"<h1{_lang_attr(page.title.lang, page.lang)}>{escape(page.title.text)}</h1>"
    notice = ""
    if page.partial:
        source = words["names"].get(page.source_lang, labels(page.source_lang)["name"])
        notice = f'<p class="notice" role="note">{escape(words["partial"].format(source=source))}</p>\n'
    metadata = ""
    if page.metadata:
        rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in page.metadata)
        metadata = f'<dl class="meta">{rows}</dl>\n'
    return Template(read_template("page.html")).substitute(
        lang=_tag(page.lang),
        generator=escape(generator),
        title=escape(page.title.text),
        alternates="\n".join(alternates),
        css=read_template("kit.css"),
        skip_label=escape(words["skip"]),
        masthead=masthead(page.brand, up),
        banner=_banner(page.lang) if page.machine else "",
        languages=languages,
        headline=headline,
        dateline=dateline_html(page.place, page.date, page.lang),
        notice=notice,
        metadata=metadata,
        body=body,
        contact=contact_html(page.brand, page.lang),
        index_label=escape(words["index"]),
        up=up,
    )


@dataclass(frozen=True)
class IndexRow:
    """One language of one release on the landing page."""

    lang: str
    status: str  # original, complete, partial, draft or omitted
    link: PageLink | None  # None when the language was omitted
    text_href: str | None  # the release as a text file (its source format)
    pdf_href: str | None = None  # the page printed to PDF, when the kit has it


def index_frame(brand: Brand, built: str, generator: str) -> tuple[str, str]:
    """The landing page before and after its release sections, so that the sections can be
    rendered one document at a time and streamed in between (see kit/build.py)."""
    words = labels("en")
    heading = words["releases"]
    marker = "\0releases\0"
    page = Template(read_template("index.html")).substitute(
        generator=escape(generator),
        title=escape(f"{brand.organisation}: {heading}" if brand.organisation else heading),
        heading=escape(heading),
        css=read_template("kit.css"),
        masthead=masthead(brand, ""),
        releases=marker,
        contact=contact_html(brand, "en"),
        updated=f'{escape(words["updated"] + words["colon"])}<time datetime="{escape(built)}">{escape(built[:10])}</time>',
    )
    before, after = page.split(marker)
    return before, after


def release_section(number: int, title: Title, place: str, date: str, rows: list[IndexRow]) -> str:
    """One release on the landing page: its original title and dateline, then each language."""
    words = labels("en")
    out = [
        f'<section class="release" aria-labelledby="release-{number}">',
        f'<h2 id="release-{number}"{_lang_attr(title.lang, "en")}>{escape(title.text)}</h2>',
        dateline_html(place, date, "en").rstrip("\n"),
        '<ul class="versions">',
    ]
    for row in rows:
        tag = _tag(row.lang)
        title = ""
        if row.link is not None:
            link_lang = _tag(row.link.title.lang)
            title = f'<a href="{escape(row.link.href)}" hreflang="{tag}" lang="{link_lang}">{escape(row.link.title.text)}</a>\n'
        notes = [f'<span class="status-{row.status}">{escape(words["status"][row.status])}</span>'] if words["status"][row.status] else []
        if row.text_href:
            label, mime = _FILE_KINDS.get(row.text_href.rpartition(".")[2].lower(), ("text_file", "text/plain"))
            notes.append(f'<a href="{escape(row.text_href)}" hreflang="{tag}" type="{mime}">{escape(words[label])}</a>')
        if row.pdf_href:
            notes.append(f'<a href="{escape(row.pdf_href)}" hreflang="{tag}" type="application/pdf">{escape(words["pdf_file"])}</a>')
        out.append(
            f'<li><span class="language" lang="{tag}">{escape(labels(row.lang)["name"])}</span>\n'
            f'<span class="version">{title}<span class="notes">{" · ".join(notes)}</span></span></li>'
        )
    out += ["</ul>", "</section>"]
    return "\n".join(line for line in out if line)
