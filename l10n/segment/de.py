"""German sentence splitting: the rule engine with German abbreviations, ordinals and datelines.

Abbreviations are data (``data/de_abbreviations.txt``, ``data/de_final_abbreviations.txt``); a
project adds its own in ``l10n.toml`` (see :mod:`l10n.segment.settings`).
"""

from __future__ import annotations

from .rules import RuleSplitter, Rules, abbreviation_parts, load_list


class GermanSplitter(RuleSplitter):
    """Splits German prose. ``extra`` abbreviations ("z. B.", "Bsp.") extend the bundled list.

    >>> text = "Am 3. Oktober sprach Dr. Meyer, z. B. über NRW.INVEST. Dann ging er."
    >>> [text[s.start : s.end] for s in GermanSplitter().split(text)]
    ['Am 3. Oktober sprach Dr. Meyer, z. B. über NRW.INVEST.', 'Dann ging er.']
    """

    def __init__(self, extra: tuple[str, ...] = ()) -> None:
        final = load_list("de_final_abbreviations.txt")
        listed = load_list("de_abbreviations.txt") | set(extra)
        super().__init__(Rules(abbreviation_parts(listed) - final, final, ordinals=True, datelines=True))
