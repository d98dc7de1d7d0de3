"""Quality checks on catalog entries, machine or human: a registry of small functions.

A check is a function ``(Unit) -> Iterable[str]`` registered with a name and a default severity;
each string it yields is a one-line explanation. :func:`check_catalog` runs every enabled check on
the approved and fuzzy entries of one catalog and returns :class:`Finding` values with the file
and line of the entry. Projects disable checks or change their severity in ``l10n.toml``::

    [checks]
    disable = ["end-punctuation"]
    severity = { length = "error" }

A translator silences one check on one entry with a Weblate-style flag, ``#, ignore-<check>``
(``ignore-untranslated``, ``ignore-numbers``); a flag naming no check is itself a warning.

Each finding belongs to a group: ``approved`` (the entry ships in a release) or ``review`` (a
fuzzy suggestion nobody has approved yet). Only approved findings gate a release by default
(:func:`gates`); the others are a reviewer's to-do list.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..catalog import Catalog, Entry, read_catalog
from ..config import Config
from ..checknames import NAMES, SEVERITIES
from ..flags import IGNORE_PREFIX
from ..glossary import Glossary
from ..sources.markers import strip, tags

def data_lines(name: str) -> list[str]:
    """The lines of the checks' data file ``data/<name>``, without blank lines and ``#`` comment lines."""
    text = files("l10n.checks").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


FLAG_CHECK = "flags"  # the name findings about the flags themselves are reported under


@dataclass(frozen=True)
class Unit:
    """What a check looks at: one entry's source and translation, and their languages."""

    source: str
    target: str
    src: str
    tgt: str
    entry: Entry
    glossary: Glossary = Glossary()


@dataclass(frozen=True)
class Check:
    name: str
    severity: str
    run: Callable[[Unit], Iterable[str]]
    doc: str


@dataclass(frozen=True)
class Finding:
    """One problem in one entry."""

    severity: str
    check: str
    path: str
    line: int | None
    message: str
    msgid: str = ""
    group: str = "approved"  # "approved": the entry ships; "review": an unreviewed suggestion

    def __str__(self) -> str:
        return f"{self.path}:{self.line or '?'}: {self.severity}: [{self.check}] {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"severity": self.severity, "check": self.check, "path": self.path, "line": self.line,
                "message": self.message, "msgid": self.msgid, "group": self.group}


CHECKS: dict[str, Check] = {}


def check(name: str, severity: str) -> Callable[[Callable[[Unit], Iterable[str]]], Callable[[Unit], Iterable[str]]]:
    """Decorator: register a check under ``name`` (listed in :data:`l10n.checknames.NAMES`) with a
    default ``severity``."""
    if name not in NAMES or severity not in SEVERITIES:
        raise ValueError(f"check {name!r} ({severity}) is not listed in l10n/checknames.py")

    def decorate(func: Callable[[Unit], Iterable[str]]) -> Callable[[Unit], Iterable[str]]:
        CHECKS[name] = Check(name, severity, func, (func.__doc__ or "").strip().splitlines()[0])
        return func

    return decorate


def _load() -> dict[str, Check]:
    from . import content, rules  # noqa: F401  (registration happens on import)

    return CHECKS


@dataclass(frozen=True)
class Settings:
    """Which checks run and at which severity, from ``[checks]``."""

    severities: tuple[tuple[str, str], ...]

    @classmethod
    def from_config(cls, config: Config | None) -> "Settings":
        checks = _load()
        section = config.section("checks") if config else {"disable": [], "severity": {}}
        disable, severity = section["disable"], section["severity"]  # validated with the config
        return cls(tuple((n, severity.get(n, c.severity)) for n, c in checks.items() if n not in disable))


def check_unit(unit: Unit, settings: Settings, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str, str]]:
    """``(severity, check, message)`` for every problem in one unit; checks named in ``skip`` do not run."""
    checks = _load()
    for name, severity in settings.severities:
        if name not in skip:
            for message in checks[name].run(unit):
                yield severity, name, message


def checkable(entry: Entry) -> bool:
    """Approved and fuzzy entries with a translation; the header and obsolete ones are skipped."""
    return bool(entry.msgid) and bool(entry.msgstr) and not entry.obsolete


def ignored(entry: Entry) -> tuple[frozenset[str], list[str]]:
    """The checks an entry's ``ignore-<check>`` flags silence, and warnings for flags naming none.

    >>> ignored(Entry("Hallo", flags=("ignore-numbers", "ignore-numbres", "no-wrap")))
    (frozenset({'numbers'}), ["unknown flag 'ignore-numbres': there is no check 'numbres' (did you mean ignore-numbers?)"])
    """
    import difflib

    names = _load()
    skip, warnings = set(), []
    for flag in entry.flags:
        if not flag.startswith(IGNORE_PREFIX):
            continue
        name = flag[len(IGNORE_PREFIX):]
        if name in names:
            skip.add(name)
            continue
        close = difflib.get_close_matches(name, names, n=1)
        hint = f"did you mean {IGNORE_PREFIX}{close[0]}?" if close else f"checks: {', '.join(sorted(names))}"
        warnings.append(f"unknown flag {flag!r}: there is no check {name!r} ({hint})")
    return frozenset(skip), warnings


def check_catalog(
    catalog: Catalog, src: str, tgt: str, *, path: str, settings: Settings,
    glossary: Glossary = Glossary(),
) -> list[Finding]:
    """Every finding in ``catalog`` (a ``tgt`` translation of ``src``), at each entry's line in the file."""
    findings = []
    for entry in catalog.entries:
        if entry.obsolete or not entry.msgid:
            continue
        group = "approved" if entry.approved else "review"
        for severity, name, message in check_entry(entry, src, tgt, settings, glossary):
            findings.append(Finding(severity, name, path, entry.line, message, entry.msgid, group))
    return findings


def check_entry(entry: Entry, src: str, tgt: str, settings: Settings, glossary: Glossary = Glossary()) -> list[tuple[str, str, str]]:
    """``(severity, check, message)`` for one active entry: its unknown ``ignore-`` flags, then,
    if it is translated, every check its flags leave on (``l10n check`` and ``l10n review`` both)."""
    skip, warnings = ignored(entry)
    found = [("warning", FLAG_CHECK, w) for w in warnings]
    if checkable(entry):
        # Inline markers (HTML, Word) are the ``markers`` check's; the others read the words.
        source, target = (strip(entry.msgid), strip(entry.msgstr)) if tags(entry.msgid) else (entry.msgid, entry.msgstr)
        found.extend(check_unit(Unit(source, target, src, tgt, entry, glossary), settings, skip))
    return found


def language_of(catalog_path: Path, header_language: str) -> str:
    """The l10n language code of a catalog: its ``Language`` header, else its folder name."""
    code = header_language.replace("-", "_").split("_")[0].lower()
    return code or catalog_path.parent.name


def check_project(project, files: Iterable[Path] = (), langs: Iterable[str] | None = None) -> list[Finding]:
    """Check ``files`` (default: every catalog of the project) and return the findings."""
    from ..glossary import load_glossary

    config = project.config
    settings = Settings.from_config(config)
    glossary = load_glossary(config)
    wanted = set(config.chosen_languages(langs)) if langs else set()
    paths = list(files) or _all_catalogs(project, wanted or set(config.target_languages))
    findings: list[Finding] = []
    for path in paths:
        catalog = read_catalog(path, display=project.display(path))
        tgt = language_of(path, catalog.header.get("Language", ""))
        if wanted and tgt not in wanted:
            continue
        findings.extend(check_catalog(catalog, config.source_language, tgt, path=project.display(path),
                                      settings=settings, glossary=glossary))
    return findings


def _all_catalogs(project, langs: set[str]) -> list[Path]:
    return sorted(p for lang in sorted(langs) for p in (project.config.locales_path / lang).rglob("*.po"))


def summary(findings: Iterable[Finding], group: str | None = None) -> dict[str, int]:
    """Number of findings per severity (of one ``group`` if given)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        if group is None or f.group == group:
            counts[f.severity] += 1
    return counts


def gates(finding: Finding, everything: bool = False) -> bool:
    """Whether ``finding`` stops a release: an error in an approved entry (any error if ``everything``)."""
    return finding.severity == "error" and (everything or finding.group == "approved")
