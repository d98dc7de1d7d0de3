"""HTML in and out: block elements are blocks, inline elements are markers, the rest is left alone.

Reading walks the tokens of :mod:`l10n.sources.htmlscan` (the standard library's HTML tokenizer,
with offsets). Every element that is not inline (``p``, ``h1``-``h6``, ``li``, ``td``, ``th``,
``dt``, ``dd``, ``figcaption``, ``blockquote``, ``title``, a ``div`` or ``body`` with text...)
ends one block and starts the next; inside a block, ``b``, ``strong``, ``i``, ``em``, ``a``,
``span``... become paired markers ``<1>…</1>`` and ``br``, ``img``, inline ``code``, comments
become standalone markers ``<2/>`` (:mod:`l10n.sources.markers`). Markup wrapping a whole block
(``<p><b>…</b></p>``) stays outside it. The texts of ``title``, ``alt`` (images), ``aria-label``
and ``<meta name="description" content>`` (and its Open Graph / Twitter siblings) are blocks of
their own. ``script``, ``style``, ``pre``, ``template``, ``textarea``, comments, and any element
marked ``translate="no"`` are never read. A block without a letter (``<td>12,5</td>``) is none.

Writing replaces exactly the characters of each translated block or attribute value in the file
(found by offset) and sets ``lang`` (and ``xml:lang`` where present) on ``<html>``; every other
byte is the source's, so with no translations the output is the source apart from ``lang``.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..errors import SourceError
from ..languages import get_language
from ..model import Document
from ..segment import Splitter
from . import decode
from .htmlscan import Token as HtmlToken
from .htmlscan import attr_values, splice, text_of, tokens
from .marked import MarkedBlock, build_document, localized_blocks
from .markers import Marker, Tag, Token
from .rebuild import Translations

INLINE = frozenset("a abbr acronym b bdi bdo big cite data del dfn em font i ins label mark q s small span strike strong sub sup time tt u".split())
STANDALONE = frozenset({"br", "img", "wbr"})
# Inline elements whose content is not translated: one standalone marker for the whole element.
KEPT_INLINE = frozenset({"code", "kbd", "samp", "var", "math", "svg"})
# Elements whose content is never read (and that end a block).
KEPT = frozenset({"script", "style", "pre", "template", "textarea", "noscript", "select", "iframe", "object", "canvas", "audio", "video"})
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
META_NAMES = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description"})
_KINDS = {"a": "link", "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "br": "line break",
          "img": "image", "sup": "superscript", "sub": "subscript", "s": "struck", "del": "deleted", "ins": "inserted",
          "code": "code", "q": "quote", "mark": "highlight", "small": "small print"}
_HTML_SPACE = " \t\n\r\f"
_SPACE = re.compile(f"[{_HTML_SPACE}]+")


@dataclass(frozen=True)
class _Piece:
    """One token of a block in its role: ``text``, ``open``, ``close`` or ``empty`` (standalone)."""

    role: str
    start: int
    end: int
    token: HtmlToken


@dataclass(frozen=True)
class _Block:
    """A block as the file has it: where it sits, and (element blocks) the file's span of each
    marker number: ``spans[n - 1]`` is the opening (or standalone) markup, ``closes[n]`` the
    closing one. An attribute block has ``quote`` (``""`` for an unquoted value) instead."""

    marked: MarkedBlock
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    closes: tuple[tuple[int, tuple[int, int]], ...] = ()
    quote: str | None = None


@dataclass(frozen=True)
class _Page:
    blocks: tuple[_Block, ...]
    root: HtmlToken | None  # the <html> start tag


def read(data: bytes, rel: str, splitter: Splitter, name: str) -> Document:
    """Read an HTML file into a segmented document (:class:`~l10n.sources.Format` ``read``)."""
    source = decode(data, rel)[0]
    if not source.strip():
        raise SourceError("empty file, nothing to translate", path=rel)
    page = _page(source)
    doc = build_document([b.marked for b in page.blocks], rel, "html", splitter, name, data)
    titles = [b.marked.tokens for b in page.blocks if b.marked.kind == "title"]
    return replace(doc, metadata={"title": "".join(t for t in titles[0] if isinstance(t, str))}) if titles else doc


def write(doc: Document, lang: str, table: Translations) -> tuple[bytes, int]:
    """The localized HTML file: the source with translated texts spliced in and ``lang`` set."""
    source = decode(doc.encode(), doc.path)[0]
    page = _page(source)
    if len(page.blocks) != len(doc.blocks):
        raise SourceError("the HTML file changed since it was read", path=doc.path, hint="run l10n translate again")
    blocks, count = localized_blocks(doc, lang, table)
    attrs = [(page.blocks[i].start, page.blocks[i].end, _attr_text(t, page.blocks[i].quote)) for i, t in blocks.items() if page.blocks[i].quote is not None]
    elements = [(page.blocks[i].start, page.blocks[i].end, _render(source, page.blocks[i], t, attrs)) for i, t in blocks.items() if page.blocks[i].quote is None]
    outside = [e for e in attrs if not any(s <= e[0] and e[1] <= end for s, end, _ in elements)]
    text = splice(source, _lang_edits(source, page.root, get_language(lang).html) + elements + outside)
    return ("\ufeff" if doc.bom else "").encode("utf-8") + text.encode("utf-8"), count


# --- reading -----------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _page(source: str) -> _Page:
    """The blocks of ``source`` in file order (element and attribute blocks interleaved)."""
    found = tokens(source)
    runs, attrs, root = _walk(source, found)
    lines = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    blocks = [b for kind, pieces in runs if (b := _element_block(source, kind, pieces, lines))]
    blocks += [_attr_block(source, token, value, lines) for token, value in attrs]
    return _Page(tuple(sorted((b for b in blocks if b), key=lambda b: b.start)), root)


def _walk(source: str, found: list[HtmlToken]) -> tuple[list[tuple[str, list[_Piece]]], list, HtmlToken | None]:
    """The runs of inline content between block boundaries, the translatable attributes, <html>."""
    runs: list[tuple[str, list[_Piece]]] = []
    attrs: list = []
    current: list[_Piece] = []
    stack: list[str] = []
    root = None
    i = 0
    while i < len(found):
        token = found[i]
        if token.kind in ("start", "void") and _kept(token):
            j = _element_end(found, i)
            if token.tag in INLINE | STANDALONE | KEPT_INLINE:
                current.append(_Piece("empty", token.start, found[j].end, token))
            else:
                runs.append((stack[-1] if stack else "body", current))
                current = []
            i = j + 1
            continue
        if token.kind in ("start", "void"):
            root = token if token.tag == "html" and root is None else root
            attrs += [(token, v) for v in attr_values(source, token) if _translatable(token, v.name)]
        role = _role(token)
        if role:
            current.append(_Piece(role, token.start, token.end, token))
        else:
            runs.append((stack[-1] if stack else "body", current))
            current = []
            _track(stack, token)
        i += 1
    runs.append((stack[-1] if stack else "body", current))
    return runs, attrs, root


def _kept(token: HtmlToken) -> bool:
    return token.tag in KEPT or token.tag in KEPT_INLINE or (token.attr("translate") or "").lower() == "no"


def _element_end(found: list[HtmlToken], i: int) -> int:
    """The index of the end tag closing the element that starts at ``found[i]`` (``i`` if none)."""
    tag = found[i].tag
    if found[i].kind == "void" or tag in VOID:
        return i
    depth = 0
    for j in range(i, len(found)):
        if found[j].tag == tag and found[j].kind in ("start", "end"):
            depth += 1 if found[j].kind == "start" else -1
            if depth == 0:
                return j
    return i


def _role(token: HtmlToken) -> str | None:
    if token.kind == "text":
        return "text"
    if token.kind == "other" or token.tag in STANDALONE:
        return "empty"
    if token.tag in INLINE:
        return {"start": "open", "end": "close"}.get(token.kind, "empty")
    return None


def _track(stack: list[str], token: HtmlToken) -> None:
    if token.kind == "start" and token.tag not in VOID:
        stack.append(token.tag)
    elif token.kind == "end" and token.tag in stack:
        while stack.pop() != token.tag:
            pass


def _translatable(token: HtmlToken, name: str) -> bool:
    if name in ("title", "aria-label"):
        return True
    if name == "alt":
        return token.tag in ("img", "area", "input")
    return name == "content" and token.tag == "meta" and (token.attr("name") or token.attr("property") or "").lower() in META_NAMES


def _pairs(pieces: list[_Piece]) -> tuple[list[str], dict[int, int]]:
    """Each piece's role with unmatched opening/closing tags made standalone, and the pairs."""
    roles = [p.role for p in pieces]
    partner: dict[int, int] = {}
    stack: list[int] = []
    for k, piece in enumerate(pieces):
        if piece.role == "open":
            stack.append(k)
        elif piece.role == "close":
            match = next((s for s in reversed(stack) if pieces[s].token.tag == piece.token.tag), None)
            if match is None:
                roles[k] = "empty"
                continue
            while stack[-1] != match:
                roles[stack.pop()] = "empty"
            stack.pop()
            partner[match], partner[k] = k, match
    for k in stack:
        roles[k] = "empty"
    return roles, partner


def _trim(source: str, pieces: list[_Piece], roles: list[str], partner: dict[int, int]) -> tuple[int, int]:
    """The pieces that make the block: white space, comments, stray tags and line breaks at the
    edges, and markup wrapping all of it, stay outside."""
    lo, hi = 0, len(pieces)
    while lo < hi:
        if _blank(source, pieces[lo], roles[lo]):
            lo += 1
        elif _blank(source, pieces[hi - 1], roles[hi - 1]):
            hi -= 1
        elif roles[lo] == "open" and partner.get(lo) == hi - 1:
            lo, hi = lo + 1, hi - 1
        else:
            break
    return lo, hi


def _blank(source: str, piece: _Piece, role: str) -> bool:
    if piece.role == "text":
        return not text_of(source, piece.token).strip()
    if role != "empty":
        return False
    # A comment, a line break or a stray tag, but not an image or an element kept whole (code).
    return piece.token.tag in ("br", "wbr") or (piece.end == piece.token.end and piece.token.tag != "img")


def _element_block(source: str, kind: str, pieces: list[_Piece], lines: list[int]) -> _Block | None:
    roles, partner = _pairs(pieces)
    lo, hi = _trim(source, pieces, roles, partner)
    if not any(p.role == "text" and any(c.isalpha() for c in text_of(source, p.token)) for p in pieces[lo:hi]):
        return None
    out: list[Token] = []
    spans: list[tuple[int, int]] = []
    closes: list[tuple[int, tuple[int, int]]] = []
    markers: list[Marker] = []
    number: dict[int, int] = {}
    for k in range(lo, hi):
        piece = pieces[k]
        if piece.role == "text":
            out.append(_SPACE.sub(" ", text_of(source, piece.token)))
        elif roles[k] == "close":
            out.append(Tag(number[partner[k]], "close"))
            closes.append((number[partner[k]], (piece.start, piece.end)))
        else:
            number[k] = len(spans) + 1
            spans.append((piece.start, piece.end))
            out.append(Tag(number[k], roles[k]))
            markers.append(_marker(source, number[k], piece, roles[k] == "open"))
    _strip_ends(out)
    # White space at the block's edges stays in the file, outside what a translation replaces.
    first, last = pieces[lo], pieces[hi - 1]
    raw = source[first.start : first.end]
    start = first.start + len(raw) - len(raw.lstrip(_HTML_SPACE)) if first.role == "text" else first.start
    end = last.start + len(source[last.start : last.end].rstrip(_HTML_SPACE)) if last.role == "text" else last.end
    marked = MarkedBlock(kind, bisect.bisect_right(lines, start), tuple(out), tuple(markers))
    return _Block(marked, start, end, tuple(spans), tuple(closes))


def _strip_ends(out: list[Token]) -> None:
    if isinstance(out[0], str):
        out[0] = out[0].lstrip(_HTML_SPACE)
    if isinstance(out[-1], str):
        out[-1] = out[-1].rstrip(_HTML_SPACE)


def _marker(source: str, number: int, piece: _Piece, paired: bool) -> Marker:
    """What marker ``number`` stands for, for the ``#.`` legend."""
    token = piece.token
    if token.kind == "other":
        return Marker(number, False, "comment")
    kind = _KINDS.get(token.tag, token.tag)
    if token.tag == "a" and token.attr("href"):
        return Marker(number, paired, kind, f"to {token.attr('href')}")
    if token.tag == "img":
        alt = token.attr("alt")
        return Marker(number, paired, kind, f'"{alt}"' if alt else token.attr("src") or "")
    if token.tag in KEPT_INLINE or token.kind == "start" and not paired and token.tag not in STANDALONE:
        shown = _SPACE.sub(" ", html.unescape(re.sub(r"<[^>]*>", "", source[piece.start : piece.end]))).strip()
        return Marker(number, False, kind, f"“{shown[:40]}”" if shown else "")
    return Marker(number, paired, kind)


def _attr_block(source: str, token: HtmlToken, value, lines: list[int]) -> _Block | None:
    text = _SPACE.sub(" ", html.unescape(source[value.start : value.end])).strip()
    if not any(c.isalpha() for c in text):
        return None
    kind = f"meta {token.attr('name') or token.attr('property')}" if token.tag == "meta" else f"{token.tag} {value.name}"
    marked = MarkedBlock(kind, bisect.bisect_right(lines, value.start), (text,))
    return _Block(marked, value.start, value.end, quote=value.quote)


# --- writing -----------------------------------------------------------------------------------


def _attr_text(tokens_: list[Token], quote: str | None) -> str:
    text = html.escape("".join(t for t in tokens_ if isinstance(t, str)), quote=True)
    return text if quote else f'"{text}"'


def _render(source: str, block: _Block, tokens_: list[Token], attrs: list[tuple[int, int, str]]) -> str:
    """The HTML of a translated element block: text escaped, each marker the file's own markup
    (with translated attribute texts inside it)."""
    closes = dict(block.closes)
    out = []
    for token in tokens_:
        if isinstance(token, str):
            out.append(html.escape(token, quote=False))
            continue
        start, end = closes[token.number] if token.role == "close" else block.spans[token.number - 1]
        out.append(splice(source, attrs, start, end))
    return "".join(out)


def _lang_edits(source: str, root: HtmlToken | None, tag: str) -> list[tuple[int, int, str]]:
    """Edits that set ``lang`` and any ``xml:lang`` of the <html> start tag to ``tag``."""
    if root is None:
        return []
    values = [v for v in attr_values(source, root) if v.name in ("lang", "xml:lang")]
    edits = [(v.start, v.end, tag if v.quote else f'"{tag}"') for v in values]
    if not any(v.name == "lang" for v in values):
        at = root.start + len("<html")
        edits.append((at, at, f' lang="{tag}"'))
    return edits
