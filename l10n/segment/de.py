"""German sentence splitting: the rule engine with German abbreviations, ordinals and datelines.

Abbreviations and sentence starters are data (``data/de_abbreviations.txt``,
``data/de_final_abbreviations.txt``, ``data/de_final_before_starter.txt``,
``data/de_sentence_starters.txt``); a project adds its own in ``l10n.toml`` (see
:mod:`l10n.segment.settings`).
"""

from __future__ import annotations

from ..languages import get_language
from .rules import RuleSplitter, Rules, abbreviation_keys, abbreviation_parts, load_list


class GermanSplitter(RuleSplitter):
    """Splits German prose. ``extra`` abbreviations ("z. B.", "Bsp.") and ``starters`` extend the
    bundled lists.

    >>> text = "Am 3. Oktober sprach Dr. Meyer, z. B. über NRW.INVEST. Dann ging er."
    >>> [text[s.start : s.end] for s in GermanSplitter().split(text)]
    ['Am 3. Oktober sprach Dr. Meyer, z. B. über NRW.INVEST.', 'Dann ging er.']
    """

    def __init__(self, extra: tuple[str, ...] = (), starters: tuple[str, ...] = ()) -> None:
        final = load_list("de_final_abbreviations.txt")
        listed = load_list("de_abbreviations.txt") | set(extra)
        # An abbreviation that may end a sentence before a starter is an abbreviation everywhere else.
        before_starter = load_list("de_final_before_starter.txt")
        super().__init__(
            Rules(
                abbreviation_parts(listed | before_starter) - final,
                get_language("de").closers,
                final,
                ordinals=True,
                datelines=True,
                starters=load_list("de_sentence_starters.txt") | set(starters),
                final_before_starter=abbreviation_keys(before_starter),
                capital_nouns=True,
            )
        )
