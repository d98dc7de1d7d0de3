"""The multilingual press kit: every release in every ready language, as pages, an index, a
manifest and one reproducible zip. See :func:`build_kit`."""

from .build import KitReport, LanguageResult, build_kit, decide

__all__ = ["KitReport", "LanguageResult", "build_kit", "decide"]
