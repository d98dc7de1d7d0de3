"""Documents of marked text: blocks with inline markers -> sentences, and translations -> blocks.

A format rebuilt from its file (HTML; Word) reads each block (a paragraph, a cell, an attribute
text) as text with numbered markers (:mod:`l10n.sources.markers`), numbered in the order they open
across the block. This module cuts the blocks into sentences (the splitter sees the text without
markers) so that no marker pair is cut (a pair that spans two sentences makes them one entry) and numbers the markers again from 1 in each
sentence, so a sentence's msgid does not change when another sentence of its paragraph gains a
link. The ``#.`` legend of each sentence says what its markers stand for.

On the way back, :func:`localized_blocks` gives each block with at least one translated sentence
as tokens numbered as the block was read; the format maps the numbers back to its markup. A
translation whose markers do not match its source (:func:`~l10n.sources.markers.problems`) is used
without them, the source's markers put around the whole sentence
(:func:`~l10n.sources.markers.reattach`): nothing is lost, and ``l10n check`` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import SourceError
from ..languages import get_language
from ..model import Block, Document, Segment, Span, count_repeats
from ..segment import Splitter
from . import MAX_SENTENCE_CHARS
from .markers import Marker, Tag, Token, escape, join, legend, parse, problems, reattach, strip

BLOCK_GAP = "\n\n"


@dataclass(frozen=True)
class MarkedBlock:
    """One block as read: its kind (``p``, ``td``, ``alt``), its line in the file, its tokens
    (text and :class:`Tag` s numbered 1.. in the order they open) and ``markers[n - 1]`` saying
    what marker ``n`` stands for."""

    kind: str
    line: int
    tokens: tuple[Token, ...]
    markers: tuple[Marker, ...] = ()


def build_document(blocks: list[MarkedBlock], rel: str, fmt: str, splitter: Splitter, name: str, data: bytes) -> Document:
    """The segmented document of ``blocks`` read from the file ``rel`` (bytes ``data``)."""
    pieces: list[str] = []
    doc_blocks: list[Block] = []
    segments: list[Segment] = []
    pos = 0
    for index, block in enumerate(blocks):
        if pieces:
            pieces.append(BLOCK_GAP)
            pos += len(BLOCK_GAP)
        text, spans, legends = _sentences(block, splitter)
        doc_blocks.append(Block(block.kind, pos, pos + len(text), block.line))
        for span, notes in zip(spans, legends):
            if span.end - span.start > MAX_SENTENCE_CHARS:
                raise SourceError(f"a sentence of {span.end - span.start:,} characters with no sentence end (at most {MAX_SENTENCE_CHARS:,})", path=rel, line=block.line, hint="split the paragraph")
            start, end = pos + span.start, pos + span.end
            segments.append(Segment(text[span.start : span.end], start, end, block.line, index, block.kind, notes=notes))
        pieces.append(text)
        pos += len(text)
    return Document(rel, name, fmt, "".join(pieces), tuple(doc_blocks), count_repeats(segments), {}, data.startswith(b"\xef\xbb\xbf"), data)


def _sentences(block: MarkedBlock, splitter: Splitter) -> tuple[str, list[Span], list[tuple[str, ...]]]:
    """The block's text with markers numbered per sentence, the sentences' spans, their legends.

    The splitter sees the plain text (markers would hide a full stop from it); each marker then
    goes to the sentence it is inside or glued to, and sentences a marker pair spans are one.
    """
    plain, tags = _flatten(block.tokens)
    spans = _groups(splitter.split(plain) or [Span(0, len(plain))], tags)
    owners = [_owner(pos, tag, spans) for pos, tag in tags]
    out: list[str] = []
    found: list[Span] = []
    legends: list[tuple[str, ...]] = []
    pos = size = 0
    for index, span in enumerate(spans):
        mine = [(p, tag) for (p, tag), owner in zip(tags, owners) if owner == index]
        # A sentence reaches out to its markers in the white space around it.
        span = Span(max(pos, min([span.start] + [p for p, _ in mine])), max([span.end] + [p for p, _ in mine]))
        mine = [(min(max(p, span.start), span.end), tag) for p, tag in mine]
        out.append(escape(plain[pos : span.start]))
        sentence, numbers = renumber(_interleave(plain, span, mine))
        start = size + len(out[-1])
        out.append(sentence)
        found.append(Span(start, start + len(sentence)))
        size = start + len(sentence)
        legends.append(legend(replace(block.markers[old - 1], number=new) for new, old in numbers.items() if old <= len(block.markers)))
        pos = span.end
    out.append(escape(plain[pos:]))
    return "".join(out), found, legends


def _flatten(tokens: tuple[Token, ...]) -> tuple[str, list[tuple[int, Tag]]]:
    """The plain text of ``tokens`` and each marker with the offset in it where it stands."""
    plain: list[str] = []
    tags: list[tuple[int, Tag]] = []
    size = 0
    for token in tokens:
        if isinstance(token, Tag):
            tags.append((size, token))
        else:
            plain.append(token)
            size += len(token)
    return "".join(plain), tags


def _owner(pos: int, tag: Tag, spans: list[Span]) -> int:
    """The sentence a marker at plain offset ``pos`` belongs to: the one it is inside; at a
    sentence edge or between sentences, a closing marker goes with the sentence before, an
    opening one with the sentence after, a standalone one with the sentence it touches."""
    for index, span in enumerate(spans):
        if span.start < pos < span.end:
            return index
    before = max((i for i, s in enumerate(spans) if s.end <= pos), default=None)
    after = min((i for i, s in enumerate(spans) if s.start >= pos), default=None)
    if before is None or after is None:
        return after if before is None else before
    if tag.role == "close" or (tag.role == "empty" and spans[before].end == pos):
        return before
    return after


def _groups(spans: list[Span], tags: list[tuple[int, Tag]]) -> list[Span]:
    """``spans`` joined where a marker pair opens in one and closes in a later one."""
    owners = [_owner(pos, tag, spans) for pos, tag in tags]
    opened = {tag.number: owner for (_, tag), owner in zip(tags, owners) if tag.role == "open"}
    linked = [False] * len(spans)
    for (_, tag), owner in zip(tags, owners):
        if tag.role == "close":
            for i in range(opened.get(tag.number, owner), owner):
                linked[i] = True
    out: list[Span] = []
    for index, span in enumerate(spans):
        if index and linked[index - 1]:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out


def _interleave(plain: str, span: Span, tags: list[tuple[int, Tag]]) -> list[Token]:
    """The sentence ``plain[span]`` with ``tags`` (offsets within it, in order) put in place."""
    tokens: list[Token] = []
    pos = span.start
    for at, tag in tags:
        tokens.append(plain[pos:at])
        tokens.append(tag)
        pos = at
    tokens.append(plain[pos : span.end])
    return [t for t in tokens if t != ""]


def renumber(tokens: list[Token], start: int = 1) -> tuple[str, dict[int, int]]:
    """``tokens`` joined with their markers numbered from ``start`` in the order they open, and
    the map new number -> old number.

    >>> renumber(parse("<3>a</3> <5/>"))
    ('<1>a</1> <2/>', {1: 3, 2: 5})
    """
    new: dict[int, int] = {}
    out: list[Token] = []
    for token in tokens:
        if isinstance(token, Tag):
            if token.number not in new:
                new[token.number] = start + len(new)
            token = Tag(new[token.number], token.role)
        out.append(token)
    return join(out), {v: k for k, v in new.items()}


def localized_blocks(doc: Document, lang: str, table: dict) -> tuple[dict[int, list[Token]], int]:
    """Each block of ``doc`` with a translated sentence, as tokens numbered as the block was read,
    and how many sentences were translated. A translation with wrong markers gets the source's
    markers around all of it."""
    spaced = get_language(lang).sentence_space
    out: dict[int, list[Token]] = {}
    count = 0
    by_block: dict[int, list[Segment]] = {}
    for seg in doc.segments:
        by_block.setdefault(seg.block, []).append(seg)
    for index, block in enumerate(doc.blocks):
        tokens, done = _block_tokens(doc, block, by_block.get(index, []), spaced, table)
        if done:
            out[index] = tokens
            count += done
    return out, count


def _block_tokens(doc: Document, block: Block, segs: list[Segment], spaced: bool, table: dict) -> tuple[list[Token], int]:
    tokens: list[Token] = []
    pos, seen, done, previous = block.start, 0, 0, False
    for seg in segs:
        numbers = {}
        for tag in parse(seg.text):
            if isinstance(tag, Tag) and tag.number not in numbers:
                seen += 1
                numbers[tag.number] = seen
        translated = table.get(seg.key)
        if translated is not None and problems(translated, seg.text):
            translated = reattach(strip(translated), seg.text)  # nothing lost; the markers check reports it
        gap = doc.text[pos : seg.start]
        if not (translated is not None and previous and not spaced and "\n" not in gap):
            tokens.append(gap)
        for token in parse(seg.text if translated is None else translated):
            tokens.append(Tag(numbers[token.number], token.role) if isinstance(token, Tag) else token)
        done += translated is not None
        previous = translated is not None
        pos = seg.end
    tokens.append(doc.text[pos : block.end])
    return [t for t in tokens if t != ""], done
