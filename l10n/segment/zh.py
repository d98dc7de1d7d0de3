"""Chinese sentence splitting (the target side: checks count sentences in translations).

Chinese ends sentences with full-width 。！？ (or …… and ASCII ! ?) with no space after them,
so a boundary needs no following whitespace; closing quotes and brackets stay with the sentence.
An ASCII full stop ends a sentence only before whitespace, so "19.7" and "mi.com" stay whole.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..languages import get_language
from ..model import Span
from .rules import spans_between

# Closing quotes and brackets stay with the sentence (``closers`` of zh in l10n/data/languages.toml).
_BOUNDARY = re.compile(rf"(?:[。！？!?；]+|…{{2,}}|\.(?=\s))[{get_language('zh').closers_class()}]*|\n[ \t\r\f\v]*\n")


class ChineseSplitter:
    """Splits Chinese text; ``extra`` and ``starters`` are accepted for a uniform interface (Chinese has no abbreviations).

    >>> text = "小米宣布：“我们来了！”营收达197亿欧元。网址是mi.com。"
    >>> [text[s.start : s.end] for s in ChineseSplitter().split(text)]
    ['小米宣布：“我们来了！”', '营收达197亿欧元。', '网址是mi.com。']
    """

    def __init__(self, extra: tuple[str, ...] = (), starters: tuple[str, ...] = ()) -> None:
        self.extra = extra

    def split(self, text: str) -> list[Span]:
        """All sentence spans of ``text``, in order."""
        return list(self.iter_spans(text))

    def iter_spans(self, text: str) -> Iterator[Span]:
        """Sentence spans of ``text`` one at a time."""
        return spans_between(text, (m.end() for m in _BOUNDARY.finditer(text)))
