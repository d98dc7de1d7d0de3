"""The ``[segment]`` section of ``l10n.toml``: a project's own abbreviations, without code.

.. code-block:: toml

    [segment]
    abbreviations = ["Bürgerm.", "Betr.-Vereinb."]
    abbreviation_files = ["rules/abbreviations.txt"]   # one entry a line, "#" comments
    sentence_starters = ["Hierzu", "Ebenfalls"]

Entries are written as in text, with or without the final full stop; "z. B." and "u.a." count
by their parts. Sentence starters are words; after an ordinal, a Roman numeral or an
abbreviation that may end a sentence, one of them starts a new sentence ("Platz 4. Hierzu …").
The keys are checked with the rest of ``l10n.toml`` (:mod:`l10n.configschema`); an entry of an
abbreviation file that is none is an error naming the file and line.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config
from ..configschema import ABBREVIATION
from ..errors import ConfigError

SECTION = "segment"


def extra_abbreviations(config: Config) -> tuple[str, ...]:
    """The abbreviations ``config``'s ``[segment]`` section adds, from the list and the files."""
    table = config.section(SECTION)
    entries = list(table["abbreviations"])  # checked with the config
    for name, path in zip(table["abbreviation_files"], abbreviation_paths(config)):
        for entry, line in _read_file(config, path, name):
            if not ABBREVIATION.fullmatch(entry):
                raise ConfigError(f"not an abbreviation: {entry!r}", path=path, line=line)
            entries.append(entry)
    return tuple(sorted(set(entries)))


def abbreviation_paths(config: Config) -> list[Path]:
    """The files ``[segment] abbreviation_files`` names, resolved inside the project."""
    names = config.section(SECTION)["abbreviation_files"]
    return [config.inside(Path(name), f"[{SECTION}] abbreviation_files entry") for name in names]


def extra_starters(config: Config) -> tuple[str, ...]:
    """The sentence starters ``config``'s ``[segment]`` section adds (checked with the config)."""
    return tuple(sorted(set(config.section(SECTION)["sentence_starters"])))


def _read_file(config: Config, path: Path, name: str) -> list[tuple[str, int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise config.error(SECTION, "abbreviation_files", f"cannot read {name!r}: {reason}",
                           "name a UTF-8 text file inside the project, one abbreviation a line") from None
    return [
        (entry, number)
        for number, line in enumerate(text.splitlines(), 1)
        if (entry := line.strip()) and not entry.startswith("#")
    ]
