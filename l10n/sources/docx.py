"""Word (``.docx``) in and out: every paragraph's sentences into the catalog, runs kept as markers.

Reading: python-docx opens the package and says which parts hold text (the document, its headers,
footers, footnotes and endnotes, by their content types) and what each style is called; the parts
themselves are read with lxml. Every ``w:p`` is a block (body paragraphs, headings, list items,
table cells, text boxes: kind from its style, numbering and place), in document order, parts one
after the other; its number is the "line" in ``#:`` references and messages. Each paragraph is
split into sentences and each sentence becomes marked text (:mod:`l10n.sources.wordml`): a sentence
that spans bold, italic or linked runs is one entry, its markers listed in the entry's ``#.``
comment. Paragraphs inside ``mc:Fallback`` (the copy of a text box for old Word versions) are not
read and stay as they are.

Writing starts from the original file: a paragraph with no translated sentence is not touched,
nor is any part without one, and with nothing translated the file is given back byte for byte.
A translated paragraph is rebuilt from its atoms: runs from the markers with the original run
properties, links with their relationship ids, fields, images, bookmarks and all else copied.
A translation whose markers are wrong (one missing, an extra one, crossed pairs) does not stop the
release: its text is written without markup in the sentence's own formatting, and the sentence's
standalone things (images, fields, footnote references) follow it, so nothing of the source is
lost (``l10n check`` names the broken markers).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from typing import Iterator

from lxml import etree

from ..errors import SourceError
from ..languages import get_language
from ..model import Block, Document, Segment, count_repeats
from ..segment import Splitter
from . import MAX_SENTENCE_CHARS, markers, wordbuild, wordml
from .rebuild import Translations
from .wordml import W, Paragraph, Sentence

_WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_PARTS = {
    _WORDML + "document.main+xml": "document",
    _WORDML + "template.main+xml": "document",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "document",
    _WORDML + "header+xml": "header",
    _WORDML + "footer+xml": "footer",
    _WORDML + "footnotes+xml": "footnote",
    _WORDML + "endnotes+xml": "endnote",
}
# Word never writes a DOCTYPE: entities a file declares are not expanded (no file is read through one).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class Part:
    """A package part with text: its name in the zip, what it is, its XML, its links' addresses."""

    name: str
    kind: str
    root: etree._Element
    addresses: dict[str, str]


@dataclass
class Package:
    parts: list[Part]
    styles: dict[str, str]  # style id -> style name


def open_package(data: bytes, rel: str) -> Package:
    """The text parts of the ``.docx`` in ``data``, the main document first."""
    import docx as python_docx  # only where Word files are read or written
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = python_docx.Document(io.BytesIO(data))
        styles = {s.style_id: s.name or "" for s in document.styles}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [
                Part(p.partname.lstrip("/"), _PARTS[p.content_type], etree.fromstring(archive.read(p.partname.lstrip("/")), _PARSER),
                     {rid: r.target_ref for rid, r in p.rels.items() if r.is_external})
                for p in document.part.package.iter_parts()
                if p.content_type in _PARTS
            ]
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, NotImplementedError, RuntimeError,
            PackageNotFoundError, etree.XMLSyntaxError) as exc:  # damaged, encrypted, not a Word package
        raise SourceError(f"not a Word document ({exc})", path=rel, hint="save it from Word or LibreOffice as .docx") from None
    order = list(dict.fromkeys(_PARTS.values()))
    parts.sort(key=lambda part: (order.index(part.kind), part.name))
    return Package(parts, styles)


def paragraphs(package: Package) -> Iterator[tuple[Part, etree._Element]]:
    """Every paragraph l10n reads, in order (its number counts from 1)."""
    for part in package.parts:
        for p in part.root.iter(W + "p"):
            if next(p.iterancestors(_FALLBACK), None) is None:
                yield part, p


def block_kind(part: Part, p: etree._Element, styles: dict[str, str]) -> str:
    """``heading``, ``list item``, ``cell``, ``text box``, ``paragraph``, or the part's kind
    (``header``, ``footer``, ``footnote``, ``endnote``)."""
    if part.kind != "document":
        return part.kind
    if next(p.iterancestors(W + "txbxContent"), None) is not None:
        return "text box"
    if next(p.iterancestors(W + "tc"), None) is not None:
        return "cell"
    style = p.find(f"{W}pPr/{W}pStyle")
    name = styles.get(style.get(W + "val", "") if style is not None else "", "").lower()
    if name.startswith("heading") or name in ("title", "subtitle"):
        return "heading"
    if p.find(f"{W}pPr/{W}numPr") is not None or name.startswith("list"):
        return "list item"
    return "paragraph"


def read(data: bytes, rel: str, splitter: Splitter, name: str) -> Document:
    """Read a ``.docx``: one block per paragraph with text, one segment per sentence."""
    package = open_package(data, rel)
    chunks: list[str] = []
    blocks: list[Block] = []
    segments: list[Segment] = []
    length = 0
    for number, (part, p) in enumerate(paragraphs(package), 1):
        para = wordml.read_paragraph(p)
        sentences = [wordml.sentence(para, a, b) for a, b in wordml.spans(para, splitter.split(para.text))]
        if not sentences:
            continue
        if blocks:
            chunks.append("\n\n")
            length += 2
        kind, start, pos = block_kind(part, p, package.styles), length, 0
        for sent in sentences:
            chunks += ["".join(para.plain[pos : sent.start]), sent.marked]
            length += sent.start - pos
            notes = wordml.legend(para, sent, part.addresses)
            segments.append(Segment(sent.marked, length, length + len(sent.marked), number, len(blocks), kind, notes=notes))
            _check_length(segments[-1], rel)
            length, pos = length + len(sent.marked), sent.end
        chunks.append("".join(para.plain[pos:]))
        length += len(para.plain) - pos
        blocks.append(Block(kind, start, length, number))
    if not segments:
        raise SourceError("no text to translate in this Word document", path=rel)
    return Document(rel, name, "docx", "".join(chunks), tuple(blocks), count_repeats(segments), original=data)


def _check_length(seg: Segment, rel: str) -> None:
    if len(seg.text) > MAX_SENTENCE_CHARS and len(markers.strip(seg.text)) > MAX_SENTENCE_CHARS:
        raise SourceError(
            f"a sentence of {len(markers.strip(seg.text)):,} characters with no sentence end (at most {MAX_SENTENCE_CHARS:,})",
            path=rel, line=seg.line, hint=f"split paragraph {seg.line} into sentences",
        )


# --- writing -------------------------------------------------------------------------------------


def write(doc: Document, lang: str, table: Translations) -> tuple[bytes, int]:
    """The ``.docx`` of ``doc`` in ``lang`` and how many sentences were translated."""
    if doc.original is None or not any(seg.key in table for seg in doc.segments):
        return doc.encode(), 0
    package = open_package(doc.original, doc.path)
    by_paragraph: dict[int, list[Segment]] = {}
    for seg in doc.segments:
        by_paragraph.setdefault(seg.line, []).append(seg)
    todo = []
    for number, (part, p) in enumerate(paragraphs(package), 1):
        segs = by_paragraph.get(number, [])
        if any(seg.key in table for seg in segs):
            todo.append((part, p, segs))
    language = get_language(lang)
    count, changed = 0, {}
    # Last paragraph first: a text box's paragraphs are rebuilt before the one that holds them.
    for part, p, segs in reversed(todo):
        para = wordml.read_paragraph(p)
        done = wordbuild.rebuild(para, _sentences(doc, para, segs), [table.get(seg.key) for seg in segs], language)
        count += done
        if done:
            changed[part.name] = part
    replaced = {name: etree.tostring(part.root, xml_declaration=True, encoding="UTF-8", standalone=True) for name, part in changed.items()}
    return repack(doc.original, replaced), count


def repack(data: bytes, replaced: dict[str, bytes]) -> bytes:
    """The zip ``data`` with the files in ``replaced`` replaced, everything else copied, in order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, zipfile.ZipFile(out, "w") as target:
        for info in archive.infolist():
            target.writestr(info, replaced.get(info.filename) or archive.read(info), compress_type=info.compress_type)
    return out.getvalue()


def _sentences(doc: Document, para: Paragraph, segs: list[Segment]) -> list[Sentence] | None:
    """The sentences of ``para`` as the reader cut them (from ``doc``), or None if the paragraph
    is no longer what was read."""
    block = doc.blocks[segs[0].block]
    pos, plain = block.start, 0
    found = []
    for seg in segs:
        plain += seg.start - pos  # what lies between sentences is plain text
        start, plain = plain, plain + _plain_length(seg.text)
        found.append(wordml.sentence(para, start, plain) if plain <= len(para.plain) else None)
        pos = seg.end
    if any(sent is None or sent.marked != seg.text for sent, seg in zip(found, segs)):
        return None
    return found


def _plain_length(marked: str) -> int:
    """How many atoms a marked sentence covers: its characters and one per standalone marker."""
    return sum(len(t) if isinstance(t, str) else t.role == "empty" for t in markers.parse(marked))
