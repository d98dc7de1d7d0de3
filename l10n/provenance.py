"""Where a translation came from: the ``# mt:`` and ``# tm:`` lines of a catalog entry.

One value, one writer (:meth:`Provenance.render`), one reader (:meth:`Provenance.parse`). The line
of a machine suggestion names engine, model(s) and date, how a pivot started, and a short hash of
the wording the machine wrote::

    # mt: argos; translate-de_en-1.9 (beam 4, lp 0.2, max 256); 2026-11-30; sha=3f2a9c01
    # mt: argos; translate-en_zh-1.9 (beam 4, lp 0.2, max 256); 2026-11-30; via en (reviewed); sha=...
    # tm: locales/en/release.po

The hash tells whether a translator has changed the text since: a changed entry is a person's
translation, however it started (:meth:`Provenance.is_machine_text`). Lines written before the hash
existed (``engine; model; date[; via ...]``) are read too; their text is taken to be the machine's.

>>> p = Provenance.machine("pseudo", "pseudo-en v1", "2026-11-30", "[Ĥéļļö]")
>>> p.render()
'mt: pseudo; pseudo-en v1; 2026-11-30; sha=900f3ca3'
>>> Provenance.parse(p.render()) == p
True
>>> p.is_machine_text("[Ĥéļļö]"), p.is_machine_text("Hello")
(True, False)
>>> Provenance.parse("mt: argos; a + b; 2026-01-02; via en (machine)").via
'en (machine)'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

MT_PREFIX = "mt:"  # translator-comment line: a machine suggestion
TM_PREFIX = "tm:"  # translator-comment line: a translation reused from memory
SHA_LENGTH = 8


def text_hash(text: str) -> str:
    """A short, stable hash of a translation's wording (hex SHA-256, first 8 digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:SHA_LENGTH]


@dataclass(frozen=True)
class Provenance:
    """How an entry's translation was made: by an engine (``kind`` "mt") or from memory ("tm").

    ``engine``, ``model``, ``date`` and ``via`` (``"en (reviewed)"``: the pivot text and how it was
    made) describe a machine suggestion; ``origin`` names the memory file of a reused one; ``sha``
    is :func:`text_hash` of the text as it was written, None in old comments.
    """

    kind: str
    engine: str = ""
    model: str = ""
    date: str = ""
    via: str | None = None
    origin: str = ""
    sha: str | None = None

    @classmethod
    def machine(cls, engine: str, model: str, date: str, text: str, via: str | None = None) -> "Provenance":
        """The provenance of ``text`` just written by ``engine``."""
        return cls("mt", engine, model, date, via, sha=text_hash(text))

    @classmethod
    def memory(cls, origin: str, text: str) -> "Provenance":
        """The provenance of ``text`` just taken from the memory file ``origin``."""
        return cls("tm", origin=origin, sha=text_hash(text))

    def render(self) -> str:
        """The comment line (without ``# ``)."""
        sha = [f"sha={self.sha}"] if self.sha else []
        if self.kind == "tm":
            return f"{TM_PREFIX} {'; '.join([self.origin, *sha])}"
        via = [f"via {self.via}"] if self.via else []
        return f"{MT_PREFIX} {'; '.join([self.engine, self.model, self.date, *via, *sha])}"

    @classmethod
    def parse(cls, line: str) -> "Provenance | None":
        """The provenance a comment line records, or None if it records none."""
        line = line.strip()
        kind = "mt" if line.startswith(MT_PREFIX) else "tm" if line.startswith(TM_PREFIX) else None
        if kind is None:
            return None
        parts = [p.strip() for p in line[len(MT_PREFIX) :].split(";")]
        sha = next((p[4:] for p in parts if p.startswith("sha=")), None)
        parts = [p for p in parts if not p.startswith("sha=")]
        if kind == "tm":
            return cls("tm", origin="; ".join(parts), sha=sha)
        via = next((p[4:] for p in parts[3:] if p.startswith("via ")), None)
        engine, model, date = (parts + ["", "", ""])[:3]
        return cls("mt", engine, model, date, via, sha=sha)

    def is_machine_text(self, text: str) -> bool:
        """Whether ``text`` is still what was written (True for old comments without a hash)."""
        return self.sha is None or self.sha == text_hash(text)


def find(tcomment: str, kind: str | None = None) -> Provenance | None:
    """The (last) provenance in a translator comment, of ``kind`` if given."""
    found = None
    for line in tcomment.splitlines():
        p = Provenance.parse(line)
        if p is not None and (kind is None or p.kind == kind):
            found = p
    return found


def replace_line(tcomment: str, provenance: Provenance | None) -> str:
    """``tcomment`` with its provenance lines (``mt:`` and ``tm:``) replaced by ``provenance``."""
    lines = [ln for ln in tcomment.splitlines() if Provenance.parse(ln) is None]
    if provenance is not None:
        lines.append(provenance.render())
    return "\n".join(lines)
