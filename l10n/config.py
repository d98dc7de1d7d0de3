"""``l10n.toml`` -> :class:`Config`.

Every key is declared in :data:`l10n.configschema.SCHEMA` with its type, default and fix; the one
validator there checks the file when it is loaded, so an unknown key, a wrong type or an unknown
language is a :class:`ConfigError` naming the file, line and key, and a typo never silently falls
back to a default.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .configschema import BATCH_TYPES, CONFIG_NAME, DEVICES, LOGO_SUFFIXES, MAX_BATCH_SIZE, SCHEMA, key_line, validate
from .errors import ConfigError, cannot_read

__all__ = ["BATCH_TYPES", "CONFIG_NAME", "DEVICES", "LOGO_SUFFIXES", "MAX_BATCH_SIZE", "SCHEMA", "Config", "load_config"]

_DEFAULT = {key: spec.default for table in SCHEMA.values() for key, spec in table.items()}
# Sections without fields of their own: read with Config.section(name).
TABLES = ("memory", "glossary", "checks", "segment")


@dataclass(frozen=True)
class Config:
    """A project's settings, with paths resolved against the project root."""

    root: Path
    name: str = _DEFAULT["name"]
    source_language: str = _DEFAULT["source_language"]
    target_languages: tuple[str, ...] = tuple(_DEFAULT["target_languages"])
    source_dir: str = _DEFAULT["source_dir"]
    locales_dir: str = _DEFAULT["locales_dir"]
    engine: str = _DEFAULT["engine"]
    pivot_language: str = _DEFAULT["pivot_language"]
    device: str = _DEFAULT["device"]  # where the argos engine runs: cpu, cuda or auto (cuda when there is a GPU)
    # argos: sentences (or source tokens, batch_type) per model batch; 0 = the device's default.
    # Smaller saves memory and costs speed; the output is the same.
    batch_size: int = _DEFAULT["batch_size"]
    batch_type: str = _DEFAULT["batch_type"]
    url: str = _DEFAULT["url"]  # libretranslate: the server
    api_key: str = _DEFAULT["api_key"]
    timeout: int = _DEFAULT["timeout"]  # libretranslate: seconds to wait for one answer
    models: tuple[tuple[str, str], ...] = tuple(sorted(_DEFAULT["models"].items()))  # ct2: ("de-zh", model name) pairs
    out_dir: str = _DEFAULT["out_dir"]
    include_fuzzy: bool = _DEFAULT["include_fuzzy"]
    threshold: int = _DEFAULT["threshold"]
    kit_name: str = _DEFAULT["kit_name"]
    pdf: bool = _DEFAULT["pdf"]  # print each press-kit page to PDF
    organisation: str = _DEFAULT["organisation"]  # the sender's name, heading every page of the press kit
    contact: tuple[str, ...] = tuple(_DEFAULT["contact"])  # the press contact block, one line each
    logo: str = _DEFAULT["logo"]  # an image file inside the project, copied into the kit
    # The validated sections without fields of their own (TABLES), defaults filled in.
    tables: dict[str, dict[str, Any]] = field(default_factory=dict, hash=False, compare=False)

    def section(self, name: str) -> dict[str, Any]:
        """The validated keys of ``[name]`` (one of ``TABLES``), each with its value or default.

        >>> Config(root=Path("/p")).section("memory")
        {'files': [], 'exact_approved': False}
        """
        return self.tables.get(name) or {key: spec.default for key, spec in SCHEMA[name].items()}

    def error(self, section: str, key: str, what: str, fix: str) -> ConfigError:
        """The error for a value of ``[section] key`` found wrong when it is used (a file it names is missing)."""
        path = self.root / CONFIG_NAME
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        return ConfigError(f"[{section}] {key}: {what}", path=path, line=key_line(text, section, key), hint=fix)

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


def parse_config(data: dict[str, Any], root: Path, path: Path | None = None, text: str = "") -> Config:
    """Validate the parsed TOML ``data`` (``text``: the file, for line numbers) into a :class:`Config`."""
    sections = validate(data, root, path or root / CONFIG_NAME, text)
    values = {key: value for name, table in sections.items() if name not in TABLES for key, value in table.items()}
    values = {key: tuple(sorted(v.items())) if isinstance(v, dict) else tuple(v) if isinstance(v, list) else v
              for key, v in values.items()}
    return Config(root=root, tables={name: sections[name] for name in TABLES}, **values)


def load_config(root: Path | str = ".") -> Config:
    """Read ``l10n.toml`` in ``root`` (defaults for a folder without one)."""
    root = Path(root).resolve()
    path = root / CONFIG_NAME
    if not path.exists():
        return parse_config({}, root, path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise cannot_read(exc, path, ConfigError) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11's error has no lineno attribute; the line is only in the message.
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise ConfigError(f"not valid TOML: {exc}", path=path, line=line) from None
    return parse_config(data, root, path, text)
