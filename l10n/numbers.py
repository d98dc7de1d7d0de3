"""Locale-aware numbers: "19,7 Milliarden" = "19.7 billion" = "197亿", "20.000" = "20,000" = "2万".

A number is read as the set of values it may stand for, because separators are ambiguous across
locales ("5.000" is five thousand in German and may be five in English). Two numbers match when
their sets share a value. Source numbers written in digits must reappear in the translation;
written-out ones ("drei") are matched too, but they are often paraphrased ("both", "a couple"),
so the check reports them at a lower severity.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .languages import facts_of
from .numberwords import NumberWords, number_words
from .units import converted, with_unit


# Groups of three digits may be set off by a no-break, thin or plain space: "20 000", "20\u202f000".
_DIGITS = r"(?<!\d)\d{1,3}(?:[ \u2009\u202f\u00a0]\d{3})+(?![\d.,])|\d+(?:[.,\u2009\u202f\u00a0']\d+)*"
_GROUP_SPACES = " \u2009\u202f\u00a0'"


@lru_cache(maxsize=None)
def _latin_pattern(lang: str) -> re.Pattern[str]:
    # Only a scale word is part of the number: "20,000 square metres" is 20,000 and "1 January"
    # leaves the month to be read as a number of its own.
    scales = "|".join(sorted(number_words(lang).scales, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?P<cur>[£$€¥])?(?P<num>{_DIGITS})(?:\s*(?P<scale>(?i:{scales}))\b\.?"
                      rf"|(?P<short>[mk]|bn)\b(?<=[mkn]))?(?P<decade>'?s\b|ern?\b)?|(?P<word>[A-Za-zäöüß]+)")


_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "亿": 1e8}
_ZH_CHARS = "".join(_ZH_DIGIT) + "".join(_ZH_UNIT) + "".join(_ZH_BIG)
_ZH = re.compile(rf"(?P<num>{_DIGITS})\s*[多余]?\s*(?P<scale>[十百千]?[万亿]+|千)?|(?P<word>[{_ZH_CHARS}]+)")


@dataclass(frozen=True)
class Number:
    """A number found in a text: how it was written and every value it may stand for."""

    text: str
    values: frozenset[float]
    written: bool = False  # spelled out in words, not digits
    scale: float = 1.0  # the scale word that followed it (Millionen: 1e6)
    # unit, quantity, each value in the base unit: ("km", "length", {100000.0})
    unit: tuple[str, str, frozenset[float]] | None = None
    date: str = ""  # the numeric date it is the day, month or year of, as written ("3.7.")
    # Right after a Latin letter: part of a label or formula ("A380", "CO2", "p109"), which the
    # names check guards; it may match a figure, but is neither required nor an extra figure.
    glued: bool = False

    def matches(self, other: "Number") -> bool:
        return any(math.isclose(a, b, rel_tol=1e-9) for a in self.values for b in other.values)


def digit_values(token: str) -> set[float]:
    """Every value a digit string may mean, whichever of "." and "," separates thousands.

    >>> sorted(digit_values("5.000"))
    [5.0, 5000.0]
    >>> sorted(digit_values("19,7"))
    [19.7]
    >>> sorted(digit_values("20\u202f000")), sorted(digit_values("10.0.1"))
    ([20000.0], [1001.0])
    """
    for space in _GROUP_SPACES:
        token = token.replace(space, "")
    values: set[float] = set()
    for group, decimal in ((".", ","), (",", ".")):
        head, _, tail = token.rpartition(decimal) if decimal in token else (token, "", "")
        if not head:
            head, tail = tail, ""
        if decimal in head:
            continue  # a version ("10.0.1") or a date ("1.1.2027"), not a number of this convention
        parts = head.split(group)
        if any(not p for p in parts):
            continue
        if len(parts) > 1 and not all(len(p) == 3 for p in parts[1:]):
            continue  # not a valid thousands grouping in this convention
        if group in tail:
            continue
        values.add(float("".join(parts) + ("." + tail if tail else "")))
    # A version number or the like ("10.0.1") is a label: it matches itself only.
    return values or {float(re.sub(r"\D", "", token) or 0)}


def chinese_value(text: str) -> float | None:
    """The value of a Chinese numeral: 三 = 3, 两 = 2, 二十三 = 23, 一百万 = 1e6, 二〇一九 = 2019.

    >>> chinese_value("三亿五千万")
    350000000.0
    """
    if len(text) > 1 and all(c in _ZH_DIGIT for c in text):
        return float("".join(str(_ZH_DIGIT[c]) for c in text))  # a year read digit by digit
    total = section = number = 0.0
    for char in text:
        if char in _ZH_DIGIT:
            number = _ZH_DIGIT[char]
        elif char in _ZH_UNIT:
            section += (number or 1) * _ZH_UNIT[char]
            number = 0
        elif char == "亿":
            total = (total + section + number) * _ZH_BIG[char]
            section = number = 0
        elif char == "万":
            total += (section + number) * _ZH_BIG[char]
            section = number = 0
    value = total + section + number
    return value or (0.0 if text in ("零", "〇") else None)


def _scaled(values: set[float], scale: float) -> frozenset[float]:
    return frozenset(round(v * scale, 6) for v in values)


def find_numbers(text: str, lang: str) -> list[Number]:
    """The numbers in ``text`` written the way ``lang`` writes them.

    >>> [sorted(n.values) for n in find_numbers("19,7 Milliarden Euro und 20.000 Mitarbeiter", "de")]
    [[19700000000.0], [20.0, 20000.0]]
    >>> [sorted(n.values) for n in find_numbers("197亿欧元，2.3万名员工", "zh")]
    [[19700000000.0], [23000.0]]
    """
    dates, text = _find_dates(text, lang)
    times, text = _find_times(text, lang)
    # Written with 万 and 亿 in ideographic script, with the language's words for scales elsewhere.
    found = _find_zh(text) if facts_of(lang).ideographic else _find_latin(text, lang)
    return dates + times + _spread_scales(found)


def _time_values(hour: int, minute: int) -> frozenset[float]:
    """A clock time ("12:35", "7.55am", "7.55 Uhr", "晚上 8 点 30 分") matches another with the same
    minutes (any 12/24-hour form); on the hour it also matches its hour alone ("15 Uhr", "3 p.m.")."""
    hours = {hour, hour - 12 if hour > 12 else hour + 12}
    values = {v for h in hours for v in (h + minute / 60, h * 100.0 + minute)}
    return frozenset(values | ({float(h) for h in hours} if minute == 0 else set()))


def _spans(patterns: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """The matches of ``patterns`` in ``text``, earlier patterns first, none overlapping, in order."""
    spans: list[re.Match[str]] = []
    for pattern in patterns:
        spans += [m for m in pattern.finditer(text) if not any(m.start() < o.end() and o.start() < m.end() for o in spans)]
    return sorted(spans, key=lambda m: m.start())


def _blank(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + " " * len(m.group(0)) + text[m.end() :]


def _find_times(text: str, lang: str = "") -> tuple[list[Number], str]:
    """Clock times and ``text`` with them blanked out.

    >>> [n.text for n in _find_times("von 9.30 bis 11.45 Uhr und um 12:35", "de")[0]]
    ['9.30', '11.45', '12:35']
    >>> [sorted(n.values)[:2] for n in _find_times("下午2点半，22：08", "zh")[0]]
    [[2.5, 14.5], [10.133333333333333, 22.133333333333333]]
    """
    times = []
    for m in _spans(number_words(lang).clock, text):
        minute = 30 if m.groupdict().get("half") else int(m.group("m"))
        times.append(Number(m.group(0), _time_values(int(m.group("h")), minute)))
        text = _blank(text, m)
    return times, text


def _find_dates(text: str, lang: str = "") -> tuple[list[Number], str]:
    """Day, month and year of numeric dates, each a number ("12.05.2024" = "12 May 2024" =
    "2024年5月12日"), and ``text`` with the dates blanked out.

    >>> [(n.text, sorted(n.values)) for n in _find_dates("am 12.5. und am 1.10.24", "de")[0]]
    [('12', [12.0]), ('5', [5.0]), ('1', [1.0]), ('10', [10.0]), ('24', [24.0, 1924.0, 2024.0])]
    """
    dates = []
    for m in _spans(number_words(lang).dates, text):
        if not (1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12):
            continue
        for part, digits in ((p, m.group(p)) for p in ("d", "m", "y") if m.group(p)):
            value = float(digits)
            two_digit_year = part == "y" and len(digits) == 2
            values = {value, 1900 + value, 2000 + value} if two_digit_year else {value}
            dates.append(Number(digits, frozenset(values), date=m.group(0).rstrip(".")))
        text = _blank(text, m)
    return dates, text


def _spread_scales(found: list[Number]) -> list[Number]:
    """In "4,2 bis 3,9 Millionen" the scale belongs to both numbers of the range."""
    spread = list(found)
    for i, (first, second) in enumerate(zip(found, found[1:])):
        if first.scale == 1 and second.scale > 1 and not first.written:
            spread[i] = replace(first, values=first.values | _scaled(set(first.values), second.scale))
    return spread


def _decades(values: set[float]) -> set[float]:
    """A decade of two digits is one of four: "'90s" = "90er" = "90年代" = "1990s" (or 2090s); the
    first decade of a century may be written as the century: "1800er" = "19 世纪" = "19th century"."""
    short = {c + v for v in values if v.is_integer() and v % 10 == 0 and v < 100 for c in (1900, 2000)}
    century = {v // 100 + 1 for v in values if v.is_integer() and v % 100 == 0 and 1000 <= v < 2100}
    return values | short | century


def _find_latin(text: str, lang: str) -> list[Number]:
    words = number_words(lang)
    found: list[Number] = []
    matches = list(_latin_pattern(lang).finditer(text))
    consumed = 0  # where the last number read ends (its scale word, unit or century included)
    for i, m in enumerate(matches):
        if m.start() < consumed:
            continue
        if m.group("num"):
            number, consumed = _digits(m, text, words)
            found.append(replace(number, glued=_glued(text, m)))
            continue
        number, last = _written(matches, i, text, words)
        if number:
            found.append(number)
            consumed = matches[last].end()
    return found


def _written(matches: list[re.Match[str]], i: int, text: str, words: NumberWords) -> tuple[Number | None, int]:
    """The written-out number that starts at word ``i`` ("drei", "twenty-five", "vier Millionen",
    "a million"), with all its words, and the index of its last word."""
    word = matches[i].group("word").lower()
    following = matches[i + 1].group("word") if i + 1 < len(matches) else None
    scale = words.scales.get((following or "").lower())
    if word in words.one and scale:
        value, last = 1.0, i + 1
    elif word in words.words:
        value, last = words.words[word], i + (scale is not None)
        if _compound_tens(value, matches[i + 1] if following else None, text, matches[i].end(), words):
            value += words.words[following.lower()]  # "twenty-five"
            scale = words.scales.get((matches[i + 2].group("word") or "").lower()) if i + 2 < len(matches) else None
            last = i + 1 + (scale is not None)
    else:
        return None, i
    return Number(text[matches[i].start() : matches[last].end()], frozenset({float(value * (scale or 1))}), written=True), last


def _digits(m: re.Match[str], text: str, words: NumberWords) -> tuple[Number, int]:
    """The number a match of digits stands for (scale, decade, unit) and where its reading ends."""
    values = digit_values(m.group("num")) | _second_year(m, text)
    scale = words.scales.get((m.group("scale") or "").lower())
    short = _SHORT_SCALES.get(m.group("short") or "")
    if short and m.group("cur"):  # "£5m", "$3bn", "€20k"
        scale = short
    elif short:  # "1.5m visitors" (a million) or "a 100m sprint" (metres): both readings
        number, end = with_unit(Number(m.group(0), frozenset(values)), text, m.end("num"))
        return replace(number, values=frozenset(values) | _scaled(values, short)), max(end, m.end())
    if m.group("decade"):
        century = words.decade_of_century and words.decade_of_century.match(text, m.end())
        if century:  # "in den 50ern des 19. Jahrhunderts": the 1850s
            values = {(int(century.group("century")) - 1) * 100 + v for v in values if v < 100}
            return Number(m.group(0), frozenset(values)), century.end()
        values = _decades(values)
    return with_unit(Number(m.group(0), _scaled(values, scale or 1), scale=scale or 1), text, m.end())


_SHORT_SCALES = {"m": 1e6, "k": 1e3, "bn": 1e9}


def _glued(text: str, m: re.Match[str]) -> bool:
    """Whether the digits of ``m`` are a label's: plain digits right after a Latin letter ("CO2",
    "A380", "p109"), not a figure with separators ("A20.000")."""
    start = m.start()
    return start > 0 and text[start - 1].isascii() and text[start - 1].isalpha() and m.group("num").isdigit()


def _second_year(m: re.Match[str], text: str) -> set[float]:
    """The second year of a season written short: "2023/24" and "2023-24" are 2023 to 2024."""
    first = re.search(r"((?:1[89]|20)\d\d)\s?[/–-]\s?$", text[: m.start()])
    if not first or not re.fullmatch(r"\d\d", m.group("num")):
        return set()
    year = int(first.group(1)) // 100 * 100 + int(m.group("num"))
    return {float(year if year > int(first.group(1)) else year + 100)}


def _compound_tens(value: float, nxt: re.Match[str] | None, text: str, end: int, words: NumberWords) -> bool:
    """Whether a tens word and the next are one number: "twenty-five"."""
    if nxt is None or not nxt.group("word") or text[end : nxt.start()] != "-":
        return False
    unit = words.words.get(nxt.group("word").lower(), 0)
    return value in (20, 30, 40, 50, 60, 70, 80, 90) and 1 <= unit <= 9 and float(unit).is_integer()


def _find_zh(text: str) -> list[Number]:
    found: list[Number] = []
    for m in _ZH.finditer(text):
        if m.group("num"):
            scale = 1.0
            for char in m.group("scale") or "":
                scale *= _ZH_BIG.get(char) or _ZH_UNIT[char]
            values = digit_values(m.group("num"))
            if text.startswith("年代", m.end()):
                values = _decades(values) | _decade_of_century(values, text[: m.start()])
            number = Number(m.group(0), _scaled(values, scale), scale=scale, glued=_glued(text, m))
            found.append(with_unit(number, text, m.end())[0])
        else:
            value = chinese_value(m.group("word"))
            if value is not None:
                # "三成" is three tenths: 30 per cent ("近三成受访者" = "knapp 30 Prozent der Befragten").
                tenths = {value * 10} if text.startswith("成", m.end()) and value < 10 else set()
                found.append(Number(m.group(0), frozenset({value} | tenths), written=True))
    return found


def _decade_of_century(values: set[float], before: str) -> set[float]:
    """ "19 世纪 50 年代" is the 1850s: the decade's values when a century comes right before it."""
    century = re.search(r"(\d{1,2})\s*世纪\s*$", before)
    return {(int(century.group(1)) - 1) * 100 + v for v in values if v < 100} if century else set()


def hour_variants(number: Number) -> Number:
    """A 24-hour time may come back as 12-hour ("15 Uhr" -> "3 p.m.")."""
    extra = {v - 12 for v in number.values if 13 <= v <= 23 and v.is_integer()}
    return replace(number, values=number.values | extra)


# Chinese counts decades and centuries ("20 世纪 60 年代" for "1960er"): no figure of the source.
_ZH_ERA = re.compile(r"\s*(?:世纪|年代)")


_PARENS = re.compile(r"\([^()]*\)|（[^（）]*）")


def _compound_values(text: str, lang: str) -> set[float]:
    """Numbers German writes into compounds: "fünftplatziert", "siebtgrößte", "achtmal", "Vierfachen",
    and decades: "Zwanzigerjahre" (the 1920s).

    >>> sorted(_compound_values("die siebtgrößte Stadt der Zwanzigerjahre", "de"))
    [7.0, 20.0, 1920.0, 2020.0]
    """
    stems = sorted(number_words(lang).stems, key=len, reverse=True)
    values: set[float] = set()
    for word in re.findall(r"[a-zäöüß]+", text.lower()):
        stem = next((s for s in stems if word.startswith(s)), None)
        if stem:
            value = number_words(lang).stems[stem]
            values |= _decades({value}) if word[len(stem) :].startswith("er") else {value}
    return values


def extra_numbers(source: str, target: str, src: str, tgt: str) -> list[Number]:
    """Numbers written in digits in the target that stand for nothing in the source.

    Lenient on purpose: a source number may explain several target numbers (a time's hour and
    minutes), numbers in brackets are left alone (unit conversions: "50 km (31 miles)") and German
    compounds count ("achtmal" explains "8 times").
    """
    known = [hour_variants(n) for n in find_numbers(source, src)]
    compounds = _compound_values(source, src)
    minutes = {round(v % 1 * 60) for n in known if re.search(r"\d[:.]\d", n.text) for v in n.values}
    dates = {n.date for n in known if n.date}
    bare = _PARENS.sub(lambda m: " " * len(m.group(0)), target)
    extra = []
    for number in find_numbers(bare, tgt):
        if number.written or number.glued or any(number.matches(k) or converted(number, k) for k in known) \
                or number.values & compounds:
            continue
        if number.values & minutes or number.text in dates:
            continue  # the minutes of a source time ("23:35" -> "11 点 35 分"), a date as the source writes it
        after = bare.find(number.text) + len(number.text)
        if facts_of(tgt).ideographic and _ZH_ERA.match(bare, after):
            continue
        extra.append(number)
    return extra


def missing_numbers(source: str, target: str, src: str, tgt: str) -> list[Number]:
    """Source numbers with no matching number in the target, each target number used once."""
    # Digits first: a written-out word must not take the target number a digit needs.
    missing = sorted((n for n in find_numbers(source, src) if not n.glued), key=lambda n: n.written)
    available = find_numbers(target, tgt)
    # The same figure first, then an hour on the other clock ("15 Uhr" = "3 p.m."), then another
    # unit: the 14 of "14.02.1990" must not take the "February" its month needs.
    for same in (Number.matches, lambda n, t: hour_variants(n).matches(t), converted):
        left = []
        for number in missing:
            hit = next((t for t in available if same(number, t)), None)
            if hit is None:
                left.append(number)
            else:
                available.remove(hit)
        missing = left
    # A date copied as written, or a version number read as one ("Version 2.1." at a sentence's end).
    return [n for n in missing if not (n.date and re.search(rf"(?<![\d.]){re.escape(n.date)}(?!\d)", target))]
