"""Countries a Chinese translation must name: each has one agreed Chinese name (CLDR's, in
``data/countries.tsv``), so a translation of a German sentence naming Japan has 日本, however it
writes the other names (most are transcribed: :mod:`l10n.checks.transliteration`). Two countries
side by side may be one character each (美中关系, ``data/zh_country_abbreviations.tsv``)."""

from __future__ import annotations

import re
from functools import lru_cache

from . import data_lines
from .propernames import OPENERS


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, ...]]:
    """German country name (lower case) -> its German, English and Chinese names (CLDR)."""
    return {line.split("\t")[0].lower(): tuple(line.split("\t")) for line in data_lines("countries.tsv")}


def lost_countries(source: str, target: str) -> list[str]:
    """Countries the German ``source`` names that a Chinese ``target`` does not (Deutschland: 德国).

    >>> lost_countries("Deutschland und Frankreich einigen sich.", "德国和法国达成一致。"), lost_countries("In Japan.", "在中国。")
    ([], ['Japan'])
    >>> lost_countries("Die größte ist King George Island.", "最大的岛屿是乔治国王岛。")
    []
    """
    lost = []
    for m in re.finditer(r"(?<![\w-])[A-ZÄÖÜ][a-zäöüß]{2,}(?![\w-])", source):
        names = countries().get(m.group(0).lower())
        head = source[: m.start()].rstrip()
        before = head.split()[-1:]
        opening = head[: len(head) - len(before[0])].rstrip()[-1:] if before else ""
        if before and before[0][:1].isupper() and before[0][-1:].isalpha() and opening not in OPENERS | {""}:
            continue  # part of a longer name: "Republik China", "Hong Kong Island"
        if names and not any(name in target for name in names) and m.group(0) not in lost \
                and not _paired(m.group(0), source, target):
            lost.append(m.group(0))
    return lost


@lru_cache(maxsize=1)
def short_forms() -> dict[str, str]:
    """German country name (or acronym) -> the one character Chinese writes for it in a pair (中美)."""
    return {name: line.split("\t")[0] for line in data_lines("zh_country_abbreviations.tsv") for name in line.split("\t")[1:]}


def _paired(country: str, source: str, target: str) -> bool:
    """Whether ``target`` writes ``country`` by its short form beside another country of ``source``:
    "die Beziehungen zwischen den USA und China" = "美中关系".

    >>> _paired("China", "Gespräche zwischen den USA und China.", "美中会谈。"), _paired("China", "In China.", "美中会谈。")
    (True, False)
    """
    mine = short_forms().get(country)
    others = {form for name, form in short_forms().items() if form != mine and re.search(rf"(?<![\w-]){name}(?![\w-])", source)}
    if not mine or not others:
        return False
    pair = "".join(sorted(others))
    return re.search(f"{mine}[{pair}]|[{pair}]{mine}", target) is not None
