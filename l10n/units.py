"""Units after a figure: "100 Kilometer" = "62 miles", "30 Grad" = "86 °F", "1,80 m" = "5ft 11in".

The unit spellings, quantities and factors are data (``data/units.tsv``). A measure in one unit
matches the same measure in another unit of its quantity, rounded as conversions are. A measure
written in two units of one quantity ("5ft 11in", "12st 8lb") is one measure: their sum.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .numbers import Number

_CONVERSION_TOLERANCE = 0.05  # conversions are rounded: 100 km is "62 miles", 30 m "100 feet"
# The smaller part of a measure in two units: "5ft 11in", "6 feet 2 inches", "12st 8lb".
_SECOND_PART = re.compile(r"\s*(?:and\s+)?(\d{1,2}(?:[.,]\d+)?)(?!\d)")


@lru_cache(maxsize=1)
def _units() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """The unit spellings of ``data/units.tsv`` as one pattern, and each unit's quantity and factor."""
    text = files("l10n").joinpath("data/units.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    alternatives = "|".join(f"(?P<u_{name.replace('2', '_sq')}>{spellings})" for name, _, _, spellings in rows)
    pattern = re.compile(rf"\s*(?:{alternatives})(?![^\W\d_])", re.IGNORECASE)
    return pattern, {name.replace("2", "_sq"): (quantity, factor) for name, quantity, factor, _ in rows}


def _measure(values: frozenset[float], text: str, end: int) -> tuple[tuple[str, str, frozenset[float]], int] | None:
    """The unit after ``end`` in ``text``: (unit, quantity, each of ``values`` in the base unit), and its end."""
    pattern, table = _units()
    m = pattern.match(text, end)
    if not m:
        return None
    quantity, factor = table[m.lastgroup[2:]]
    bases = frozenset((v - 32) * 5 / 9 if factor == "F" else v * float(factor) for v in values)
    return (m.lastgroup[2:], quantity, bases), m.end()


def with_unit(number: "Number", text: str, end: int) -> tuple["Number", int]:
    """``number`` with the unit that follows it at ``end`` in ``text``, if any, and where it ends.

    A smaller unit of the same quantity after it is part of the measure: "5ft 11in" is 1.80 m.

    >>> from l10n.numbers import Number
    >>> number, end = with_unit(Number("5", frozenset({5.0})), "5ft 11in tall", 1)
    >>> number.unit[:2], [round(v, 3) for v in number.unit[2]], end
    (('ft', 'length'), [1.803], 8)
    """
    found = _measure(number.values, text, end) if number.values else None
    if not found:
        return number, end
    (name, quantity, bases), end = found
    second = _SECOND_PART.match(text, end)
    smaller = second and _measure(frozenset({float(second.group(1).replace(",", "."))}), text, second.end())
    one = min(bases) / min(number.values) if min(number.values) else 0.0  # one of the larger unit
    if smaller and smaller[0][1] == quantity != "temperature" and max(smaller[0][2]) < one:
        # Less than one of the larger unit, of the same quantity: "11in" after "5ft", not "30 cm" after "2 mm".
        bases, end = frozenset(b + max(smaller[0][2]) for b in bases), smaller[1]
    return replace(number, unit=(name, quantity, bases)), end


def converted(a: "Number", b: "Number") -> bool:
    """Whether ``a`` and ``b`` are one measure in two units: 100 km and 62 miles, 30 °C and 86 °F."""
    if not a.unit or not b.unit or a.unit[1] != b.unit[1] or a.unit[0] == b.unit[0]:
        return False  # another quantity, or the same unit: then the figure itself must match
    if a.unit[1] == "temperature":
        return any(abs(x - y) <= 1.5 for x in a.unit[2] for y in b.unit[2])
    return any(abs(x - y) <= _CONVERSION_TOLERANCE * max(abs(x), abs(y)) for x in a.unit[2] for y in b.unit[2])
