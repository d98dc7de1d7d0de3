"""Markdown: front matter, ATX headings, paragraphs and list items.

Only the text a reader sees is translatable: a heading's ``## `` marker, a list item's bullet, code
fences and HTML blocks stay in the document around the blocks, so they come back unchanged.
"""

from __future__ import annotations

import re

from ..model import Block
from .plaintext import _block

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$")
_LIST = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?=\S)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_HTML = re.compile(r"^ {0,3}<(?:!--|[a-zA-Z/])")
_BLANK = re.compile(r"^[ \t]*\r?$")


def read_front_matter(text: str) -> tuple[dict[str, str], int]:
    """Simple ``key: value`` front matter between ``---`` lines; returns (metadata, end offset)."""
    match = _FRONT.match(text)
    if not match:
        return {}, 0
    meta = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            meta[key.strip()] = value.strip().strip("\"'")
    return meta, match.end()


def read_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """Split Markdown ``text`` into translatable blocks; return them with the front matter."""
    meta, pos = read_front_matter(text)
    blocks: list[Block] = []
    lines = text[pos:].splitlines(keepends=True)
    offset = pos
    para_start: int | None = None
    fence: str | None = None

    def close(end: int) -> None:
        nonlocal para_start
        if para_start is not None:
            blocks.append(_block(kind, text, para_start, end))
            para_start = None

    kind = "paragraph"
    for line in lines:
        body = line.rstrip("\r\n")
        if fence:
            if body.strip().startswith(fence):
                fence = None
        elif m := _FENCE.match(body):
            close(offset)
            fence = m.group(1)
        elif _BLANK.match(body) or _HTML.match(body):
            close(offset)
        elif m := _HEADING.match(body):
            close(offset)
            if m.group(2):
                blocks.append(_block("heading", text, offset + m.start(2), offset + m.end(2)))
        elif m := _LIST.match(body):
            close(offset)
            kind, para_start = "list_item", offset + m.end()
        elif para_start is None:
            kind, para_start = "paragraph", offset + len(body) - len(body.lstrip())
        offset += len(line)
    close(offset)
    return blocks, meta
