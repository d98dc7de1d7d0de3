"""A project on disk: its config, source documents and catalog paths.

The one place that knows the folder layout: ``source/<name>.md`` ->
``locales/templates/<name>.pot`` and ``locales/<lang>/<name>.po``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .catalog import Catalog, parse_catalog
from .config import Config, find_root, load_config, locate_root
from .errors import CatalogError, SourceError, cannot_read
from .languages import get_language
from .model import Document
from .segment import Splitter, get_splitter
from .segment.settings import extra_abbreviations, extra_starters
from .sources import find_sources, read_document


@dataclass(frozen=True)
class Project:
    """A configured project rooted at ``config.root``."""

    config: Config

    @classmethod
    def open(cls, root: Path | str = ".") -> "Project":
        """Load the project whose ``l10n.toml`` is in ``root`` (and check the environment it runs in)."""
        from .environment import check_environment

        config = load_config(root)
        check_environment()
        return cls(config)

    @classmethod
    def find(cls, start: Path | str = ".") -> "Project":
        """Load the project whose ``l10n.toml`` is in ``start`` or the nearest folder above it."""
        return cls.open(find_root(start))

    @classmethod
    def find_optional(cls, start: Path | str = ".") -> "Project | None":
        """:meth:`find`, or None outside a project (for commands that also work without one)."""
        root = locate_root(start)
        return None if root is None else cls.open(root)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def splitter(self) -> Splitter:
        return get_splitter(self.config.source_language, extra_abbreviations(self.config), extra_starters(self.config))

    def display(self, path: Path) -> str:
        """``path`` relative to the project root, for messages and references."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    def source_files(self) -> list[Path]:
        """Every source file, sorted; two files that would share one catalog are refused."""
        paths = find_sources(self.config.inside(Path(self.config.source_dir), "[project] source_dir"))
        seen: dict[str, Path] = {}
        for path in paths:
            name = self.doc_name(path)
            if name in seen:
                raise SourceError(
                    f"{self.display(seen[name])} and {self.display(path)} would share one catalog ({name}.po)",
                    path=self.display(path),
                    hint="rename one of the two files; each source needs its own name without the suffix",
                )
            seen[name] = path
        return paths

    def doc_name(self, path: Path) -> str:
        """The catalog name of a source file: its path in the source folder without suffix."""
        try:
            rel = path.resolve().relative_to(self.config.source_path.resolve())
        except ValueError:
            # A symlink out of the project would make l10n read, and name catalogs after, a
            # file it does not own.
            raise SourceError(
                "lies outside the source folder (a link to somewhere else?)",
                path=self.display(path),
                hint="copy the file into the source folder instead of linking it",
            ) from None
        return rel.with_suffix("").as_posix()

    def load(self, path: Path) -> Document:
        """Read and segment one source file."""
        return read_document(path, self.root, self.splitter, self.doc_name(path))

    def documents(self) -> Iterator[Document]:
        """Every source document, read lazily one at a time (memory stays flat)."""
        for path in self.source_files():
            yield self.load(path)

    def template_path(self, name: str) -> Path:
        return self.config.locales_path / "templates" / f"{name}.pot"

    def catalog_path(self, name: str, lang: str) -> Path:
        return self.config.locales_path / lang / f"{name}.po"

    def read(self, path: Path, lang: str | None = None) -> Catalog | None:
        """Read a catalog if it exists; check that its ``Language`` belongs in ``lang``'s folder."""
        found = self.read_with_bytes(path, lang)
        return None if found is None else found[0]

    def read_with_bytes(self, path: Path, lang: str | None = None) -> tuple[Catalog, bytes] | None:
        """:meth:`read`, and the bytes it parsed (a release's checksum, without reading again)."""
        if not path.exists():
            return None
        shown = self.display(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise cannot_read(exc, shown, CatalogError) from None
        catalog = parse_catalog(data, shown)
        if lang is not None:
            declared = catalog.header.get("Language", "")
            if declared and declared.replace("-", "_").split("_")[0].lower() != lang:
                raise CatalogError(
                    f"header says Language: {declared}, but the file is in the {lang!r} folder",
                    path=shown,
                    hint=f"set 'Language: {get_language(lang).gettext}' or move the file",
                )
        return catalog, data

def splitter_for(lang: str | None, project: Project | None) -> Splitter:
    """The splitter ``translate`` uses for ``lang`` (default: the project's source language, else
    German): with the project's ``[segment]`` additions for its source language.
    """
    source = project.config.source_language if project is not None else "de"
    lang = lang or source
    get_language(lang, "--lang")
    return project.splitter if project is not None and lang == source else get_splitter(lang)
