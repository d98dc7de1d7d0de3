"""Decoding loops: a span of tokens repeated back to back, the known failure of neural MT.

One detector for both users, with the two thresholds side by side:

- the Argos engine *cuts* an output at a loop (:func:`cut_loop`), so it only acts on a span seen
  :data:`CUT_REPEATS` times in a row: cutting changes the text, and three is still style now and then;
- the ``repetition`` check *reports* a loop to a reviewer (:func:`loops`), so a phrase seen
  :data:`REPORT_REPEATS` times already counts (a single token, which repeats more innocently, needs
  :data:`CUT_REPEATS`).
"""

from __future__ import annotations

from typing import Sequence

MAX_SPAN = 8  # the longest span, in tokens, that is looked for
CUT_REPEATS = 4  # a span repeated this many times in a row is a decoding loop, not style
REPORT_REPEATS = 3  # ... worth a reviewer's look (single tokens: CUT_REPEATS)


def repeats_at(tokens: Sequence[str], start: int, span: int, times: int) -> bool:
    """Whether the ``span`` tokens at ``start`` occur ``times`` times in a row there.

    >>> repeats_at(["a", "la", "la", "la"], 1, 1, 3), repeats_at(["a", "la", "la", "la"], 1, 1, 4)
    (True, False)
    """
    if start + span * times > len(tokens):
        return False
    first = tokens[start : start + span]
    return all(tokens[start + k * span : start + (k + 1) * span] == first for k in range(1, times))


def cut_loop(pieces: list[str], max_span: int = MAX_SPAN) -> tuple[list[str], bool]:
    """Cut an output that repeats itself: keep the first copy of a span that then repeats in a row.

    Returns the (possibly shortened) pieces and whether a loop was cut, so the entry can be flagged.

    >>> cut_loop(["▁Hallo", "▁la", "▁la", "▁la", "▁la"])
    (['▁Hallo', '▁la'], True)
    """
    for start in range(len(pieces)):
        for span in range(1, max_span + 1):
            if start + span * CUT_REPEATS > len(pieces):
                break
            if repeats_at(pieces, start, span, CUT_REPEATS):
                return pieces[: start + span], True
    return pieces, False


def loops(tokens: list[str], max_span: int = MAX_SPAN) -> list[str]:
    """The phrases of up to ``max_span`` tokens that repeat back to back, one per length.

    >>> loops("we will we will we will rock you".split())
    ['we will']
    """
    found = []
    for span in range(1, max_span + 1):
        times = CUT_REPEATS if span == 1 else REPORT_REPEATS
        for i in range(len(tokens) - span * times + 1):
            if repeats_at(tokens, i, span, times):
                found.append(" ".join(tokens[i : i + span]))
                break
    return found
