"""Gettext catalogs: the only module that touches polib.

The rest of l10n sees :class:`Entry` and :class:`Catalog` values. Reading turns polib's errors
into :class:`CatalogError` with file and line; writing is atomic and happens only when the content
changed, so a no-change run leaves every file byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import polib

from . import __version__
from .errors import CatalogError, cannot_read
from .languages import Language
from .model import Document
from .fs import atomic_write
from .provenance import Provenance, find as find_provenance, replace_line

WRAP = 79  # GNU gettext's default, so our files diff cleanly against msgcat/msgmerge output.


@dataclass(frozen=True)
class Entry:
    """One catalog entry. ``approved`` is what a reviewer signed off: translated and not fuzzy."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    fuzzy: bool = False
    flags: tuple[str, ...] = ()  # flags other than fuzzy, kept as found
    comment: str = ""  # extracted comment (#.), owned by l10n
    tcomment: str = ""  # translator comment (#), owned by people (and the mt:/tm: provenance line)
    occurrences: tuple[tuple[str, str], ...] = ()
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    # A plural entry (never made by l10n, kept when a translator adds one): the plural msgid and
    # the translations by form index, ``msgstr[0]``, ``msgstr[1]``, ...
    msgid_plural: str | None = None
    msgstr_plural: tuple[tuple[int, str], ...] = ()

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) or any(text for _, text in self.msgstr_plural)

    @property
    def approved(self) -> bool:
        return bool(self.msgstr) and not self.fuzzy

    @property
    def provenance(self) -> Provenance | None:
        """Where the translation came from (``# mt:`` or ``# tm:`` comment line), if recorded."""
        return find_provenance(self.tcomment)

    @property
    def machine_text(self) -> bool:
        """Whether the translation is still what a machine wrote: a person changed nothing since."""
        p = self.provenance
        return bool(self.msgstr) and p is not None and p.kind == "mt" and p.is_machine_text(self.msgstr)

    def with_provenance(self, provenance: Provenance | None) -> "Entry":
        """A copy whose provenance line (``mt:`` or ``tm:``) is ``provenance`` (removed if None)."""
        return replace(self, tcomment=replace_line(self.tcomment, provenance))


@dataclass(frozen=True)
class Catalog:
    """A PO or POT file's content: header fields (in order) and entries (obsolete ones included)."""

    header: dict[str, str] = field(default_factory=dict, hash=False)
    entries: tuple[Entry, ...] = ()
    header_comment: str = ""

    @property
    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    @property
    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    def get(self, key: tuple[str | None, str]) -> Entry | None:
        return next((e for e in self.entries if e.key == key and not e.obsolete), None)

    def content(self) -> tuple:
        """Everything but the dates that change on each write: equal content means no write."""
        volatile = {"POT-Creation-Date", "PO-Revision-Date"}
        return (tuple((k, v) for k, v in self.header.items() if k not in volatile), self.entries, self.header_comment)


def now_stamp() -> str:
    """The current time in gettext's header format; ``SOURCE_DATE_EPOCH`` pins it for builds."""
    from .environment import source_date_epoch

    moment = source_date_epoch() or datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M+0000")


def template_header(project: str) -> dict[str, str]:
    """Header fields of a template (``.pot``)."""
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        # xgettext's placeholders: a template has no translator or language yet.
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": generator(),
    }


# Header fields l10n keeps right whoever saved the file last; every other field belongs to the
# translators and their tools (Poedit, Lokalize and Weblate rewrite X-Generator, PO-Revision-Date,
# Last-Translator, Language-Team, ...), and a save that changed only those is no change.
OWNED_FIELDS = ("Project-Id-Version", "POT-Creation-Date", "Language", "Content-Type")


def catalog_header(template: Catalog, lang: Language, old: Catalog | None) -> dict[str, str]:
    """Header fields of a language's catalog; what a translator or tool set in ``old`` is kept.

    For an existing catalog only the :data:`OWNED_FIELDS` are set (in the file's own order);
    fields it lacks are added.
    """
    header = {
        "Project-Id-Version": template.header.get("Project-Id-Version", ""),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": template.header.get("POT-Creation-Date", now_stamp()),
        "PO-Revision-Date": now_stamp(),
        "Last-Translator": "",
        "Language-Team": f"{lang.name} <>",
        "Language": lang.gettext,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": lang.plural_forms,
        "X-Generator": generator(),
    }
    if old is None:
        return header
    kept = dict(old.header)
    kept.update({k: header[k] for k in OWNED_FIELDS})
    return {**kept, **{k: v for k, v in header.items() if k not in kept}}


def generator() -> str:
    """The ``X-Generator`` l10n writes."""
    return f"l10n {__version__}"


def extracted_comment(kind: str, sid: str, notes: tuple[str, ...] = ()) -> str:
    """The ``#.`` comment l10n writes: block kind and stable segment id, then any notes."""
    return "\n".join((f"{kind}, id {sid}", *notes))


def build_template(doc: Document, project: str, notes: dict | None = None) -> Catalog:
    """The template for ``doc``: one entry per sentence, in document order; each ``#.`` comment
    carries the segment's own notes (its reader's) before ``notes[key]`` (the glossary's)."""
    notes = notes or {}
    entries = tuple(
        Entry(
            msgid=seg.msgid,
            msgctxt=seg.msgctxt,
            comment=extracted_comment(seg.kind, seg.sid, seg.notes + notes.get(seg.key, ())),
            occurrences=((doc.path, str(seg.line)),),
        )
        for seg in doc.segments
    )
    return Catalog(template_header(project), entries, header_comment=f"Template for {doc.path}.")


# --- reading -------------------------------------------------------------------------------------

_LINE = re.compile(r"\(line (\d+)\)")


def read_catalog(path: Path, *, display: str | None = None) -> Catalog:
    """Read a PO/POT file; a syntax error becomes a :class:`CatalogError` with its line."""
    shown = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc, shown, CatalogError) from None
    return parse_catalog(data, shown)


def parse_catalog(data: bytes, shown: str) -> Catalog:
    """The catalog in the PO/POT bytes ``data`` (read from the file ``shown`` in messages).

    For callers that must know exactly which bytes they parsed (to detect a later change)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise CatalogError("not UTF-8", path=shown, line=line, hint="l10n catalogs are UTF-8; re-save the file as UTF-8") from None
    # Old Mac line ends (CR only) are line ends too, as for gettext's tools; a CR inside a string
    # is written as \r, so a raw one is never text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise CatalogError("contains a NUL byte", path=shown, line=text.count("\n", 0, text.index("\x00")) + 1, hint="the file is damaged; restore it from version control")
    _check_syntax(text, shown)
    try:
        # polib's own duplicate check compares each entry with every other (quadratic); ours is a set.
        po = polib.pofile(_PoText(_gettext_escapes(text)), wrapwidth=WRAP)
    except (OSError, ValueError) as exc:  # polib signals a syntax error with OSError
        found = _LINE.search(str(exc))
        message = str(exc).split(" (line")[0].replace(" in po file", "").strip().rstrip(":")
        raise CatalogError(
            f"broken catalog: {message[:1].lower()}{message[1:]}",
            path=shown,
            line=int(found.group(1)) if found else None,
            hint="fix the file by hand or restore it from version control; l10n will not overwrite it",
        ) from None
    charset = po.metadata.get("Content-Type", "charset=UTF-8").partition("charset=")[2].strip()
    if charset and charset.upper() not in ("UTF-8", "CHARSET"):
        raise CatalogError(f"declares charset {charset}, l10n writes UTF-8", path=shown, line=_header_line(text, "Content-Type"), hint="set 'Content-Type: text/plain; charset=UTF-8' and re-save as UTF-8")
    keys: set[tuple] = set()
    for e in po:
        key = (e.msgctxt, e.msgid, bool(e.obsolete))
        if key in keys:
            raise _duplicate_error(text, shown)
        keys.add(key)
        if e.msgstr and not e.obsolete:
            _check_newlines(e, shown)
        _check_storable(e, shown, text)
    return Catalog(dict(po.metadata), tuple(_from_polib(e) for e in po), po.header)


_QUOTED = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # a C string; the loop unrolled, twice as fast
_VALID_LINE = re.compile(rf"(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_QUOTED}\s*")


def _check_syntax(text: str, shown: str) -> None:
    """Reject what polib would silently misread (``msgid broken`` becomes the msgid "roke")."""
    for number, line in enumerate(text.split("\n"), 1):
        body = line.strip()
        if body.startswith(("#~", "#|")):
            body = body[2:].strip()
        elif body.startswith("#"):
            continue
        if body and not _VALID_LINE.fullmatch(body):
            raise CatalogError(
                "broken catalog: syntax error (expected a keyword and a \"quoted string\")",
                path=shown,
                line=number,
                hint="fix the file by hand or restore it from version control; l10n will not overwrite it",
            )


class _PoText(str):
    """PO text for polib, split at line ends only.

    polib splits a string with ``str.splitlines()``, which also breaks at \\x0b, \\x0c, \\x1c-\\x1e,
    \\x85 and \\u2028: characters that may stand unescaped inside a msgid.
    """

    def splitlines(self, keepends: bool = False) -> list[str]:  # type: ignore[override]
        return self.replace("\r\n", "\n").split("\n")


# Escapes GNU gettext writes (msgcat turns U+0007 into \a) that polib does not understand.
_GETTEXT_ESCAPE = re.compile(r'\\(\\|a|x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)')
_STRING_LINE = re.compile(r'^\s*(?:#[~|]\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"')
_POLIB_ESCAPES = {"\n": r"\n", "\t": r"\t", "\r": r"\r", "\v": r"\v", "\b": r"\b", "\f": r"\f", '"': r'\"', "\\": r"\\"}


def _gettext_escapes(text: str) -> str:
    """Rewrite \\a, \\xHH and octal escapes in PO strings into what polib reads (comments untouched)."""
    if not re.search(r"\\(?:a|x[0-9A-Fa-f]|[0-7])", text):
        return text

    def one(match: re.Match) -> str:
        code = match.group(1)
        if code == "a":
            char = "\x07"
        elif code[0] == "x" and len(code) > 1 and int(code[1:], 16) < 0x80:
            char = chr(int(code[1:], 16))
        elif code[0] in "01234567" and int(code, 8) < 0x80:
            char = chr(int(code, 8))
        else:  # an escape polib knows, \\ itself, or a byte of a multi-byte character: left alone
            return match.group(0)
        return _POLIB_ESCAPES.get(char, char)

    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _STRING_LINE.match(line):
            lines[i] = _GETTEXT_ESCAPE.sub(one, line)
    return "\n".join(lines)


def _duplicate_error(text: str, shown: str) -> CatalogError:
    """The error for a catalog with the same msgctxt + msgid twice, at the second one's line."""
    seen: dict[tuple, int] = {}
    for e in polib.pofile(_PoText(_gettext_escapes(text)), wrapwidth=WRAP):
        key = (e.msgctxt, e.msgid, bool(e.obsolete))
        if key in seen:
            return CatalogError(
                f"duplicate entry {e.msgid[:60]!r} (first at line {seen[key]})",
                path=shown,
                line=e.linenum,
                hint="delete one of the two entries; gettext allows each message once",
            )
        seen[key] = e.linenum
    return CatalogError("duplicate entry", path=shown, hint="delete one of the two entries")


def _check_newlines(e: polib.POEntry, shown: str) -> None:
    """msgfmt rejects an entry whose msgid and msgstr do not both begin and end with a newline."""
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if test(e.msgid, "\n") != test(e.msgstr, "\n"):
            raise CatalogError(
                f"msgid and msgstr do not both {where} with a newline (\\n)",
                path=shown,
                line=e.linenum,
                hint=f"make the translation {where} like the source sentence",
            )


def _check_storable(e: polib.POEntry, shown: str, text: str) -> None:
    """Refuse a string gettext cannot carry (EOT) where it is, not later when the catalog is written."""
    for name in ("msgctxt", "msgid", "msgid_plural", "msgstr"):
        value = getattr(e, name) or ""
        values = [value, *e.msgstr_plural.values()] if name == "msgstr" else [value]
        char = next((c for v in values for c in UNSTORABLE if c in v), None)
        if char:
            lines = text.split("\n")
            line = next((n for n in range(e.linenum, len(lines) + 1) if char in lines[n - 1]), e.linenum)
            raise CatalogError(
                f"{name} of {e.msgid[:60]!r} contains a {UNSTORABLE[char]} character, which gettext cannot store",
                path=shown,
                line=line,
                hint="remove the control character (msgfmt rejects the file as it is)",
            )


def _header_line(text: str, field_name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if field_name in line:
            return number
    return None


def _from_polib(e: polib.POEntry) -> Entry:
    flags = tuple(f for f in e.flags if f != "fuzzy")
    return Entry(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        fuzzy="fuzzy" in e.flags,
        flags=flags,
        comment=e.comment or "",
        tcomment=e.tcomment or "",
        occurrences=tuple((p, ln) for p, ln in e.occurrences),
        previous_msgid=e.previous_msgid,
        previous_msgctxt=e.previous_msgctxt,
        obsolete=bool(e.obsolete),
        msgid_plural=e.msgid_plural or None,
        msgstr_plural=tuple(sorted((int(k), v) for k, v in e.msgstr_plural.items())),
    )


def entry_lines(path: Path) -> dict[tuple[str | None, str], int]:
    """The line number of every active entry in the PO file at ``path``, by key (for messages)."""
    try:
        po = polib.pofile(str(path), wrapwidth=WRAP)
    except (OSError, ValueError):
        return {}
    return {(e.msgctxt, e.msgid): e.linenum for e in po if not e.obsolete}


# --- writing -------------------------------------------------------------------------------------


# Characters gettext cannot carry: NUL ends a C string; EOT separates msgctxt from msgid in .mo
# files, so msgfmt rejects it in any string.
UNSTORABLE = {"\x00": "NUL", "\x04": "EOT (context separator)"}


def check_writable(catalog: Catalog) -> None:
    """Refuse text a PO file cannot carry before writing, rather than write a file msgfmt rejects."""
    for e in catalog.entries:
        for name in ("msgid", "msgstr", "msgctxt", "comment", "tcomment", "msgid_plural"):
            value = getattr(e, name) or ""
            bad = next((label for char, label in UNSTORABLE.items() if char in value), None)
            if bad:
                raise CatalogError(
                    f"{name} of {e.msgid[:60]!r} contains a {bad} character, which gettext cannot store",
                    path=e.occurrences[0][0] if e.occurrences else None,
                    line=int(e.occurrences[0][1]) if e.occurrences and e.occurrences[0][1].isdigit() else None,
                    hint="remove the control character from the text",
                )


class _Entry(polib.POEntry):
    """A POEntry whose comments are written as they are, one line each, never re-wrapped.

    polib wraps long comment lines as xgettext does; read back, a wrapped line is two lines, so a
    provenance line (``# mt: ...``) or a glossary note would not survive a write and a read.
    GNU gettext's msgcat and msgmerge leave comment lines alone too.
    """

    def __unicode__(self, wrapwidth: int = WRAP) -> str:
        comments = [("tcomment", "# ")] if self.obsolete else [("tcomment", "# "), ("comment", "#. ")]
        lines = [f"{prefix}{line}" for attr, prefix in comments for line in (getattr(self, attr).split("\n") if getattr(self, attr) else [])]
        saved = self.tcomment, self.comment
        self.tcomment = self.comment = ""
        try:
            body = super().__unicode__(wrapwidth)
        finally:
            self.tcomment, self.comment = saved
        return "\n".join([*lines, body]) if lines else body


def render(catalog: Catalog) -> str:
    """The PO text of ``catalog``; raises :class:`CatalogError` for text gettext cannot carry."""
    check_writable(catalog)
    po = polib.POFile(wrapwidth=WRAP)
    po.header = catalog.header_comment
    po.metadata = dict(catalog.header)
    for e in catalog.entries:
        flags = (["fuzzy"] if e.fuzzy else []) + list(e.flags)
        po.append(
            _Entry(
                msgid=e.msgid,
                msgstr=e.msgstr,
                msgctxt=e.msgctxt,
                flags=flags,
                comment=e.comment,
                tcomment=e.tcomment,
                occurrences=list(e.occurrences),
                previous_msgid=e.previous_msgid,
                previous_msgctxt=e.previous_msgctxt,
                obsolete=e.obsolete,
                msgid_plural=e.msgid_plural or "",
                msgstr_plural=dict(e.msgstr_plural),
            )
        )
    return str(po)


def write_catalog(path: Path, catalog: Catalog, old: Catalog | None = None) -> bool:
    """Write ``catalog`` to ``path`` unless its content equals ``old``'s; return whether it wrote."""
    return write_catalogs([(path, catalog, old)])[0]


def write_catalogs(files: list[tuple[Path, Catalog, Catalog | None]]) -> list[bool]:
    """Write each ``(path, catalog, old)`` whose content changed; return which were written.

    Every file is rendered (and so checked) before the first is written: a document's catalogs
    are written all or none, never the template and one language with the next one refused.
    """
    changed = [old is None or old.content() != catalog.content() for _, catalog, old in files]
    rendered = [render(catalog).encode("utf-8") if change else b"" for (_, catalog, _), change in zip(files, changed)]
    for (path, _, _), data, change in zip(files, rendered, changed):
        if change:
            atomic_write(path, data)
    return changed
