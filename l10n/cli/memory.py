"""``l10n tm`` and ``l10n cache``: what l10n keeps besides the catalogs (translation memory, the MT cache)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import HELP, LangOpt, ProjectOpt, _project, app

tm_app = typer.Typer(help="Translation memory: export approved translations as TMX, import TMX or PO.", **HELP)
app.add_typer(tm_app, name="tm")


@tm_app.command("export")
def tm_export(
    output: Annotated[Path, typer.Argument(metavar="FILE", help="TMX file to write.")],
    fmt: Annotated[str, typer.Option("--format", metavar="tmx", show_default=False, help="Output format (only tmx, the default).")] = "tmx",
    lang: LangOpt = None,
    project: ProjectOpt = Path("."),
) -> None:
    """Write every approved translation of the project (and [memory] files) as a TMX file."""
    from ..errors import ConfigError
    from ..tm import build_memory, write_tmx

    if fmt != "tmx":
        raise ConfigError(f"unknown format {fmt!r}", hint="use --format tmx")
    p = _project(project)
    count = write_tmx(output, build_memory(p, p.config.chosen_languages(lang)), p.config.source_language)
    typer.echo(f"{output}: {count} translation units")


@tm_app.command("import")
def tm_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="TMX or PO file to add to the memory.")],
    into: Annotated[Path, typer.Option("--into", metavar="FILE", help="Memory file (TMX) inside the project: under memory/ (read by default) or listed in [memory] files.")] = Path("memory/imported.tmx"),
    project: ProjectOpt = Path("."),
) -> None:
    """Add the translations of a TMX or PO file to the project's memory: the next translate uses them."""
    from ..tm import import_units, memory_use

    p = _project(project)
    dest = p.config.inside(into, "--into")
    used = memory_use(p, dest)
    count = import_units(p, file, dest)
    typer.echo(f"{p.display(dest)}: {count} translation units; l10n translate uses them ({used})")


cache_app = typer.Typer(help="The machine-translation cache under .l10n/.", **HELP)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear(project: ProjectOpt = Path(".")) -> None:
    """Delete the translation cache: the next run asks the engine again."""
    from ..cache import TranslationCache

    count = TranslationCache.for_state(_project(project).config.state_path).clear()
    typer.echo(f"Translation cache cleared ({count} entries).")
