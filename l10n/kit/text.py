"""What a page says, taken from a document and its translations: title, dateline, date, and the
body as HTML with every passage still in the source language marked with its language.

Passages left in the source language are found where the document is rebuilt
(:func:`l10n.sources.rebuild.localize` puts two marks around each run of them); after
rendering, a paragraph, list item or heading that is wholly such a passage gets ``lang`` itself,
and a run inside a translated paragraph becomes ``<span lang="de">``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..sources.markers import strip
from ..sources.rebuild import localize
from ..languages import IDEOGRAPHS, get_language
from ..model import Document, normalize_space

# A dateline opening the first sentence: "DÜSSELDORF. Die ..." or "BERLIN (dpa): ...".
# Chinese press style: "杜塞尔多夫讯——…" or "新华社北京电：…" (place, then 讯 or 电, then a dash or colon).
_DATELINE = re.compile(
    r"^(?:([A-ZÄÖÜ][A-ZÄÖÜ.\- ]*[A-ZÄÖÜ])(?:\s*\([^)]*\))?[.:]\s+"
    rf"|([{IDEOGRAPHS}]{{2,12}}?)[讯电](?:——|—|：|:)\s*)"
)
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")

# Marks around passages in the source language (⸨ ⸩) and around unreviewed machine text (⸠ ⸡):
# rare punctuation, never seen in a press release (a source that holds one anyway is rendered
# without marks). Markdown reads them as punctuation, like quotation marks, so "**bold.**" next to
# one still closes its emphasis.
FALLBACK, MACHINE = ("\u2e28", "\u2e29"), ("\u2e20", "\u2e21")
_MARKS = "".join(FALLBACK + MACHINE)
_BLOCK = r"<(p|li|h[1-6])>{0}([^{1}]*){2}</\1>"
_RUN = r"{0}([^{1}]*){2}"
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_VOID = frozenset({"br", "hr", "img", "wbr"})
_LEADING_HEADING = re.compile(r"\A\s*<h([1-6])((?: [a-z]+=\"[^\"]*\")*)>(.*?)</h\1>\n?", re.DOTALL)


# Where a Word reader's text holds an image, a footnote reference or another object between
# sentences (the object replacement character).
_OBJECT = "\ufffc"


def reading_text(doc: Document, text: str) -> str:
    """``text`` of ``doc`` as a reader sees it: for a format rebuilt from its file (Word, HTML:
    ``doc.original`` is set) the inline markers go and the words stay; other text is unchanged.

    >>> word = Document("source/a.docx", "a", "docx", "", (), (), original=b"PK")
    >>> reading_text(word, "Die <1>neue</1> Fabrik\ufffc, \\\\<2/> bleibt.")
    'Die neue Fabrik, <2/> bleibt.'
    >>> reading_text(Document("source/a.md", "a", "markdown", "", (), ()), "a <1>b</1>")
    'a <1>b</1>'
    """
    if doc.original is None:
        return text
    return strip(text).replace(_OBJECT, "")


@dataclass(frozen=True)
class Title:
    """A document's title in one language, and the language its text is in (the source language
    where the title is not translated yet)."""

    text: str
    lang: str


def title_of(doc: Document, lang: str, table: dict, source_language: str) -> Title:
    """A document's title in ``lang``: a leading heading, front matter, else its first sentence
    without its dateline."""
    if not doc.segments:
        return Title(doc.name, lang)
    first = doc.segments[0]
    if first.kind == "heading" and first.block == 0:
        heading = [s for s in doc.segments if s.block == 0]
        # The sentences of a heading, joined as the language joins sentences (none in Chinese).
        joiner = " " if get_language(lang if any(s.key in table for s in heading) else source_language).sentence_space else ""
        text = joiner.join(normalize_space(reading_text(doc, table.get(s.key, s.text))) for s in heading)
        return Title(text, lang if any(s.key in table for s in heading) else source_language)
    meta = doc.metadata.get(f"title_{lang}") or (doc.metadata.get("title") if lang == source_language else None)
    if meta:
        return Title(meta, lang)
    sentence = normalize_space(reading_text(doc, table.get(first.key, first.text)))
    return Title(_DATELINE.sub("", sentence, count=1) or sentence, lang if first.key in table else source_language)


def place_of(doc: Document, table: dict) -> str:
    """The place of the dateline opening the first paragraph ("DORMAGEN", "杜塞尔多夫"), or "".

    The translation's own dateline comes first; where it has none, the source's place is kept.
    """
    first = next((s for s in doc.segments if s.kind != "heading"), None)
    if first is None:
        return ""
    for text in (table.get(first.key), first.text):
        found = _DATELINE.match(normalize_space(reading_text(doc, text))) if text else None
        if found:
            return found.group(1) or found.group(2)
    return ""


def iso_date(value: str) -> str | None:
    """``value`` as an ISO 8601 date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; German ``12.11.2026``
    is read too), or None when it is not a date.

    >>> iso_date("2026-11-12"), iso_date("1.2.2027"), iso_date("2019-10"), iso_date("soon")
    ('2026-11-12', '2027-02-01', '2019-10', None)
    """
    value = value.strip()
    if _ISO_DATE.match(value):
        return value
    found = _GERMAN_DATE.match(value)
    if found:
        day, month, year = (int(g) for g in found.groups())
        return f"{year:04}-{month:02}-{day:02}"
    return None


def date_html(value: str) -> str:
    """A front matter date as HTML: a ``<time>`` element when it is a date, else escaped text."""
    machine = iso_date(value)
    if machine is None:
        return escape(value)
    return f'<time datetime="{machine}">{escape(value)}</time>'


def newest_first(key: tuple[str, str]) -> tuple:
    """Sort key for (date, document name): dated releases newest first, then undated ones; equal
    dates by name.

    >>> sorted([("2019-10", "b"), ("", "a"), ("2026-11-12", "z"), ("2026-11-12", "c")], key=newest_first)
    [('2026-11-12', 'c'), ('2026-11-12', 'z'), ('2019-10', 'b'), ('', 'a')]
    """
    date, name = key
    machine = iso_date(date) or ""
    return (machine == "", tuple(-ord(c) for c in machine), name)


def body_html(doc: Document, lang: str, table: dict, source_tag: str, markdown: bool, machine: frozenset = frozenset()) -> str:
    """The body of ``doc`` rebuilt in ``lang``, as HTML with passages marked.

    Passages left in the source language get ``lang=source_tag`` ("de") and the class
    ``fallback``; the sentences whose keys are in ``machine`` (unreviewed machine text) the class
    ``machine``.
    """
    if any(m in doc.text for m in _MARKS):
        return document_body(doc, localize(doc, lang, table)[0], markdown)

    def mark(seg, translated: bool):
        return MACHINE if seg.key in machine else None if translated else FALLBACK

    marked = localize(doc, lang, table, mark)[0]
    return mark_passages(document_body(doc, marked, markdown), source_tag)


def render_body(text: str, markdown: bool) -> str:
    """A document's text as HTML: Markdown rendered, plain text as escaped paragraphs."""
    return markdown_html(text) if markdown else text_html(text)


# Block kinds of the formats rebuilt from their file (Word, HTML) on a page: headings one level
# below the page's own <h1>, list items in a list; the texts of attributes and of the head
# (title, meta description, alt text, aria-label) are no body text.
_HEADINGS = {"heading": "h2", **{f"h{n}": f"h{min(n + 1, 6)}" for n in range(1, 7)}}
_LIST_ITEMS = frozenset({"list item", "li"})
_NOT_BODY = re.compile(r"title|description|alt|label")


def document_body(doc: Document, text: str, markdown: bool) -> str:
    """``text`` (``doc`` rebuilt, in any language) as the HTML body of its page.

    Markdown and plain text render as :func:`render_body`. A Word or HTML document's text holds
    one block a paragraph: each becomes the element its kind asks for, without inline markers; a
    leading Word heading becomes the ``<h1>`` the page takes as its headline.

    >>> from l10n.model import Block
    >>> word = Document("s/a.docx", "a", "docx", "", (Block("heading", 0, 1, 1), Block("list item", 0, 1, 2),
    ...                 Block("paragraph", 0, 1, 3)), (), original=b"PK")
    >>> document_body(word, "Neu\\n\\nEins <1>zwei</1>\\n\\nDrei.", markdown=False)
    '<h1>Neu</h1>\\n<ul>\\n<li>Eins zwei</li>\\n</ul>\\n<p>Drei.</p>\\n'
    """
    if doc.original is None:
        return render_body(text, markdown)
    text = reading_text(doc, text)
    paragraphs = [p for p in (p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n"))) if p]
    if len(paragraphs) != len(doc.blocks):
        return text_html(text)
    out, listed = [], False
    for index, (block, paragraph) in enumerate(zip(doc.blocks, paragraphs)):
        if _NOT_BODY.search(block.kind):
            continue
        element = "h1" if index == 0 and block.kind == "heading" else _HEADINGS.get(block.kind) or ("li" if block.kind in _LIST_ITEMS else "p")
        if (element == "li") != listed:
            out.append("</ul>\n" if listed else "<ul>\n")
            listed = not listed
        out.append(f"<{element}>{escape(paragraph)}</{element}>\n")
    return "".join(out) + ("</ul>\n" if listed else "")


def mark_passages(html: str, tag: str) -> str:
    """Turn the marks around passages into attributes: ``lang`` (``tag``) for source-language
    passages, a class for machine text; on the element when it is all of it, else on a span.

    >>> mark_passages("<p>\\u2e28Ein Satz.\\u2e29</p>\\n<p>A sentence. \\u2e28Noch einer.\\u2e29</p>", "de")
    '<p lang="de" class="fallback">Ein Satz.</p>\\n<p>A sentence. <span lang="de" class="fallback">Noch einer.</span></p>'
    >>> mark_passages("<li>\\u2e20Labs\\u2e21</li>", "de")
    '<li class="machine">Labs</li>'
    """
    # Marks that ended up inside a tag (an image's alt text) go; the text they marked stays.
    html = _TAG.sub(lambda m: "".join(c for c in m.group() if c not in _MARKS), html)
    for (opening, closing), attributes in ((FALLBACK, f'lang="{tag}" class="fallback"'), (MACHINE, 'class="machine"')):
        html = re.sub(_BLOCK.format(opening, _MARKS, closing), rf"<\1 {attributes}>\2</\1>", html)

        def span(found: re.Match, attributes: str = attributes) -> str:
            inner = found.group(1)
            return f"<span {attributes}>{inner}</span>" if _balanced(inner) else inner

        html = re.sub(_RUN.format(opening, _MARKS, closing), span, html)
    return html


def _balanced(html: str) -> bool:
    """Whether every tag opened in ``html`` is closed in it (a span around it nests properly)."""
    stack: list[str] = []
    for closing, name in _TAG.findall(html):
        name = name.lower()
        if name in _VOID:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def split_headline(body: str) -> tuple[str | None, str]:
    """(the leading heading's attributes and inner HTML as an ``<h1>``, the rest of the body), or
    (None, body) when the body does not open with a heading.

    >>> split_headline('<h1 lang="de" class="fallback">Neu</h1>\\n<p>Text</p>\\n')
    ('<h1 lang="de" class="fallback">Neu</h1>', '<p>Text</p>\\n')
    """
    found = _LEADING_HEADING.match(body)
    if not found:
        return None, body
    return f"<h1{found.group(2)}>{found.group(3)}</h1>", body[found.end() :]


def markdown_html(text: str) -> str:
    """Markdown (front matter dropped) -> HTML, with raw HTML shown as text."""
    from markdown_it import MarkdownIt  # only the kit needs it

    from ..sources.markdown import read_front_matter

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


_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


def text_html(text: str) -> str:
    """Plain text -> one escaped ``<p>`` per paragraph."""
    paragraphs = (p.strip() for p in _BLANK_LINES.split(text.replace("\r\n", "\n")))
    return "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs if p)
