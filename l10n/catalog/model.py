"""The catalog model: :class:`Entry` and :class:`Catalog` values, keyed by ``(msgctxt, msgid)``.

No I/O and no polib here; :mod:`l10n.catalog.po` reads and writes these values as PO files.

>>> entry = Entry("Hallo.", "Hello.", fuzzy=True)
>>> entry.key, entry.translated, entry.approved
((None, 'Hallo.'), True, False)
>>> Catalog({}, (entry,)).get((None, "Hallo.")) is entry
True
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..provenance import Provenance, find as find_provenance, replace_line


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
    # Where the entry begins in the file it was read from (its first line, comments included), for
    # messages; None for an entry l10n made. Not content: two entries that differ only here are equal.
    line: int | None = field(default=None, compare=False)

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
        """Everything but the dates that change on each write: equal content means no write.

        >>> a = Catalog({"PO-Revision-Date": "2026-01-01 00:00+0000"}, (Entry("Hallo.", line=7),))
        >>> a.content() == Catalog({"PO-Revision-Date": "2026-11-30 09:00+0000"}, (Entry("Hallo."),)).content()
        True
        """
        volatile = {"POT-Creation-Date", "PO-Revision-Date"}
        return (tuple((k, v) for k, v in self.header.items() if k not in volatile), self.entries, self.header_comment)
