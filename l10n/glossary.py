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
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, Sequence, overload

from .config import Config
from .errors import ConfigError
from .languages import LANGUAGES

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
        return re.compile(rf"(?<![{_LATIN}.])(?:{alternatives})(?![{_LATIN}]|\.[{_LATIN}])")
    return re.compile(rf"(?<![{_LATIN}])(?:{alternatives})", re.IGNORECASE)


_LATIN = "0-9A-Za-z\u00c0-\u024f"
_LATIN_CHAR = re.compile(f"[{_LATIN}]")


@dataclass(frozen=True)
class Glossary:
    """Every term of a project (empty when none is configured)."""

    terms: Sequence[Term] = ()
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
        if lang not in self._indexes:
            self._indexes[lang] = _index(_cells(self.terms, lang))
        index = self._indexes[lang]
        return [self.terms[i] for i in sorted(index.find(text))] if index else []

    @cached_property
    def _indexes(self) -> dict[str, _Index | None]:
        return {}

    def notes(self, text: str, source: str, targets: tuple[str, ...]) -> tuple[str, ...]:
        """``#.`` lines telling the reviewer which terms a sentence contains.

        Wrapped here, short of the catalog's line width: a line the PO writer wrapped would read
        back different, and every run would rewrite the catalog.
        """
        notes = (t.describe(targets) for t in self.in_source(text, source))
        return tuple(line for note in notes for line in textwrap.wrap(note, NOTE_WIDTH, subsequent_indent="  "))


def _cells(terms: Sequence[Term], lang: str) -> list[str]:
    """Per term, its ``lang`` forms as one ``|``-separated cell (a do-not-translate term: its own)."""
    if isinstance(terms, _Rows):
        return terms.cells(lang)
    return ["|".join(term.target(lang)) for term in terms]


class _Index(NamedTuple):
    """An Aho-Corasick automaton over the case-folded forms; a match yields the form's position."""

    automaton: Any
    forms: Sequence[str]  # case-folded
    owners: Sequence[int]  # the term of each form
    shared: dict[int, list[int]]  # position -> every term with that form, where several have it

    def find(self, text: str) -> set[int]:
        """Indexes of the terms with a form inside ``text`` (case-folded) that starts a word.

        Every term's pattern wants no Latin letter or digit before it; a form found inside a word
        (most hits of a large glossary) is dropped here, before its term's pattern is even built.
        """
        folded = text.casefold()
        aligned = len(folded) == len(text)  # every character folded to one: the positions agree
        found: set[int] = set()
        for end, at in self.automaton.iter(folded):
            start = end - len(self.forms[at]) + 1
            if aligned and start and _LATIN_CHAR.match(text, start - 1):
                continue
            if at in self.shared:
                found.update(self.shared[at])
            else:
                found.add(self.owners[at])
        return found


def _index(cells: list[str]) -> _Index | None:
    """The index of the forms in ``cells`` (one cell per term; None when there is no form).

    Written for a large glossary: the plain case (one form per cell, none shared) runs in maps and
    zips, and the automaton stores integers.
    """
    import ahocorasick

    forms: Sequence[str] = list(map(str.casefold, map(str.strip, cells)))
    owners: Sequence[int] = range(len(forms))
    if "|" in "".join(forms):
        pairs = [(form, index) for index, cell in enumerate(forms) for form in _split(cell)]
        forms, owners = [form for form, _ in pairs], [index for _, index in pairs]
    keys = dict(zip(forms, range(len(forms))))  # form -> its last position
    shared: dict[int, list[int]] = {}
    if len(keys) < len(forms):  # some forms belong to several terms
        repeated = {form for form, count in Counter(forms).items() if count > 1}
        members: dict[str, set[int]] = {form: set() for form in repeated}
        for form, owner in zip(forms, owners):
            if form in repeated:
                members[form].add(owner)
        shared = {keys[form]: sorted(terms) for form, terms in members.items() if len(terms) > 1}
    keys.pop("", None)
    if not keys:
        return None
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, at in keys.items():
        automaton.add_word(key, at)
    automaton.make_automaton()
    return _Index(automaton, forms, owners, shared)


def parse_csv(text: str, path: str, source: str) -> Glossary:
    """A glossary from CSV text with a header of language codes (and ``note``).

    Every row is checked here; its :class:`Term` is built when first asked for, so that a large
    glossary costs little more than the few terms a text holds.
    """
    rows = list(map(tuple, csv.reader(io.StringIO(text))))  # tuples of strings: the collector skips them
    if not rows:
        return Glossary((), path)
    header = [h.strip().lower() for h in rows[0]]
    unknown = [h for h in header if h not in LANGUAGES and h != "note"]
    if unknown or source not in header:
        raise ConfigError(
            f"glossary header must name language codes and 'note', got {', '.join(rows[0])}",
            path=path, line=1, hint=f"the first column is the source language {source!r}",
        )
    first, width = header.index(source), len(header)
    body, lines = rows[1:], None
    sizes = set(map(len, body))
    if not body or max(sizes) > width or min(sizes) <= first or not all(map(str.strip, map(itemgetter(first), body))):
        body, lines = _checked(body, first, width, f"no {source!r} term", path)
    return Glossary(_Rows(tuple(header), source, body, lines, path), path)


def _checked(rows: list[tuple[str, ...]], first: int, width: int, missing: str, path: str) -> tuple[list[tuple[str, ...]], list[int]]:
    """The rows that hold a term and their line numbers; an error for a row with too many cells
    or without a source term."""
    kept, lines = [], []
    for number, row in enumerate(rows, 2):
        if len(row) > width:
            raise ConfigError(f"{len(row)} cells, the header has {width}", path=path, line=number)
        if len(row) <= first or not row[first].strip():
            if "".join(row).strip():
                raise ConfigError(missing, path=path, line=number)
            continue
        kept.append(row)
        lines.append(number)
    return kept, lines


class _Rows(Sequence[Term]):
    """The terms of checked CSV rows, each built when first asked for.

    ``lines`` are the rows' line numbers, None when they follow the header without a gap.
    """

    def __init__(self, header: tuple[str, ...], source: str, rows: list[tuple[str, ...]], lines: list[int] | None, path: str) -> None:
        self.header, self.source, self.rows, self.lines, self.path = header, source, rows, lines, path
        self.others = sorted(h for h in header if h not in (source, "note"))
        self.built: dict[int, Term] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Term: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Term]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        index = range(len(self))[index]
        if index not in self.built:
            line = self.lines[index] if self.lines else index + 2
            cells = dict(zip(self.header, map(str.strip, self.rows[index])))
            self.built[index] = _term(cells, self.source, self.path, line, self.others)
        return self.built[index]

    def cells(self, lang: str) -> list[str]:
        """Per row, its ``lang`` cell; a do-not-translate row's own term in any language."""
        first = self.header.index(self.source)
        if lang == self.source:
            return list(map(itemgetter(first), self.rows))
        column = self.header.index(lang) if lang in self.header and lang != "note" else None
        others = [self.header.index(code) for code in self.others]
        out = []
        for row in self.rows:
            cell = row[column].strip() if column is not None and column < len(row) else ""
            dnt = not cell and not any(c < len(row) and row[c].strip() for c in others)
            out.append(row[first] if dnt else cell)
        return out


def _term(cells: dict[str, str], source: str, path: str, line: int | None, others: list[str] | None = None) -> Term:
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
            term = _term(cells, source, path, None)
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
    if not path.exists():
        raise ConfigError(f"glossary file {config.extra['glossary']['file']!r} does not exist", path=config.root / "l10n.toml")
    return read_glossary(path, config.source_language, config.extra["glossary"]["file"])


def glossary_path(config: Config) -> Path | None:
    """The file ``[glossary] file`` names (resolved), or None when there is no glossary."""
    section = config.extra.get("glossary", {})
    where = config.root / "l10n.toml"
    unknown = set(section) - {"file"}
    if unknown:
        raise ConfigError(f"unknown key [glossary] {sorted(unknown)[0]}", path=where, hint="known: file")
    name = section.get("file")
    if name is None:
        return None
    if not isinstance(name, str):
        raise ConfigError(f"[glossary] file must be str, not {name!r}", path=where)
    return config.inside(Path(name), "[glossary] file")
