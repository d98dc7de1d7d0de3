"""``l10n.toml`` -> :class:`Config`.

Every key is declared in ``SCHEMA`` with its type and default; an unknown key, a wrong type or an
unknown language is a :class:`ConfigError` naming the key, so a typo never silently falls back to a
default.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .errors import ConfigError, cannot_read
from .languages import LANGUAGES, get_language

CONFIG_NAME = "l10n.toml"
DEVICES = ("cpu", "cuda", "auto")
BATCH_TYPES = ("sentences", "tokens")

# section -> key -> (type, default). ``list`` means a list of strings, ``dict`` a table of strings.
SCHEMA: dict[str, dict[str, tuple[type, Any]]] = {
    "project": {
        "name": (str, "l10n project"),
        "source_language": (str, "de"),
        "target_languages": (list, ["en", "zh"]),
        "source_dir": (str, "source"),
        "locales_dir": (str, "locales"),
    },
    "translate": {
        "engine": (str, "argos"),
        "pivot_language": (str, "en"),
        "device": (str, "cpu"),
        "batch_size": (int, 0),
        "batch_type": (str, "sentences"),
        # libretranslate: the team's server, its key (or LIBRETRANSLATE_API_KEY), seconds per answer.
        "url": (str, ""),
        "api_key": (str, ""),
        "timeout": (int, 60),
        # ct2: which installed model serves a pair, {"de-zh" = "nllb-200-distilled-600M"}.
        "models": (dict, {}),
    },
    "release": {
        "out_dir": (str, "dist"),
        "include_fuzzy": (bool, False),
        # The press kit (l10n/kit): a language ships when its approved share reaches threshold %.
        "threshold": (int, 100),
        "kit_name": (str, "presskit"),
        # A PDF of each press-kit page (l10n/kit/pdf.py); false: HTML and the source format only.
        "pdf": (bool, True),
    },
    # What the press kit's pages say about the sender (l10n/kit): shown on every public page.
    "kit": {
        "organisation": (str, ""),
        "contact": (list, []),
        "logo": (str, ""),
    },
}
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")


@dataclass(frozen=True)
class Config:
    """A project's settings, with paths resolved against the project root."""

    root: Path
    name: str = "l10n project"
    source_language: str = "de"
    target_languages: tuple[str, ...] = ("en", "zh")
    source_dir: str = "source"
    locales_dir: str = "locales"
    engine: str = "argos"
    pivot_language: str = "en"
    device: str = "cpu"  # where the argos engine runs: cpu, cuda or auto (cuda when there is a GPU)
    # argos: sentences (or source tokens, batch_type) per model batch; 0 = the device's default.
    # Smaller saves memory and costs speed; the output is the same.
    batch_size: int = 0
    batch_type: str = "sentences"
    url: str = ""  # libretranslate: the server
    api_key: str = ""
    timeout: int = 60  # libretranslate: seconds to wait for one answer
    models: tuple[tuple[str, str], ...] = ()  # ct2: ("de-zh", model name) pairs
    out_dir: str = "dist"
    include_fuzzy: bool = False
    threshold: int = 100
    kit_name: str = "presskit"
    pdf: bool = True  # print each press-kit page to PDF
    organisation: str = ""  # the sender's name, heading every page of the press kit
    contact: tuple[str, ...] = ()  # the press contact block, one line each
    logo: str = ""  # an image file inside the project, copied into the kit
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @property
    def locales_path(self) -> Path:
        return self.root / self.locales_dir

    @property
    def state_path(self) -> Path:
        """Where l10n keeps its own state (cache, lock): ``.l10n/`` in the project."""
        return self.root / ".l10n"

    def inside(self, path: Path, what: str) -> Path:
        """Resolve ``path`` and refuse it if it lies outside the project root (or cannot name a file)."""
        if "\0" in str(path):
            raise ConfigError(f"{what} {str(path)!r} holds a NUL character", path=self.root / CONFIG_NAME, hint="no file name can")
        resolved = (self.root / path).resolve()
        if not resolved.is_relative_to(self.root.resolve()):
            raise ConfigError(
                f"{what} {str(path)!r} lies outside the project",
                path=self.root / CONFIG_NAME,
                hint="use a path inside the project folder",
            )
        return resolved

    def chosen_languages(self, langs: Iterable[str] | None = None, what: str = "--lang") -> tuple[str, ...]:
        """``langs`` without repeats (default: every target language), each one a target language.

        Anything else is a :class:`ConfigError` naming the project's languages, so a typo such as
        ``english`` never passes as "no catalogs to look at".
        """
        chosen = tuple(dict.fromkeys(langs or self.target_languages))
        for code in chosen:
            if code not in self.target_languages:
                raise ConfigError(
                    f"{what} {code!r} is not a target language of this project",
                    path=self.root / CONFIG_NAME,
                    hint=f"choose from: {', '.join(self.target_languages)}",
                )
        return chosen


def locate_root(start: Path | str = ".") -> Path | None:
    """The nearest folder at or above ``start`` that holds ``l10n.toml`` (as git finds ``.git``), or None.

    Raises :class:`ConfigError` when ``start`` is not a folder.
    """
    start = Path(start).resolve()
    if not start.is_dir():
        raise ConfigError("folder not found", path=start)
    # exists(), not is_file(): an l10n.toml that is a folder is found and then named as one.
    return next((folder for folder in (start, *start.parents) if (folder / CONFIG_NAME).exists()), None)


def find_root(start: Path | str = ".") -> Path:
    """:func:`locate_root`, or a :class:`ConfigError` saying how to start a project when there is none."""
    root = locate_root(start)
    if root is None:
        raise ConfigError(f"no {CONFIG_NAME} here or above", path=Path(start).resolve(), hint="run `l10n init` to start a project")
    return root


def _check(section: str, key: str, value: Any, path: Path) -> Any:
    expected, _ = SCHEMA[section][key]
    ok = isinstance(value, expected) and not (expected is not bool and isinstance(value, bool))
    if expected is list:
        ok = ok and all(isinstance(v, str) for v in value)
    if expected is dict:
        ok = ok and all(isinstance(v, str) for v in value.values())
    if not ok:
        kind = {list: "a list of strings", dict: "a table of strings"}.get(expected, expected.__name__)
        raise ConfigError(f"[{section}] {key} must be {kind}, not {value!r}", path=path)
    return value


def parse_config(data: dict[str, Any], root: Path, path: Path | None = None) -> Config:
    """Validate the parsed TOML ``data`` and build a :class:`Config` rooted at ``root``."""
    path = path or root / CONFIG_NAME
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for section, table in data.items():
        if section not in SCHEMA:
            if section in EXTENSION_SECTIONS:
                extra[section] = table
                continue
            known = ", ".join(sorted(SCHEMA) + sorted(EXTENSION_SECTIONS))
            raise ConfigError(f"unknown section [{section}]", path=path, hint=f"known: {known}")
        if not isinstance(table, dict):
            raise ConfigError(f"[{section}] must be a table", path=path)
        for key, value in table.items():
            if key not in SCHEMA[section]:
                known = ", ".join(sorted(SCHEMA[section]))
                raise ConfigError(f"unknown key [{section}] {key}", path=path, hint=f"known: {known}")
            values[key] = _check(section, key, value, path)
    config = Config(root=root, extra=extra, **{k: tuple(v) if isinstance(v, list) else tuple(sorted(v.items())) if isinstance(v, dict) else v
                                               for k, v in values.items()})
    for code in (config.source_language, *config.target_languages, config.pivot_language):
        try:
            get_language(code)
        except ConfigError as exc:
            raise ConfigError(exc.message, path=path, hint=exc.hint) from None
    if not 0 <= config.batch_size <= MAX_BATCH_SIZE:
        raise ConfigError(f"[translate] batch_size must be 0 (the device's default) to {MAX_BATCH_SIZE:,}, not {config.batch_size}", path=path)
    for pair, _name in config.models:
        codes = pair.split("-")
        if len(codes) != 2 or not all(c in LANGUAGES for c in codes):
            raise ConfigError(f"[translate] models: {pair!r} is not a pair of known languages", path=path,
                              hint=f'write SOURCE-TARGET, e.g. "de-zh"; known languages: {", ".join(sorted(LANGUAGES))}')
    if config.timeout <= 0:
        raise ConfigError(f"[translate] timeout must be a number of seconds above 0, not {config.timeout}", path=path)
    if config.batch_type not in BATCH_TYPES:
        raise ConfigError(f"[translate] batch_type must be one of {', '.join(BATCH_TYPES)}, not {config.batch_type!r}", path=path)
    if config.device not in DEVICES:
        raise ConfigError(f"[translate] device must be one of {', '.join(DEVICES)}, not {config.device!r}", path=path)
    if config.source_language in config.target_languages:
        raise ConfigError("the source language cannot also be a target language", path=path)
    for what in ("source_dir", "locales_dir", "out_dir"):
        config.inside(Path(getattr(config, what)), f"[{what}]")
    if config.logo:
        config.inside(Path(config.logo), "[kit] logo")
        if Path(config.logo).suffix.lower() not in LOGO_SUFFIXES:
            raise ConfigError(f"[kit] logo must be an image ({', '.join(LOGO_SUFFIXES)}), not {config.logo!r}", path=path)
    return config


# Sections owned by other modules (segmentation rules, glossary, checks, ...). They are validated
# where they are used; listing them here keeps a typo in a section name an error. Listed here,
# not registered on import, so that every command accepts the same l10n.toml whichever modules it
# happens to load.
EXTENSION_SECTIONS: frozenset[str] = frozenset({
    "memory",  # l10n/tm.py
    "glossary",  # l10n/glossary.py
    "checks",  # l10n/checks/
    "segment",  # l10n/segment/
})


MAX_BATCH_SIZE = 10_000  # sentences (or tokens) per model call; CPUs do best at 2-32, GPUs at 64-1024


def load_config(root: Path | str = ".") -> Config:
    """Read ``l10n.toml`` in ``root`` (defaults for a folder without one)."""
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    if not path.exists():
        return parse_config({}, root, path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise cannot_read(exc, path, ConfigError) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no lineno attribute; the line is only in the message.
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError(f"not valid TOML: {exc}", path=path, line=line) from None
    return parse_config(data, root, path)
