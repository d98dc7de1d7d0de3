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


def _measure(value: float, text: str, end: int) -> tuple[tuple[str, str, float], int] | None:
    """The unit after ``end`` in ``text``: (unit, quantity, ``value`` in the base unit), and its end."""
    pattern, table = _units()
    m = pattern.match(text, end)
    if not m:
        return None
    quantity, factor = table[m.lastgroup[2:]]
    base = (value - 32) * 5 / 9 if factor == "F" else value * float(factor)
    return (m.lastgroup[2:], quantity, base), m.end()


def with_unit(number: "Number", text: str, end: int) -> tuple["Number", int]:
    """``number`` with the unit that follows it at ``end`` in ``text``, if any, and where it ends.

    A smaller unit of the same quantity after it is part of the measure: "5ft 11in" is 1.80 m.

    >>> from l10n.numbers import Number
    >>> number, end = with_unit(Number("5", frozenset({5.0})), "5ft 11in tall", 1)
    >>> number.unit[:2], round(number.unit[2], 3), end
    (('ft', 'length'), 1.803, 8)
    """
    value = max(number.values) if number.values else 0.0
    found = _measure(value, text, end) if value else None
    if not found:
        return number, end
    unit, end = found
    second = _SECOND_PART.match(text, end)
    smaller = second and _measure(float(second.group(1).replace(",", ".")), text, second.end())
    # Less than one of the larger unit, of the same quantity: "11in" after "5ft", not "30 cm" after "2 mm".
    if smaller and smaller[0][1] == unit[1] != "temperature" and smaller[0][2] < unit[2] / value:
        unit, end = (unit[0], unit[1], unit[2] + smaller[0][2]), smaller[1]
    return replace(number, unit=unit), end


def converted(a: "Number", b: "Number") -> bool:
    """Whether ``a`` and ``b`` are one measure in two units: 100 km and 62 miles, 30 °C and 86 °F."""
    if not a.unit or not b.unit or a.unit[1] != b.unit[1] or a.unit[0] == b.unit[0]:
        return False  # another quantity, or the same unit: then the figure itself must match
    x, y = a.unit[2], b.unit[2]
    if a.unit[1] == "temperature":
        return abs(x - y) <= 1.5
    return abs(x - y) <= _CONVERSION_TOLERANCE * max(abs(x), abs(y))
