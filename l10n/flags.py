"""The gettext flags l10n itself writes on entries, in one place for engines, checks and the workflow.

Engines mark their output with machine flags (a reviewer must look); a translator silences one check
on one entry with ``ignore-<check>``. Engines write these, the checks and the review page read
them, and neither package imports the other for it.
"""

from __future__ import annotations

MASK_FLAG = "mask-lost"  # a glossary placeholder was lost; translated again unmasked (engines/masking.py)
LOOP_FLAG = "mt-loop"  # a decoding loop was cut (l10n/loops.py)
SPLIT_FLAG = "mt-split"  # a sentence over the model's input limit, translated in clauses
IGNORE_PREFIX = "ignore-"  # "#, ignore-numbers" silences the numbers check on that entry


def machine_flags(flags: tuple[str, ...]) -> tuple[str, ...]:
    """The flags engines set on their output (``mask-lost``, ``mt-loop``, ``mt-split``).

    >>> machine_flags(("fuzzy", "mt-loop", "ignore-length", "mask-lost"))
    ('mt-loop', 'mask-lost')
    """
    return tuple(f for f in flags if f == MASK_FLAG or f.startswith("mt-"))
