"""Pseudo-localisation: a deterministic stand-in for translation, like ``podebug`` or Okapi.

Letters are swapped for accented look-alikes (English) or full-width forms (Chinese) and the
sentence is bracketed and padded by about a third, so a release shows at once where text was not
localised, where it would be cut off, and that numbers, names and markup survive: digits, words in
capitals (OPPO, NRW.INVEST), domain names, URLs, inline code and Markdown punctuation are kept as
they are. The output is never a translation and says so in its provenance.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..languages import facts_of
from . import Translation, register

VERSION = "1"

_ACCENTS = str.maketrans(
    "AaBCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåƁÇçÐđÉéĜĝĤĥÎîĴĵĶķĹļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž",
)
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F)) if c.isalpha()}
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH)

# Kept verbatim: URLs, Markdown link targets, inline code, numbers, and names: words written in
# capitals or with inner dots (OPPO, NRW.INVEST, mi.com).
_KEEP = re.compile(
    r"https?://\S+|\]\([^)]*\)|`[^`]*`|\d[\d.,:/%-]*"
    r"|\b[\w-]*[A-ZÄÖÜ]{2,}[\w.-]*|\b\w+(?:\.\w+)+\b"
)


def pseudo_localise(text: str, target: str) -> str:
    """Pseudo-localise one sentence for ``target``.

    >>> pseudo_localise("OPPO hat 20.000 Mitarbeiter.", "en")
    '[OPPO ĥåţ 20.000 Mîţåŕbéîţéŕ. ~~~~~~~~~]'
    >>> pseudo_localise("OPPO hat 20.000 Mitarbeiter.", "zh")[:6]
    '【OPPO '
    """
    wide = facts_of(target).ideographic  # full-width letters and brackets, as CJK text has them
    table = _FULLWIDTH_TABLE if wide else _ACCENTS
    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(text[last : match.start()].translate(table))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(table))
    body = "".join(pieces)
    if wide:
        return f"【{body}】"
    # Pad by a third: translations into English and most European languages run longer.
    return f"[{body} {'~' * max(1, len(text) // 3)}]"


class PseudoEngine:
    """Pseudo-localises into any target language; needs no model."""

    name = "pseudo"

    def supports(self, source: str, target: str) -> bool:
        return True

    def model_id(self, source: str, target: str) -> str:
        return f"pseudo-{target} v{VERSION}"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        return [Translation(pseudo_localise(t, target)) for t in texts]


@register("pseudo")
def create(config) -> PseudoEngine:
    return PseudoEngine()
