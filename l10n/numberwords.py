"""How each language writes numbers in words, clock times and dates: the tables of
``data/numbers.toml`` ("drei" = 3, "Milliarden" = 1e9, "7.55 Uhr", "12.05.2024"), read once per
language. :mod:`l10n.numbers` reads texts with them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files


@dataclass(frozen=True)
class NumberWords:
    """How a language writes numbers in words and clock times (``data/numbers.toml``)."""

    scales: dict[str, float] = field(default_factory=dict)  # "milliarden": 1e9
    words: dict[str, float] = field(default_factory=dict)  # "drei": 3, "januar": 1
    one: frozenset[str] = frozenset()  # "eine" before a scale word
    months: frozenset[str] = frozenset()  # "januar": a date's month, required like a figure
    stems: dict[str, float] = field(default_factory=dict)  # "siebt": 7 in "siebtgrößte"
    clock: tuple[re.Pattern[str], ...] = ()
    dates: tuple[re.Pattern[str], ...] = ()  # numeric dates, groups d, m and y: "12.05.2024"
    decade_of_century: re.Pattern[str] | None = None  # "50er des 19. Jahrhunderts": group "century"


@lru_cache(maxsize=None)
def number_words(lang: str) -> NumberWords:
    """The number words of ``lang`` (none for a language without a table).

    >>> words = number_words("de")
    >>> words.scales["milliarden"], words.words["drei"], words.words["märz"], words.stems["siebt"]
    (1000000000.0, 3.0, 3.0, 7.0)
    """
    table = _number_tables().get(lang, {})
    words = {w: float(v) for w, v in table.get("words", {}).items()}
    words.update({name: float(month) for month, name in enumerate(table.get("months", []), 1)})
    decade = table.get("decade_of_century")
    return NumberWords(
        scales={w: float(v) for w, v in table.get("scales", {}).items()}, words=words,
        one=frozenset(table.get("one", [])), months=frozenset(table.get("months", [])),
        stems={**{w: v for w, v in words.items() if v.is_integer() and w not in table.get("months", [])},
               **{w: float(v) for w, v in table.get("stems", {}).items()}},
        clock=tuple(re.compile(rf"(?<![\d:.,]){p}") for p in table.get("clock", [])) + (_ANY_CLOCK,),
        dates=tuple(re.compile(rf"(?<![\w.,]){p}") for p in table.get("date", [])) + (_ANY_DATE,),
        decade_of_century=re.compile(decade) if decade else None)


def is_month(word: str, lang: str) -> bool:
    """Whether ``word`` names a month in ``lang``: part of a date, required like a figure, not a
    paraphrasable written number ("am 16. November" must not become "on the 16th").

    >>> is_month("November", "de"), is_month("drei", "de")
    (True, False)
    """
    return word.lower() in number_words(lang).months


@lru_cache(maxsize=1)
def _number_tables() -> dict[str, dict]:
    return tomllib.loads(files("l10n").joinpath("data/numbers.toml").read_text(encoding="utf-8"))


# "12:35" (and "12：35", with a full-width colon) is a clock time in every language.
_ANY_CLOCK = re.compile(r"(?<![\d:.,：])(?P<h>\d{1,2})[:：](?P<m>\d{2})(?![\d:：])")

# "12.05.2024" is a date in every language that writes the day first.
_ANY_DATE = re.compile(r"(?<![\w.,])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d|[.,]\d)")
