"""Sentence segmentation: text -> trimmed sentence spans with exact offsets.

Every splitter returns :class:`~l10n.model.Span` objects that are trimmed, ordered and
non-overlapping, and whose gaps hold only whitespace, so the pieces and the gaps between them join
back to the input exactly.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import Iterable, Protocol

from ..errors import ConfigError
from ..languages import LANGUAGES
from ..model import Span


class Splitter(Protocol):
    """Anything with ``split(text) -> list[Span]``."""

    def split(self, text: str) -> list[Span]: ...


def get_splitter(lang: str, extra_abbreviations: Iterable[str] = (), extra_starters: Iterable[str] = ()) -> Splitter:
    """The sentence splitter for ``lang``, with ``extra_abbreviations`` added to its list.

    ``extra_starters`` add German sentence starters (words after which an ordinal or a shortened
    word ends a sentence, see :class:`~l10n.segment.rules.Rules`); other languages need none.
    """
    return _splitter(lang, tuple(sorted(set(extra_abbreviations))), tuple(sorted(set(extra_starters))))


@lru_cache(maxsize=16)
def _splitter(lang: str, extra: tuple[str, ...], starters: tuple[str, ...] = ()) -> Splitter:
    """The splitter the language names (``splitter`` in l10n/data/languages.toml), imported on first use."""
    where = LANGUAGES[lang].splitter if lang in LANGUAGES else ""
    if not where:
        supported = ", ".join(code for code, language in LANGUAGES.items() if language.splitter)
        raise ConfigError(f"no sentence splitter for language {lang!r}", hint=f"supported: {supported}")
    module, name = where.split(":")
    return getattr(import_module(module), name)(extra, starters)
