"""The PO format: the only module that touches polib.

:func:`read_catalog` parses a PO/POT file once into :class:`~l10n.catalog.model.Catalog` values,
keeping each entry's line; polib's errors, duplicates and what gettext cannot carry become a
:class:`CatalogError` with file and line. :func:`write_catalogs` writes atomically and only what
changed, so a no-change run leaves every file byte-identical.

>>> catalog = parse_catalog(b'msgid ""\\nmsgstr ""\\n"Content-Type: text/plain; charset=UTF-8\\\\n"\\n\\n'
...                         b'#, fuzzy\\nmsgid "Er sagte \\\\"ja\\\\"."\\nmsgstr "He said \\\\"yes\\\\"."\\n', "x.po")
>>> [(e.msgid, e.fuzzy, e.line) for e in catalog.entries]
[('Er sagte "ja".', True, 5)]
>>> print(render(catalog).split("\\n\\n")[1])
#, fuzzy
msgid "Er sagte \\"ja\\"."
msgstr "He said \\"yes\\"."
<BLANKLINE>
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from ..errors import CatalogError, cannot_read
from ..fs import atomic_write
from .model import Catalog, Entry

WRAP = 79  # GNU gettext's default, so our files diff cleanly against msgcat/msgmerge output.

# Characters gettext cannot carry: NUL ends a C string; EOT separates msgctxt from msgid in .mo
# files, so msgfmt rejects it in any string.
UNSTORABLE = {"\x00": "NUL", "\x04": "EOT (context separator)"}

_BROKEN_HINT = "fix the file by hand or restore it from version control; l10n will not overwrite it"


# --- reading -------------------------------------------------------------------------------------


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

    For callers that must know exactly which bytes they parsed (to detect a later change).
    polib parses the text once; every check below works on that one parse.
    """
    text = _decode(data, shown)
    _check_syntax(text, shown)
    po = _parse(text, shown)
    _check_charset(po, text, shown)
    _check_entries(po, text, shown)
    return Catalog(dict(po.metadata), tuple(_from_polib(e) for e in po), po.header)


def _decode(data: bytes, shown: str) -> str:
    """The text of a catalog file: UTF-8, line ends made ``\\n``, no NUL byte."""
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
    return text


_LINE = re.compile(r"\(line (\d+)\)")


def _parse(text: str, shown: str) -> polib.POFile:
    """polib's one parse of ``text``; its errors become a :class:`CatalogError` with the line."""
    try:
        # polib's own duplicate check compares each entry with every other (quadratic); ours is a
        # dict, in :func:`_check_entries`.
        return polib.pofile(_PoText(_gettext_escapes(text)), wrapwidth=WRAP)
    except (OSError, ValueError) as exc:  # polib signals a syntax error with OSError
        found = _LINE.search(str(exc))
        message = str(exc).split(" (line")[0].replace(" in po file", "").strip().rstrip(":")
        raise CatalogError(
            f"broken catalog: {message[:1].lower()}{message[1:]}",
            path=shown,
            line=int(found.group(1)) if found else None,
            hint=_BROKEN_HINT,
        ) from None


def _check_charset(po: polib.POFile, text: str, shown: str) -> None:
    charset = po.metadata.get("Content-Type", "charset=UTF-8").partition("charset=")[2].strip()
    if charset and charset.upper() not in ("UTF-8", "CHARSET"):
        raise CatalogError(f"declares charset {charset}, l10n writes UTF-8", path=shown, line=_header_line(text, "Content-Type"), hint="set 'Content-Type: text/plain; charset=UTF-8' and re-save as UTF-8")


def _check_entries(po: polib.POFile, text: str, shown: str) -> None:
    """Refuse duplicates, msgfmt's newline mismatches and unstorable characters, at their lines."""
    first: dict[tuple, int] = {}
    for e in po:
        key = (e.msgctxt, e.msgid, bool(e.obsolete))
        if key in first:
            raise CatalogError(
                f"duplicate entry {e.msgid[:60]!r} (first at line {first[key]})",
                path=shown,
                line=e.linenum,
                hint="delete one of the two entries; gettext allows each message once",
            )
        first[key] = e.linenum
        if e.msgstr and not e.obsolete:
            _check_newlines(e, shown)
        _check_storable(e, shown, text)


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
                hint=_BROKEN_HINT,
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
    """Rewrite \\a, \\xHH and octal escapes in PO strings into what polib reads (comments untouched).

    Each line stays one line, so polib's line numbers are the file's.
    """
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
        line=e.linenum,
    )


# --- writing -------------------------------------------------------------------------------------


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


def _to_polib(e: Entry) -> _Entry:
    return _Entry(
        msgid=e.msgid,
        msgstr=e.msgstr,
        msgctxt=e.msgctxt,
        flags=(["fuzzy"] if e.fuzzy else []) + list(e.flags),
        comment=e.comment,
        tcomment=e.tcomment,
        occurrences=list(e.occurrences),
        previous_msgid=e.previous_msgid,
        previous_msgctxt=e.previous_msgctxt,
        obsolete=e.obsolete,
        msgid_plural=e.msgid_plural or "",
        msgstr_plural=dict(e.msgstr_plural),
    )


def render(catalog: Catalog) -> str:
    """The PO text of ``catalog``; raises :class:`CatalogError` for text gettext cannot carry."""
    check_writable(catalog)
    po = polib.POFile(wrapwidth=WRAP)
    po.header = catalog.header_comment
    po.metadata = dict(catalog.header)
    po.extend(_to_polib(e) for e in catalog.entries)
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
