"""Source formats: a file's bytes -> a segmented :class:`~l10n.model.Document`, and back.

A :class:`Format` reads a file into a document and writes the document back, localized, in the same
format; :data:`FORMATS` lists them and the rest of l10n never branches on the format itself.

The text formats (Markdown, plain text) share one reading path: ``READERS`` maps a suffix to a
function ``(text) -> (blocks, metadata)``, and decoding, line numbers and sentence splitting are
done here so every format gets the same guarantees; their writer is
:func:`l10n.sources.rebuild.write_text`.
"""

from __future__ import annotations

import importlib
import os

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import SourceError, cannot_read
from ..model import Block, Document, Segment, Span, count_repeats
from ..segment import Splitter
from . import markdown, plaintext
from .rebuild import Translations, write_text

BlockReader = Callable[[str], tuple[list[Block], dict[str, str]]]

READERS: dict[str, tuple[str, BlockReader]] = {
    ".md": ("markdown", markdown.read_blocks),
    ".markdown": ("markdown", markdown.read_blocks),
    ".txt": ("text", plaintext.read_blocks),
}


@dataclass(frozen=True)
class Format:
    """A source format: which files it reads, how it reads them, how it writes them back.

    ``read(data, rel, splitter, name)`` turns a file's bytes (``rel``: its project-relative path
    for messages; ``name``: the document's catalog name) into a segmented :class:`Document`, or
    raises :class:`~l10n.errors.SourceError` naming the file and line. ``write(doc, lang, table)``
    returns the localized file's bytes in the same format and how many sentences were
    translated; with an empty ``table`` it gives back the source.
    """

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, str, Splitter, str], Document]
    write: Callable[[Document, str, Translations], tuple[bytes, int]]


def _text_reader(suffix: str) -> Callable[[bytes, str, Splitter, str], Document]:
    fmt, reader = READERS[suffix]

    def read(data: bytes, rel: str, splitter: Splitter, name: str) -> Document:
        text, bom = decode(data, rel)
        if not text.strip():
            raise SourceError("empty file, nothing to translate", path=rel)
        return parse_document(text, rel, fmt, reader, splitter, bom=bom, name=name)

    return read


def _on_use(module: str, function: str) -> Callable:
    """``module.function``, imported on the first call: formats that need lxml or python-docx
    cost nothing to commands that never meet such a file."""

    def call(*args):
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(*args)

    return call


FORMATS: tuple[Format, ...] = (
    Format("markdown", (".md", ".markdown"), _text_reader(".md"), write_text),
    Format("text", (".txt",), _text_reader(".txt"), write_text),
    Format("docx", (".docx",), _on_use("docx", "read"), _on_use("docx", "write")),
    Format("html", (".html", ".htm"), _on_use("html", "read"), _on_use("html", "write")),
)


def format_named(name: str) -> Format:
    """The format called ``name`` (a :attr:`Document.format`).

    >>> format_named("markdown").suffixes
    ('.md', '.markdown')
    """
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def localize_document(doc: Document, lang: str, table: Translations) -> tuple[bytes, int]:
    """``doc`` in ``lang``: the localized file's bytes, written by its format, and how many
    sentences were translated (the rest stay in the source language)."""
    return format_named(doc.format).write(doc, lang, table)


# A sentence this long is no sentence: machine translation would truncate or choke on it, and a
# reviewer cannot work with it. 50,000 characters without a full stop is a missing line break.
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
        raise SourceError("binary file, not text", path=path, hint="sources must be UTF-8 text (.md, .txt or .html)")
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
    fmt = format_for(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc, rel, SourceError) from None
    return fmt.read(data, rel, splitter, name or path.stem)


def suffixes() -> list[str]:
    """Every suffix a source file may have, sorted."""
    return sorted(s for fmt in FORMATS for s in fmt.suffixes)


def format_for(path: Path) -> Format:
    """The format of ``path`` by its suffix."""
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if suffix in fmt.suffixes:
            return fmt
    raise SourceError(f"unknown source format {path.suffix!r}", path=str(path), hint=f"known: {', '.join(suffixes())}")


def parse_document(
    text: str, rel: str, fmt: str, reader: BlockReader, splitter: Splitter, *, bom: bool = False, name: str = ""
) -> Document:
    """Segment already-decoded ``text`` into blocks and sentences."""
    blocks, metadata = reader(text)
    starts = line_starts(text)
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
            segments.append(Segment(text[start:end], start, end, line_index + 1, index, block.kind))
    return Document(rel, name or Path(rel).stem, fmt, text, tuple(blocks), count_repeats(segments), metadata, bom)


def segment_text(data: bytes, name: str, splitter: Splitter) -> tuple[str, list[Span]]:
    """Decode ``data`` and cut it into sentences as ``translate`` cuts the source file ``name``.

    A name with a source suffix (``.md``, ``.txt``) goes through that format's reader, so front
    matter and markup are no sentences and each block is split on its own, and the text returned
    is the document's text (for a format with markup, the text its reader made); any other name
    (standard input) is split as one plain text.
    """
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes():
        text, _ = decode(data, name)
        return text, splitter.split(text)
    doc = format_for(Path(name)).read(data, name, splitter, Path(name).stem)
    return doc.text, [Span(seg.start, seg.end) for seg in doc.segments]


def find_sources(source_dir: Path) -> list[Path]:
    """Every readable source file under ``source_dir``, sorted, hidden files skipped."""
    if not source_dir.is_dir():
        raise SourceError("source folder not found", path=str(source_dir), hint="create it or set [project] source_dir in l10n.toml")
    known = set(suffixes())
    found = sorted(
        p
        for p in source_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in known and not any(part.startswith(".") for part in p.relative_to(source_dir).parts)
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
