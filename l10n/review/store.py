"""Reading and writing the entries a reviewer changes, one entry at a time.

Every entry has a stable ``id`` (a hash of its msgctxt and msgid) and a ``revision`` (a hash of
everything the file holds for it: text, fuzzy flag, flags, comments). A change names the revision
it was made on. It is written under the project lock (:mod:`l10n.lock`) after re-reading the
file, so a change to *another* entry made meanwhile (another tab, Poedit, ``l10n translate``) is
kept and merged; a change to *the same* entry makes the revision stale and raises
:class:`StaleRevision` carrying the entry as it is now, so nobody's work is overwritten. Per-entry
revisions, not one per file: two people reviewing different sentences of one release never block
each other.

Writes are rendered by :mod:`l10n.catalog` and replace the file atomically (:mod:`l10n.fs`); just
before the new file replaces the old one the bytes on disk are compared with the bytes that were
read, and a file that changed in between (an editor that does not take the lock) is read again
rather than overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple, dataclass, replace
from pathlib import Path

from ..catalog import UNSTORABLE, Catalog, Entry, parse_catalog, render, revised
from ..fs import atomic_write
from ..flags import IGNORE_PREFIX
from ..errors import CatalogError, L10nError, cannot_read
from ..lock import project_lock
from ..merge import SUGGESTION_PREFIX
from ..project import Project
from ..provenance import replace_line, text_hash

LOCK_WAIT = 10.0  # seconds a save waits for another run (l10n translate) to release the lock
ATTEMPTS = 5  # re-reads when the file keeps changing under an editor that does not lock


class UnknownEntry(L10nError):
    """The entry is not (or no longer) in the catalog: the source sentence changed or was removed."""


class StaleRevision(L10nError):
    """The entry changed since the reviewer read it; ``current`` is what the file holds now."""

    def __init__(self, message: str, current: Entry, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.current = current


def entry_id(entry: Entry) -> str:
    """The stable id of an entry: a hash of its msgctxt and msgid.

    >>> entry_id(Entry("Hallo.")) == entry_id(Entry("Hallo.", "Hello.", fuzzy=True))
    True
    """
    return hashlib.sha256(repr(entry.key).encode("utf-8")).hexdigest()[:12]


def revision(entry: Entry) -> str:
    """A hash of everything the file holds for ``entry``; any change to it gives a new one.

    Where the entry stands in the file is not part of it: a line added above leaves it as it was.

    >>> revision(Entry("Hallo.", "Hello.", line=5)) == revision(Entry("Hallo.", "Hello.", line=9))
    True
    >>> revision(Entry("Hallo.", "Hello.")) == revision(Entry("Hallo.", "Hello.", fuzzy=True))
    False
    """
    return hashlib.sha256(repr(astuple(replace(entry, line=None))).encode("utf-8")).hexdigest()[:16]


def file_revision(data: bytes) -> str:
    """A hash of a catalog file's bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Change:
    """What a reviewer does to one entry: new text and approval, or a finding to ignore."""

    msgstr: str | None = None  # None: keep the text
    approved: bool | None = None  # True clears fuzzy; False marks a translated entry fuzzy
    ignore: str | None = None  # a check name: add the flag ignore-<check>

    def apply(self, entry: Entry) -> Entry:
        """``entry`` with this change made; raises :class:`L10nError` for an impossible one."""
        msgstr = entry.msgstr if self.msgstr is None else self.msgstr
        _check_text(entry.msgid, msgstr, approving=bool(self.approved))
        fuzzy = entry.fuzzy if self.approved is None else not self.approved
        if msgstr and self.msgstr is not None and not entry.msgstr and self.approved is None:
            fuzzy = True  # new text saved without approval waits for review
        fuzzy = fuzzy and bool(msgstr)  # gettext: an untranslated entry is simply empty
        flags = entry.flags
        if self.ignore and f"{IGNORE_PREFIX}{self.ignore}" not in flags:
            flags = (*flags, f"{IGNORE_PREFIX}{self.ignore}")
        changed = replace(entry, msgstr=msgstr, fuzzy=fuzzy, flags=flags, tcomment=_keep_machine_text(entry, msgstr))
        if not fuzzy:  # approved: the old German shown for a changed sentence has done its job
            changed = replace(changed, previous_msgid=None, previous_msgctxt=None)
        return changed


def _check_text(msgid: str, msgstr: str, approving: bool) -> None:
    """Refuse a translation gettext cannot store or msgfmt would reject, before anything is written."""
    if approving and not msgstr.strip():
        raise L10nError("an empty translation cannot be approved", hint="type the translation first")
    bad = next((label for char, label in UNSTORABLE.items() if char in msgstr), None)
    if bad:
        raise L10nError(f"the translation contains a {bad} character, which gettext cannot store", hint="remove it")
    for where, test in (("begin", str.startswith), ("end", str.endswith)):
        if msgstr and test(msgid, "\n") != test(msgstr, "\n"):
            raise L10nError(f"the German and the translation must both {where} with a line break, or neither",
                            hint=f"make the translation {where} like the German")


def _keep_machine_text(entry: Entry, msgstr: str) -> str:
    """The translator comment of ``entry`` once its text becomes ``msgstr``.

    When a reviewer rewrites machine text, what the machine said is kept as an ``mt-suggestion:``
    line, to compare with and to copy back (not for a changed sentence: its text belongs to the old
    one), and the provenance line gets the hash of that text if it had none, so that the new text
    counts as a person's.
    """
    p = entry.provenance
    machine = entry.machine_text and not entry.previous_msgid and "\n" not in entry.msgstr
    if not machine or msgstr == entry.msgstr or SUGGESTION_PREFIX in entry.tcomment:
        return entry.tcomment
    tcomment = replace_line(entry.tcomment, p if p.sha else replace(p, sha=text_hash(entry.msgstr)))
    return "\n".join(filter(None, [tcomment, f"{SUGGESTION_PREFIX} {entry.msgstr}"]))


@dataclass(frozen=True)
class Snapshot:
    """A catalog as read from disk, with the bytes' hash to detect a later change."""

    path: Path
    catalog: Catalog
    revision: str

    def find(self, wanted: str) -> Entry:
        """The active entry with id ``wanted``; raises :class:`UnknownEntry`."""
        for entry in self.catalog.active:
            if entry.msgid and entry_id(entry) == wanted:
                return entry
        raise UnknownEntry(f"no entry with id {wanted}", path=self.path.name,
                           hint="the sentence changed or was removed; reload the page")


def read_snapshot(project: Project, path: Path) -> Snapshot:
    """Read the catalog at ``path`` (a catalog of ``project``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(exc, project.display(path), CatalogError) from None
    return Snapshot(path, parse_catalog(data, project.display(path)), file_revision(data))


def update_entry(project: Project, path: Path, wanted: str, seen: str, change: Change) -> Entry:
    """Make ``change`` to the entry ``wanted`` of the catalog at ``path``; return the entry written.

    ``seen`` is the revision of the entry the reviewer changed. Raises :class:`StaleRevision` if the
    entry on disk is no longer that one, :class:`~l10n.lock.LockedError` if another run holds the
    project lock for longer than :data:`LOCK_WAIT`.
    """
    with project_lock(project.config.state_path, wait=LOCK_WAIT, what="l10n review"):
        for _ in range(ATTEMPTS):
            snap = read_snapshot(project, path)
            current = snap.find(wanted)
            if revision(current) != seen:
                raise StaleRevision("this sentence was changed elsewhere since you read it", current,
                                    path=project.display(path), hint="compare both versions, then save again")
            updated = change.apply(current)
            if updated == current:
                return current
            entries = tuple(updated if e is current else e for e in snap.catalog.entries)
            data = render(revised(replace(snap.catalog, entries=entries))).encode("utf-8")
            if _unchanged(path, snap.revision):
                atomic_write(path, data)
                return updated
    raise CatalogError("keeps changing on disk; nothing was written", path=project.display(path),
                       hint="close the other editor's unsaved changes, then save again")


def _unchanged(path: Path, seen: str) -> bool:
    """Whether the file still holds the bytes whose hash is ``seen``."""
    try:
        return file_revision(path.read_bytes()) == seen
    except OSError:
        return False
