"""The environment variables l10n reads: one reader each, checked before anything is written.

``SOURCE_DATE_EPOCH`` (reproducible builds) pins every timestamp l10n writes; ``ARGOS_BEAM_SIZE``
overrides the Argos engine's beam width; ``L10N_CHUNK_SENTENCES`` sets the unit of writing of
``l10n translate``. :func:`check_environment` runs when a project is opened, so a bad value stops
a command with one line before it writes anything.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from .errors import ConfigError

MAX_BEAM_SIZE = 64  # CTranslate2 slows to a crawl long before; Argos's default is 4
# The unit of writing: ``translate`` takes documents a chunk of about this many sentences at a time,
# writes their catalogs and records them as done, and the cache commits the model's work in slices
# of the same size, so an interrupted run loses at most one chunk. (The other size is the model's
# batch, ``[translate] batch_size``: sentences decoded at once, for speed and memory only.)
CHUNK_SENTENCES = 1024  # about 20 press releases; bounds memory on large projects
CHUNK_ENV = "L10N_CHUNK_SENTENCES"  # overrides it: smaller chunks save work more often


def source_date_epoch() -> datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names (UTC), or None when it is unset or empty.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "1700000000"; source_date_epoch().isoformat()
    '2023-11-14T22:13:20+00:00'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        seconds = int(value)
        if seconds < 0:
            raise ValueError(value)
        return datetime.fromtimestamp(seconds, timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {value!r}",
                          hint="unset it or give e.g. $(git log -1 --format=%ct)") from None


def argos_beam_size(default: int = 4) -> int:
    """The beam width ``ARGOS_BEAM_SIZE`` asks for (1 to :data:`MAX_BEAM_SIZE`), else ``default``."""
    value = os.environ.get("ARGOS_BEAM_SIZE", "").strip()
    if not value:
        return default
    try:
        beam = int(value)
    except ValueError:
        beam = 0
    if not 1 <= beam <= MAX_BEAM_SIZE:
        raise ConfigError(f"ARGOS_BEAM_SIZE must be a whole number from 1 to {MAX_BEAM_SIZE}, not {value!r}",
                          hint="unset it for the default (4)")
    return beam


def chunk_sentences() -> int:
    """The unit of writing, in sentences: ``L10N_CHUNK_SENTENCES`` (at least 1), else :data:`CHUNK_SENTENCES`.

    >>> os.environ["L10N_CHUNK_SENTENCES"] = "40"; chunk_sentences()
    40
    >>> del os.environ["L10N_CHUNK_SENTENCES"]; chunk_sentences()
    1024
    """
    value = os.environ.get(CHUNK_ENV, "").strip()
    try:
        return max(1, int(value)) if value else CHUNK_SENTENCES
    except ValueError:
        raise ConfigError(f"{CHUNK_ENV}={value!r} is not a whole number", hint="unset it or give a number of sentences") from None


def check_environment() -> None:
    """Raise :class:`~l10n.errors.ConfigError` if an environment variable l10n reads is malformed."""
    source_date_epoch()
    argos_beam_size()
    chunk_sentences()
