"""Every section and key of ``l10n.toml``, and the one validator that checks them.

Each key is a :class:`Key`: its type, its default (the only place a default is written), what a
value must be beyond its type (choices, a range, a pattern, a path inside the project) and a
one-line fix. :func:`validate` checks a parsed file and returns every section with its defaults
filled in; every problem is one :class:`~l10n.errors.ConfigError` that names the file, the line
of the key, the section and key, what is wrong and how to fix it::

    l10n.toml:7: [release] threshold: must be from 0 to 100, not 150 (a percentage: 100 ships only ...)

Modules read the validated values (:class:`~l10n.config.Config` fields, or
``Config.section("memory")``); none validates ``l10n.toml`` again.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .checknames import NAMES, SEVERITIES
from .errors import ConfigError
from .languages import LANGUAGES

CONFIG_NAME = "l10n.toml"
DEVICES = ("cpu", "cuda", "auto")
BATCH_TYPES = ("sentences", "tokens")
MAX_BATCH_SIZE = 10_000  # sentences (or tokens) per model call; CPUs do best at 2-32, GPUs at 64-1024
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif")
_KIT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
# An abbreviation: letters (any script), digits, full stops, hyphens, ampersands, inner spaces.
ABBREVIATION = re.compile(r"[^\W_](?:[\w.&\- ]*[\w.])?")
_ONE_WORD = re.compile(r"[^\W\d_]+")
_KINDS = {str: "a string", int: "a whole number", bool: "true or false", list: "a list of strings", dict: "a table of strings"}


@dataclass(frozen=True)
class Key:
    """One key of ``l10n.toml``: type, default, what a value must be, and how to fix a bad one."""

    kind: type  # str, int, bool, list (of strings) or dict (a table of strings)
    default: Any
    fix: str  # one line: what to write instead
    choices: tuple[str, ...] = ()  # the allowed values (of a string, or of a list's items)
    low: int | None = None  # the range of a whole number
    high: int | None = None
    pattern: re.Pattern[str] | None = None  # what a string, or each item of a list, must match
    shape: str = ""  # what ``pattern`` matches, in words: "a single word"
    strip: bool = False  # list items are stripped of surrounding spaces first
    path: bool = False  # a file or folder (or a list of them) inside the project
    rule: Callable[[Any], str | None] | None = None  # anything else: what is wrong, or None


def _language(code: str) -> str | None:
    return None if code in LANGUAGES else f"unknown language {code!r}"


def _languages(codes: list[str]) -> str | None:
    return next(filter(None, map(_language, codes)), None)


def _pairs(models: dict[str, str]) -> str | None:
    for pair in models:
        codes = pair.split("-")
        if len(codes) != 2 or not all(c in LANGUAGES for c in codes):
            return f"{pair!r} is not a pair of known languages"
    return None


def _url(url: str) -> str | None:
    parsed = urllib.parse.urlsplit(url)
    if url and (parsed.scheme not in ("http", "https") or not parsed.hostname):
        return f"{url!r} is not an http(s) address of a LibreTranslate server"
    return None


def _logo(name: str) -> str | None:
    if name and Path(name).suffix.lower() not in LOGO_SUFFIXES:
        return f"must be an image ({', '.join(LOGO_SUFFIXES)}), not {name!r}"
    return None


def _checks(value: list[str] | dict[str, str]) -> str | None:
    """Names of checks (and their severities), as :mod:`l10n.checknames` lists them."""
    for name in value:
        if name not in NAMES:
            return f"unknown check {name!r}; {_suggest(name, NAMES)}"
    if isinstance(value, dict):
        for name, level in value.items():
            if level not in SEVERITIES:
                return f"severity of {name!r} must be one of {', '.join(SEVERITIES)}, not {level!r}"
    return None


_LANGS = f"one of {', '.join(sorted(LANGUAGES))}"
_INSIDE = "a path inside the project folder"
SCHEMA: dict[str, dict[str, Key]] = {
    "project": {
        "name": Key(str, "l10n project", 'a name in quotes, e.g. name = "Beispiel AG press"'),
        "source_language": Key(str, "de", _LANGS, rule=_language),
        "target_languages": Key(list, ["en", "zh"], f'a list such as ["en", "zh"]; each {_LANGS}', rule=_languages),
        "source_dir": Key(str, "source", _INSIDE, path=True),
        "locales_dir": Key(str, "locales", _INSIDE, path=True),
    },
    "translate": {
        "engine": Key(str, "argos", 'an engine name, e.g. "argos", "ct2", "libretranslate" or "pseudo"'),
        "pivot_language": Key(str, "en", _LANGS, rule=_language),
        "device": Key(str, "cpu", "where the argos engine runs", choices=DEVICES),
        "batch_size": Key(int, 0, f"0 (the device's default) to {MAX_BATCH_SIZE:,}", low=0, high=MAX_BATCH_SIZE),
        "batch_type": Key(str, "sentences", "what batch_size counts", choices=BATCH_TYPES),
        # libretranslate: the team's server, its key (or LIBRETRANSLATE_API_KEY), seconds per answer.
        "url": Key(str, "", 'the server, e.g. url = "http://127.0.0.1:5000"', rule=_url),
        "api_key": Key(str, "", "the server's key in quotes, or set LIBRETRANSLATE_API_KEY"),
        "timeout": Key(int, 60, "seconds to wait for one answer, above 0", low=1),
        # ct2: which installed model serves a pair, {"de-zh" = "nllb-200-distilled-600M"}.
        "models": Key(dict, {}, f'write SOURCE-TARGET = "MODEL", e.g. "de-zh"; known languages: {", ".join(sorted(LANGUAGES))}', rule=_pairs),
    },
    "release": {
        "out_dir": Key(str, "dist", _INSIDE, path=True),
        "include_fuzzy": Key(bool, False, "true or false, without quotes"),
        # The press kit (l10n/kit): a language ships when its approved share reaches threshold %.
        "threshold": Key(int, 100, "a percentage: 100 ships only fully approved languages", low=0, high=100),
        "kit_name": Key(str, "presskit", "use letters, digits, '.', '-' or '_', and not a language code", pattern=_KIT_NAME, shape="a folder name",
                        rule=lambda v: f"{v!r} is a language code" if v in LANGUAGES else None),
        # A PDF of each press-kit page (l10n/kit/pdf.py); false: HTML and the source format only.
        "pdf": Key(bool, True, "true or false, without quotes"),
    },
    # What the press kit's pages say about the sender (l10n/kit): shown on every public page.
    "kit": {
        "organisation": Key(str, "", 'the sender\'s name in quotes, e.g. "Beispiel AG"'),
        "contact": Key(list, [], 'one string a line, e.g. ["Jonas Berger", "+49 211 1234567"]'),
        "logo": Key(str, "", "name an image file inside the project", path=True, rule=_logo),
    },
    # Translation memory (l10n/tm.py): files beside memory/, and whether an exact match is approved.
    "memory": {
        "files": Key(list, [], 'TMX or PO files inside the project, e.g. ["memory/old.tmx"]', path=True),
        "exact_approved": Key(bool, False, "true or false, without quotes"),
    },
    "glossary": {  # l10n/glossary.py; "" is no glossary
        "file": Key(str, "", 'a CSV or TBX file inside the project, e.g. "glossary.csv"', path=True),
    },
    "checks": {  # l10n/checks/
        "disable": Key(list, [], "names from the check table in the README", rule=_checks),
        "severity": Key(dict, {}, 'CHECK = "error" or "warning"', rule=_checks),
    },
    "segment": {  # l10n/segment/settings.py
        "abbreviations": Key(list, [], 'abbreviations as written, e.g. ["Bürgerm."]', pattern=ABBREVIATION,
                             shape="an abbreviation", strip=True),
        "abbreviation_files": Key(list, [], "text files inside the project, one abbreviation a line", path=True, strip=True),
        "sentence_starters": Key(list, [], 'single words, e.g. ["Hierzu"]', pattern=_ONE_WORD, shape="a single word", strip=True),
    },
}


def validate(data: dict[str, Any], root: Path, path: Path, text: str = "") -> dict[str, dict[str, Any]]:
    """Check parsed ``l10n.toml`` ``data``; every section with defaults filled in (lists stripped).

    ``text`` is the file's text, to name the line of a bad key.

    >>> sections = validate({"release": {"threshold": 80}}, Path("/p"), Path("/p/l10n.toml"))
    >>> sections["release"]["threshold"], sections["release"]["kit_name"], sections["memory"]["files"]
    (80, 'presskit', [])
    >>> validate({"release": {"threshold": 150}}, Path("/p"), Path("/p/l10n.toml"), "[release]\\nthreshold = 150\\n")
    Traceback (most recent call last):
    ...
    l10n.errors.ConfigError: /p/l10n.toml:2: [release] threshold: must be from 0 to 100, not 150 (a percentage: 100 ships only fully approved languages)
    """
    where = _Where(path, text)
    for section, table in data.items():
        if section not in SCHEMA:
            raise where.error(section, None, "unknown section", _suggest(section, SCHEMA))
        if not isinstance(table, dict):
            raise where.error(section, None, "must be a table", f"write [{section}] on a line of its own, then its keys")
        for key in table:
            if key not in SCHEMA[section]:
                raise where.error(section, key, "unknown key", _suggest(key, SCHEMA[section]))
    sections = {section: {key: _clean(spec.default) for key, spec in keys.items()} for section, keys in SCHEMA.items()}
    for section, table in data.items():
        for key, value in table.items():
            spec = SCHEMA[section][key]
            problem = _problem(spec, value, root)
            if problem:
                raise where.error(section, key, problem, spec.fix)
            sections[section][key] = _clean(value, spec.strip)
    _relations(sections, where)
    return sections


def check_values(root: Path, section: str, **values: Any) -> None:
    """Check values given outside ``l10n.toml`` (library arguments overriding it) against the schema.

    >>> check_values(Path("/p"), "release", kit_name="../up", threshold=50)
    Traceback (most recent call last):
    ...
    l10n.errors.ConfigError: [release] kit_name: not a folder name: '../up' (use letters, digits, '.', '-' or '_', and not a language code)
    """
    for key, value in values.items():
        spec = SCHEMA[section][key]
        problem = _problem(spec, value, root)
        if problem:
            raise ConfigError(f"[{section}] {key}: {problem}", hint=spec.fix)


def _problem(spec: Key, value: Any, root: Path) -> str | None:
    """What is wrong with ``value`` for ``spec``, or None."""
    if not _has_kind(spec.kind, value):
        return f"must be {_KINDS[spec.kind]}, not {value!r}"
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    for item in items:
        item = item.strip() if spec.strip else item
        if spec.choices and item not in spec.choices:
            return f"must be one of {', '.join(spec.choices)}, not {item!r}"
        if spec.pattern and not spec.pattern.fullmatch(item):
            return f"not {spec.shape}: {item!r}"
        if spec.path and item and (problem := _outside(item, root)):
            return problem
    if spec.low is not None and value < spec.low or spec.high is not None and value > spec.high:
        span = f"from {spec.low} to {spec.high}" if spec.high is not None else f"at least {spec.low}"
        return f"must be {span}, not {value}"
    return spec.rule(value) if spec.rule else None


def _has_kind(kind: type, value: Any) -> bool:
    if isinstance(value, bool) and kind is not bool:
        return False
    if kind is list:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind is dict:
        return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    return isinstance(value, kind)


def _outside(name: str, root: Path) -> str | None:
    if "\0" in name:
        return f"{name!r} holds a NUL character"
    if not (root / name).resolve().is_relative_to(root.resolve()):
        return f"{name!r} lies outside the project"
    return None


def _relations(sections: dict[str, dict[str, Any]], where: _Where) -> None:
    """Rules between keys: the source language is no target language."""
    project = sections["project"]
    if project["source_language"] in project["target_languages"]:
        raise where.error("project", "target_languages", f"holds the source language {project['source_language']!r}",
                          "the source language cannot also be a target language")


def _clean(value: Any, strip: bool = False) -> Any:
    if isinstance(value, list):
        return [v.strip() for v in value] if strip else list(value)
    return dict(value) if isinstance(value, dict) else value


def _suggest(word: str, known: Any) -> str:
    """A fix for an unknown name: the nearest known one, else all of them.

    >>> _suggest("relase", SCHEMA), _suggest("x", {"a": 1, "b": 2})
    ('did you mean release?', 'known: a, b')
    """
    close = difflib.get_close_matches(word, list(known), n=1)
    return f"did you mean {close[0]}?" if close else f"known: {', '.join(known)}"


class _Where:
    """``l10n.toml`` and its text, to point an error at the line of a section or key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.text = path, text

    def error(self, section: str, key: str | None, what: str, fix: str) -> ConfigError:
        name = f"[{section}] {key}" if key else f"[{section}]"
        return ConfigError(f"{name}: {what}", path=self.path, line=key_line(self.text, section, key), hint=fix)


def key_line(text: str, section: str, key: str | None = None) -> int | None:
    """The line of ``key`` in ``[section]`` of the TOML ``text`` (of the section when ``key`` is None).

    >>> key_line("# x\\n[release]\\nout_dir = 'd'\\n\\n[kit]\\nlogo = 'x.svg'\\n", "kit", "logo")
    6
    >>> key_line("[kit]\\nlogo = 'x.svg'\\n", "kit"), key_line("[kit]\\n", "kit", "logo")
    (1, 1)
    """
    current, header = None, None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        table = re.fullmatch(r"\[\s*([\w-]+|\"[^\"]*\")\s*\]\s*(?:#.*)?", stripped)
        if table:
            current = table.group(1).strip('"')
            header = number if current == section and header is None else header
            continue
        found = re.match(r"([\w.\"'-]+)\s*=", stripped)
        if found and current is None and found.group(1).split(".")[0].strip("\"'") == section and key is None:
            return number
        if found and key is not None and found.group(1).strip("\"'") == key and current == section:
            return number
    return header
