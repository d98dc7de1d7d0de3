"""English sentence splitting (the target side: checks count sentences in translations)."""

from __future__ import annotations

from ..languages import get_language
from .rules import RuleSplitter, Rules, abbreviation_parts, load_list


class EnglishSplitter(RuleSplitter):
    """Splits English prose. ``extra`` abbreviations extend the bundled list (English needs no ``starters``).

    >>> text = "Mr. Smith paid $19.7 bn. to Xiaomi Inc. on Oct. 3. It was a record."
    >>> [text[s.start : s.end] for s in EnglishSplitter().split(text)]
    ['Mr. Smith paid $19.7 bn. to Xiaomi Inc. on Oct. 3.', 'It was a record.']
    """

    def __init__(self, extra: tuple[str, ...] = (), starters: tuple[str, ...] = ()) -> None:
        final = load_list("en_final_abbreviations.txt")
        listed = load_list("en_abbreviations.txt") | set(extra)
        super().__init__(Rules(abbreviation_parts(listed) - final, get_language("en").closers, final))
