"""The names of l10n's checks and the severities they report at.

The checks themselves live in :mod:`l10n.checks`, above the workflow and the configuration. What
``[checks]`` in ``l10n.toml`` may name is known here, below every layer, so the one config
validator can refuse a misspelt check without importing the checks. :func:`l10n.checks.check`
refuses to register a name missing here, and a test keeps the two lists equal.

>>> "numbers" in NAMES, SEVERITIES
(True, ('error', 'warning'))
"""

from __future__ import annotations

# "info" went: no check had it, and `disable` already quiets a check.
SEVERITIES = ("error", "warning")

NAMES = (
    "numbers", "numbers-words", "numbers-extra", "glossary", "terms", "names", "proper-names", "acronyms",
    "masking", "untranslated", "language", "repetition", "length", "end-punctuation", "brackets", "markup",
    "markers", "content",
)
