"""The ``[segment]`` section of ``l10n.toml``: a project's own abbreviations, without code.

.. code-block:: toml

    [segment]
    abbreviations = ["Bürgerm.", "Betr.-Vereinb."]
    abbreviation_files = ["rules/abbreviations.txt"]   # one entry a line, "#" comments
    sentence_starters = ["Hierzu", "Ebenfalls"]

Entries are written as in text, with or without the final full stop; "z. B." and "u.a." count
by their parts. Sentence starters are words; after an ordinal, a Roman numeral or an
abbreviation that may end a sentence, one of them starts a new sentence ("Platz 4. Hierzu …").
Errors name the key, or the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..config import CONFIG_NAME, Config
from ..errors import ConfigError
from ..model import WORD as _WORD

SECTION = "segment"
KEYS = ("abbreviations", "abbreviation_files", "sentence_starters")
# An abbreviation: letters (any script), digits, full stops, hyphens, ampersands, inner spaces.
_ENTRY = re.compile(r"[^\W_](?:[\w.&\- ]*[\w.])?")


def extra_abbreviations(config: Config) -> tuple[str, ...]:
    """The abbreviations ``config``'s ``[segment]`` section adds, from the list and the files."""
    table = config.extra.get(SECTION, {})
    where = config.root / CONFIG_NAME
    if not isinstance(table, dict):
        raise ConfigError(f"[{SECTION}] must be a table", path=where)
    for key in table:
        if key not in KEYS:
            raise ConfigError(f"unknown key [{SECTION}] {key}", path=where, hint=f"known: {', '.join(KEYS)}")
    entries = [(e, where, None) for e in _strings(table, "abbreviations", where)]
    for name, path in zip(_strings(table, "abbreviation_files", where), abbreviation_paths(config)):
        entries += _read_file(path, name)
    for entry, path, line in entries:
        if not _ENTRY.fullmatch(entry):
            key = "" if line else f"[{SECTION}] abbreviations: "
            raise ConfigError(f"{key}not an abbreviation: {entry!r}", path=path, line=line)
    return tuple(sorted({entry for entry, _, _ in entries}))


def abbreviation_paths(config: Config) -> list[Path]:
    """The files ``[segment] abbreviation_files`` names, resolved inside the project."""
    table = config.extra.get(SECTION, {})
    if not isinstance(table, dict):
        return []
    names = _strings(table, "abbreviation_files", config.root / CONFIG_NAME)
    return [config.inside(Path(name), f"[{SECTION}] abbreviation_files entry") for name in names]


def extra_starters(config: Config) -> tuple[str, ...]:
    """The sentence starters ``config``'s ``[segment]`` section adds (checked like the rest)."""
    table = config.extra.get(SECTION, {})
    where = config.root / CONFIG_NAME
    if not isinstance(table, dict):
        raise ConfigError(f"[{SECTION}] must be a table", path=where)
    words = _strings(table, "sentence_starters", where)
    for word in words:
        if not _WORD.fullmatch(word):
            raise ConfigError(f"[{SECTION}] sentence_starters: not a single word: {word!r}", path=where)
    return tuple(sorted(set(words)))


def _strings(table: dict, key: str, where: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"[{SECTION}] {key} must be a list of strings, not {value!r}", path=where)
    return [v.strip() for v in value]


def _read_file(path: Path, name: str) -> list[tuple[str, Path, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise ConfigError(f"[{SECTION}] abbreviation_files: cannot read {name!r}: {reason}", path=path) from None
    return [
        (entry, path, number)
        for number, line in enumerate(text.splitlines(), 1)
        if (entry := line.strip()) and not entry.startswith("#")
    ]
