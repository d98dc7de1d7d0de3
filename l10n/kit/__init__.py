"""The multilingual press kit: every release in every ready language, as pages, an index, a
manifest and one reproducible zip, written by :class:`KitWriter` from the one release pass
(:mod:`l10n.release`)."""

from .build import KitReport, KitWriter, LanguageResult, build_kit

__all__ = ["KitReport", "KitWriter", "LanguageResult", "build_kit"]
