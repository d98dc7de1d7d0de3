"""Extraction: a segmented :class:`~l10n.model.Document` becomes its template catalog (``.pot``).

One entry per sentence, in document order. The ``#.`` comment names the block kind and the stable
segment id (then any notes, such as glossary terms); the ``#:`` reference points at the source
file and line.
"""

from __future__ import annotations

from .catalog.header import template_header
from .catalog.model import Catalog, Entry
from .model import Document


def extracted_comment(kind: str, sid: str, notes: tuple[str, ...] = ()) -> str:
    """The ``#.`` comment l10n writes: block kind and stable segment id, then any notes.

    >>> print(extracted_comment("paragraph", "0123456789", ("Glossar: VIVO = VIVO",)))
    paragraph, id 0123456789
    Glossar: VIVO = VIVO
    """
    return "\n".join((f"{kind}, id {sid}", *notes))


def build_template(doc: Document, project: str, notes: dict | None = None) -> Catalog:
    """The template for ``doc``: one entry per sentence, in document order.

    ``notes`` maps a segment's key to extra ``#.`` comment lines for its entry; they follow the
    segment's own notes (its reader's: what each inline marker stands for).
    """
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
