"""Plain text: paragraphs separated by blank lines."""

from __future__ import annotations

import re

from ..model import Block

_PARAGRAPH = re.compile(r"\S(?:.|\n(?![ \t\r\f\v]*(?:\n|$)))*", re.MULTILINE)


def read_blocks(text: str) -> tuple[list[Block], dict[str, str]]:
    """Every run of non-blank lines is a paragraph block."""
    return [_block("paragraph", text, m.start(), m.end()) for m in _PARAGRAPH.finditer(text)], {}


def _block(kind: str, text: str, start: int, end: int) -> Block:
    # Trailing whitespace (a CR before the LF) stays outside the block.
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(kind, start, end, text.count("\n", 0, start) + 1)
