"""HTML for the press kit: a standalone page per document and language, and the landing page.

Every value that comes from a document or catalog is escaped here, once: translations are text,
not markup, so a ``<script>`` typed into a msgstr shows on the page as text. Markdown is rendered
by markdown-it-py with raw HTML switched off for the same reason. Templates, the stylesheet and the
words a page shows live as data files in ``templates/``.
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
from ..sources.markdown import read_front_matter

_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


@dataclass(frozen=True)
class PageLink:
    """A link to one language version of a document, as the pages and the index show it."""

    lang: str
    href: str  # relative to the kit folder: "en/release.html"
    title: str


@dataclass(frozen=True)
class Page:
    """Everything one HTML page shows."""

    lang: str
    name: str  # document name; may contain "/" for documents in subfolders
    title: str
    dateline: str  # "DÜSSELDORF, 2019-10", or "" when the source has neither
    date: str  # front matter ``date`` for the <time> element, or ""
    metadata: tuple[tuple[str, str], ...]
    body_html: str
    status: str
    draft: bool
    versions: tuple[PageLink, ...]  # every shipped language of this document, self included


@cache
def _read(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


@cache
def labels(lang: str) -> dict:
    """The words pages show in ``lang`` (English for a language without an entry)."""
    table = json.loads(_read("labels.json"))
    return table.get(lang, table["en"])


def markdown_html(text: str) -> str:
    """Markdown (front matter dropped) -> HTML, with raw HTML shown as text."""
    from markdown_it import MarkdownIt  # only the kit needs it

    _, end = read_front_matter(text)
    md = MarkdownIt("commonmark", {"html": False})
    md.add_render_rule("image", _image_or_link)
    return md.render(text[end:])


_EXTERNAL = re.compile(r"^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def _image_or_link(self, tokens, idx, options, env) -> str:
    """An image inside the kit as ``<img>``; one from outside as a link, so no page loads it."""
    token = tokens[idx]
    src = token.attrGet("src") or ""
    if not _EXTERNAL.match(src):
        return self.image(tokens, idx, options, env)
    alt = self.renderInlineAsText(token.children or [], options, env) or src
    return f'<a href="{escape(src)}" class="external-image">{escape(alt)}</a>'



def text_html(text: str) -> str:
    """Plain text -> one escaped ``<p>`` per paragraph."""
    paragraphs = (p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n")))
    return "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs if p)


def _prefix(name: str) -> str:
    # Pages live at <lang>/<name>.html; a name with folders sits deeper.
    return "../" * (name.count("/") + 1)


def page_html(page: Page, generator: str) -> str:
    """The standalone HTML page of one document in one language."""
    words = labels(page.lang)
    up = _prefix(page.name)
    links = []
    alternates = []
    for v in page.versions:
        tag = get_language(v.lang).html
        name = escape(labels(v.lang)["name"])
        if v.lang == page.lang:
            links.append(f'<li><a href="{up}{escape(v.href)}" aria-current="page" lang="{tag}">{name}</a></li>')
        else:
            links.append(f'<li><a href="{up}{escape(v.href)}" hreflang="{tag}" lang="{tag}">{name}</a></li>')
            alternates.append(f'<link rel="alternate" hreflang="{tag}" href="{up}{escape(v.href)}">')
    dateline = ""
    if page.dateline:
        shown = escape(page.dateline)
        if page.date:
            shown = shown.replace(escape(page.date), f'<time datetime="{escape(page.date)}">{escape(page.date)}</time>', 1)
        dateline = f'<p class="dateline">{shown}</p>\n'
    metadata = ""
    if page.metadata:
        rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in page.metadata)
        metadata = f'<dl class="meta">{rows}</dl>\n'
    return Template(_read("page.html")).substitute(
        lang=get_language(page.lang).html,
        generator=escape(generator),
        title=escape(page.title),
        alternates="\n".join(alternates),
        css=_read("kit.css"),
        skip_label=escape(words["skip"]),
        banner=_banner(page.lang) if page.draft else "",
        languages_label=escape(words["languages"]),
        language_links="\n".join(links),
        dateline=dateline,
        metadata=metadata,
        body=f"<h1>{escape(page.title)}</h1>\n{page.body_html}",
        index_label=escape(words["index"]),
        status_note=escape(words["status"][page.status]),
        up=up,
    )


def _banner(lang: str) -> str:
    return f'<p class="banner" role="note">{escape(labels(lang)["draft"])}</p>\n'


@dataclass(frozen=True)
class IndexRow:
    """One language of one release on the landing page."""

    lang: str
    status: str
    reason: str | None
    link: PageLink | None  # None when the language was omitted
    source_href: str | None
    source_label: str


def index_html(heading: str, releases: list[tuple[str, list[IndexRow]]], built: str, draft: bool, generator: str) -> str:
    """The landing page: each release, its title in each language, links and status."""
    sections = [release_section(number, title, rows) for number, (title, rows) in enumerate(releases, 1)]
    before, after = index_frame(heading, len(releases), built, draft, generator)
    return before + "\n".join(sections) + after


def index_frame(heading: str, count: int, built: str, draft: bool, generator: str) -> tuple[str, str]:
    """The landing page before and after its release sections, so that the sections can be
    rendered one document at a time and streamed in between (see kit/build.py)."""
    summary = f"{count} press release{'s' if count != 1 else ''}, each in every language that is ready."
    marker = "\0releases\0"
    page = Template(_read("index.html")).substitute(
        generator=escape(generator),
        heading=escape(heading),
        css=_read("kit.css"),
        banner=_banner("en") if draft else "",
        summary=summary,
        releases=marker,
        built=escape(built),
    )
    before, after = page.split(marker)
    return before, after


def release_section(number: int, title: str, rows: list[IndexRow]) -> str:
    source_lang = get_language(rows[0].lang).html
    out = [
        f'<section class="release" aria-labelledby="release-{number}">',
        f'<h2 id="release-{number}" lang="{source_lang}">{escape(title)}</h2>',
        "<table>",
        f'<caption>Language versions of release {number}</caption>',
        '<thead><tr><th scope="col">Language</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Source format</th></tr></thead>',
        "<tbody>",
    ]
    for i, row in enumerate(rows):
        tag = get_language(row.lang).html
        name = escape(labels(row.lang)["name"]) + (" (original)" if i == 0 else "")
        status = escape(row.status + (f": {row.reason}" if row.reason else ""))
        if row.link is None:
            title_cell = "<td>—</td>"
            source_cell = "<td>—</td>"
        else:
            title_cell = f'<td><a href="{escape(row.link.href)}" hreflang="{tag}" lang="{tag}">{escape(row.link.title)}</a></td>'
            source_cell = f'<td><a href="{escape(row.source_href or "")}" hreflang="{tag}" type="text/plain">{escape(row.source_label)}</a></td>'
        out.append(
            f'<tr><th scope="row" lang="{tag}">{name}</th>{title_cell}'
            f'<td class="status-{row.status}">{status}</td>{source_cell}</tr>'
        )
    out += ["</tbody>", "</table>", "</section>"]
    return "\n".join(out)
