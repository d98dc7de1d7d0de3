"""Source readers: a file's bytes -> a segmented :class:`~l10n.model.Document`.

``READERS`` maps a suffix to a function ``(text) -> (blocks, metadata)``; decoding, line numbers and
sentence splitting are shared here so every format gets the same guarantees.
"""

from __future__ import annotations

import os

from collections import Counter
from pathlib import Path
from typing import Callable

from ..errors import SourceError, cannot_read
from ..model import Block, Document, Segment, Span
from ..segment import Splitter
from . import markdown, plaintext

BlockReader = Callable[[str], tuple[list[Block], dict[str, str]]]

READERS: dict[str, tuple[str, BlockReader]] = {
    ".md": ("markdown", markdown.read_blocks),
    ".markdown": ("markdown", markdown.read_blocks),
    ".txt": ("text", plaintext.read_blocks),
}


# A sentence this long is no sentence: machine translation would truncate or choke on it, and a
# reviewer cannot work with it. 10,000 characters without a full stop is a missing line break.
MAX_SENTENCE_CHARS = 10_000


def decode(data: bytes, path: str) -> tuple[str, bool]:
    """Decode UTF-8 (a BOM is accepted and remembered) or raise a clear :class:`SourceError`.

    Not UTF-8: the error names the encoding the bytes look like (UTF-16, Windows-1252 / Latin-1)
    and the command that converts them. Binary data (NUL or other control bytes) is refused too.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("not UTF-8 (looks like UTF-16, it starts with a UTF-16 byte-order mark)", path=path, line=1, hint=f"convert it: iconv -f utf-16 -t utf-8 {path}")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    if _looks_binary(data):
        raise SourceError("binary file, not text", path=path, hint="sources must be UTF-8 text (.md or .txt)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x}; looks like {guess_encoding(data)})",
            path=path,
            line=line,
            hint=f"convert it: iconv -f {_iconv_name(data)} -t utf-8 {path}",
        ) from None
    return text, bom


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or control bytes other than tab/newline/CR/form feed in the first 8 KiB."""
    if b"\x00" in data:
        return True
    head = data[:8192]
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls > max(2, len(head) // 100)


def guess_encoding(data: bytes) -> str:
    """A human name for the encoding non-UTF-8 ``data`` most likely uses."""
    high = [b for b in data if b >= 0x80]
    # Windows-1252 puts curly quotes, dashes and the euro sign in 0x80-0x9F, where Latin-1 has
    # only control characters; German text in either uses ä ö ü ß (0xC4-0xFC).
    if any(0x80 <= b <= 0x9F for b in high):
        return "Windows-1252"
    if high and all(b >= 0xA0 for b in high):
        return "Latin-1 (ISO-8859-1) or Windows-1252"
    return "an unknown 8-bit encoding"


def _iconv_name(data: bytes) -> str:
    return "latin1" if guess_encoding(data).startswith("Latin-1") else "cp1252"


def line_starts(text: str) -> list[int]:
    """Offsets at which each line begins (line 1 at index 0)."""
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def read_document(path: Path, root: Path, splitter: Splitter, name: str | None = None) -> Document:
    """Read and segment the source file at ``path`` (``root`` makes its path relative).

    ``name`` names the document's catalogs; by default the file's stem.
    """
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    fmt, reader = reader_for(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc, rel, SourceError) from None
    text, bom = decode(data, rel)
    if not text.strip():
        raise SourceError("empty file, nothing to translate", path=rel)
    return parse_document(text, rel, fmt, reader, splitter, bom=bom, name=name or path.stem)


def reader_for(path: Path) -> tuple[str, BlockReader]:
    """The (format, reader) for ``path`` by its suffix."""
    try:
        return READERS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(READERS))
        raise SourceError(f"unknown source format {path.suffix!r}", path=str(path), hint=f"known: {known}") from None


def parse_document(
    text: str, rel: str, fmt: str, reader: BlockReader, splitter: Splitter, *, bom: bool = False, name: str = ""
) -> Document:
    """Segment already-decoded ``text`` into blocks and sentences."""
    blocks, metadata = reader(text)
    starts = line_starts(text)
    seen: Counter[str] = Counter()
    segments: list[Segment] = []
    line_index = 0
    for index, block in enumerate(blocks):
        for span in splitter.split(text[block.start : block.end]):
            start, end = block.start + span.start, block.start + span.end
            while line_index + 1 < len(starts) and starts[line_index + 1] <= start:
                line_index += 1
            if end - start > MAX_SENTENCE_CHARS:
                raise SourceError(
                    f"a sentence of {end - start:,} characters with no sentence end (at most {MAX_SENTENCE_CHARS:,})",
                    path=rel,
                    line=line_index + 1,
                    hint="split the paragraph into sentences or lines",
                )
            seg = Segment(text[start:end], start, end, line_index + 1, index, block.kind)
            seen[seg.msgid] += 1
            if seen[seg.msgid] > 1:
                seg = Segment(seg.text, start, end, seg.line, index, block.kind, seen[seg.msgid])
            segments.append(seg)
    return Document(rel, name or Path(rel).stem, fmt, text, tuple(blocks), tuple(segments), metadata, bom)


def segment_text(data: bytes, name: str, splitter: Splitter) -> tuple[str, list[Span]]:
    """Decode ``data`` and cut it into sentences as ``translate`` cuts the source file ``name``.

    A name with a source suffix (``.md``, ``.txt``) goes through that format's reader, so front
    matter and markup are no sentences and each block is split on its own; any other name
    (standard input) is split as one plain text.
    """
    text, _ = decode(data, name)
    found = READERS.get(Path(name).suffix.lower())
    if found is None:
        return text, splitter.split(text)
    fmt, reader = found
    doc = parse_document(text, name, fmt, reader, splitter)
    return text, [Span(seg.start, seg.end) for seg in doc.segments]


def find_sources(source_dir: Path) -> list[Path]:
    """Every readable source file under ``source_dir``, sorted, hidden files skipped."""
    if not source_dir.is_dir():
        raise SourceError("source folder not found", path=str(source_dir), hint="create it or set [project] source_dir in l10n.toml")
    found = sorted(
        p
        for p in source_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in READERS and not any(part.startswith(".") for part in p.relative_to(source_dir).parts)
    )
    for p in found:
        try:
            str(p).encode("utf-8")
        except UnicodeEncodeError:
            # Undecodable bytes in the name (surrogate escapes): no catalog, reference or page
            # could carry it.
            shown = os.fsencode(p).decode("utf-8", "backslashreplace")
            raise SourceError("the file name is not UTF-8", path=shown, hint="rename it, e.g. with convmv -f latin1 -t utf-8") from None
    return found
