"""The project glossary: do-not-translate terms and term pairs per language.

Read from a CSV file (one column per language code, an optional ``note`` column; several accepted
forms in one cell separated by ``|``) or a TBX file, named in ``l10n.toml``::

    [glossary]
    file = "glossary.csv"

A row (or TBX term entry) with only the source language filled in is a do-not-translate term: it
must come out of translation exactly as written. Masking (``engines/masking.py``), the ``#.``
notes of the catalogs and the glossary checks all read the same :class:`Glossary`.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .config import Config
from .errors import ConfigError
from .languages import LANGUAGES, LATIN

NOTE_WIDTH = 70  # under the PO line width (79) minus the "#. " prefix
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Term:
    """One glossary entry: its forms per language; ``dnt`` terms are never translated."""

    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (lang, accepted forms), source first
    dnt: bool = False
    note: str = ""
    line: int | None = None

    def get(self, lang: str) -> tuple[str, ...]:
        return dict(self.forms).get(lang, ())

    def target(self, lang: str) -> tuple[str, ...]:
        """Accepted forms in ``lang``: the term itself when it is not translated."""
        return self.forms[0][1] if self.dnt else self.get(lang)

    @cached_property
    def _patterns(self) -> dict[str, re.Pattern[str]]:
        return {lang: _pattern(forms, exact=self.dnt) for lang, forms in self.forms}

    def find(self, text: str, lang: str) -> list[re.Match[str]]:
        """Occurrences of the term's ``lang`` form in ``text``."""
        pattern = self._patterns.get(lang) or (self._patterns[self.forms[0][0]] if self.dnt else None)
        return list(pattern.finditer(text)) if pattern else []

    def describe(self, targets: tuple[str, ...]) -> str:
        """The ``#.`` note for a reviewer."""
        source = self.forms[0][1][0]
        if self.dnt:
            return f"term: {source} (do not translate)"
        pairs = "; ".join(f"{lang}: {' | '.join(self.get(lang))}" for lang in targets if self.get(lang))
        return f"term: {source} = {pairs}" if pairs else f"term: {source}"


def _pattern(forms: tuple[str, ...], exact: bool) -> re.Pattern[str]:
    # Names must match exactly and stand alone; term pairs match case-insensitively, and German
    # inflected or compound forms ("Wirtschaftsförderungsgesellschaften") still count.
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # Word boundaries by Latin letters and digits only: "构NRW.INVEST提" holds the name in Chinese.
    if exact:
        return re.compile(rf"(?<![{LATIN}.])(?:{alternatives})(?![{LATIN}]|\.[{LATIN}])")
    return re.compile(rf"(?<![{LATIN}])(?:{alternatives})", re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    """Every term of a project (empty when none is configured)."""

    terms: tuple[Term, ...] = ()
    path: str | None = None

    def in_source(self, text: str, lang: str) -> list[Term]:
        """The terms whose ``lang`` form occurs in ``text``, longest first.

        An Aho-Corasick automaton over the case-folded forms finds the few terms that could occur
        in one pass over ``text``, whatever the glossary's size; only those meet their pattern.
        """
        hits = [t for t in self._candidates(text, lang) if t.find(text, lang)]
        # Longest first, so that masking takes "Guangdong OPPO Mobile Telecommunications" whole.
        return sorted(hits, key=lambda t: -max(map(len, t.get(lang) or t.forms[0][1])))

    def _candidates(self, text: str, lang: str) -> list[Term]:
        """Terms with a ``lang`` form (or a do-not-translate form) inside ``text``, case-folded."""
        if lang not in self._automata:
            self._automata[lang] = _automaton(self.terms, lang)
        automaton = self._automata[lang]
        if automaton is None:
            return []
        found = {index for _, indexes in automaton.iter(text.casefold()) for index in indexes}
        return [self.terms[i] for i in sorted(found)]

    @cached_property
    def _automata(self) -> dict[str, object]:
        return {}

    def notes(self, text: str, source: str, targets: tuple[str, ...]) -> tuple[str, ...]:
        """``#.`` lines telling the reviewer which terms a sentence contains.

        Wrapped here, short of the catalog's line width: a line the PO writer wrapped would read
        back different, and every run would rewrite the catalog.
        """
        notes = (t.describe(targets) for t in self.in_source(text, source))
        return tuple(line for note in notes for line in textwrap.wrap(note, NOTE_WIDTH, subsequent_indent="  "))


def _automaton(terms: tuple[Term, ...], lang: str):
    """An Aho-Corasick automaton: case-folded form -> indexes of the terms with that form."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for index, term in enumerate(terms):
        forms = next((f for code, f in term.forms if code == lang), term.forms[0][1] if term.dnt else ())
        for form in forms:
            key = form.casefold()
            indexes = automaton.get(key, None)
            if indexes is None:
                automaton.add_word(key, [index])
            else:
                indexes.append(index)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


def parse_csv(text: str, path: str, source: str) -> Glossary:
    """A glossary from CSV text with a header of language codes (and ``note``)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return Glossary((), path)
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in LANGUAGES and h != "note"]
    if unknown or source not in header:
        raise ConfigError(
            f"glossary header must name language codes and 'note', got {', '.join(rows[0])}",
            path=path, line=1, hint=f"the first column is the source language {source!r}",
        )
    terms = []
    others = sorted(h for h in header if h not in (source, "note"))
    for number, row in enumerate(rows[1:], 2):
        if not "".join(row).strip():
            continue
        if len(row) > len(header):
            raise ConfigError(f"{len(row)} cells, the header has {len(header)}", path=path, line=number)
        cells = dict(zip(header, map(str.strip, row)))
        terms.append(_term(cells, source, path, number, others))
    return Glossary(tuple(terms), path)


def _term(cells: dict[str, str], source: str, path: str, line: int, others: list[str] | None = None) -> Term:
    """The term of one row; ``others`` are the other language columns, sorted (found if not given)."""
    first = cells.get(source)
    if not first:
        raise ConfigError(f"no {source!r} term", path=path, line=line)
    forms = [(source, _split(first))]
    for lang in sorted(k for k in cells if k not in (source, "note")) if others is None else others:
        if cells.get(lang):
            forms.append((lang, _split(cells[lang])))
    return Term(tuple(forms), len(forms) == 1, cells.get("note", ""), line)


def _split(cell: str) -> tuple[str, ...]:
    """The accepted forms of one cell: ``|`` separates them."""
    return tuple(f for f in map(str.strip, cell.split("|")) if f) if "|" in cell else (cell,)


def parse_tbx(text: str, path: str, source: str) -> Glossary:
    """A glossary from TBX: one ``termEntry`` per term, a ``langSet`` per language.

    An entry with only a source ``langSet``, or with ``<termNote type="doNotTranslate">``
    (or ``administrativeStatus`` ``doNotTranslate``), is a do-not-translate term.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ConfigError(f"not valid TBX: {exc}", path=path, line=exc.position[0]) from None
    terms = []
    for entry in root.iter():
        if _local(entry.tag) not in ("termEntry", "conceptEntry"):
            continue
        cells: dict[str, str] = {}
        dnt = False
        for lang_set in (e for e in entry.iter() if _local(e.tag) == "langSet"):
            lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
            forms = [(t.text or "").strip() for t in lang_set.iter() if _local(t.tag) == "term"]
            if lang in LANGUAGES and forms:
                cells[lang] = "|".join(f for f in forms if f)
        for note in (e for e in entry.iter() if _local(e.tag) in ("termNote", "descrip")):
            dnt = dnt or "donottranslate" in f"{note.get('type', '')} {note.text or ''}".lower()
        if cells.get(source):
            term = _term(cells, source, path, None)  # type: ignore[arg-type]
            terms.append(Term(term.forms[:1], True, term.note) if dnt else term)
    return Glossary(tuple(terms), path)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_glossary(path: Path, source: str, display: str | None = None) -> Glossary:
    """Read a ``.csv`` or ``.tbx`` glossary file."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read glossary: {exc.strerror}", path=shown) from None
    except UnicodeDecodeError:
        raise ConfigError("glossary is not UTF-8", path=shown) from None
    if path.suffix.lower() in (".tbx", ".xml"):
        return parse_tbx(text, shown, source)
    return parse_csv(text, shown, source)


def load_glossary(config: Config) -> Glossary:
    """The glossary ``[glossary] file`` names; an empty one when the section is absent."""
    path = glossary_path(config)
    if path is None:
        return Glossary()
    name = config.section("glossary")["file"]
    if not path.exists():
        raise config.error("glossary", "file", f"{name!r} does not exist", "create it, or name an existing CSV or TBX file")
    return read_glossary(path, config.source_language, name)


def glossary_path(config: Config) -> Path | None:
    """The file ``[glossary] file`` names (resolved), or None when there is no glossary."""
    name = config.section("glossary")["file"]
    return config.inside(Path(name), "[glossary] file") if name else None
