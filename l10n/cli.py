"""The ``l10n`` command line: each command is a thin layer over one library call.

Library errors (:class:`~l10n.errors.L10nError`) become one line on stderr and exit code 1.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import L10nError

app = typer.Typer(
    help="Offline translation of German press releases into reviewed gettext catalogs and localized releases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ProjectOpt = Annotated[Path, typer.Option("--project", "-C", help="Project folder (holds l10n.toml).")]
LangOpt = Annotated[Optional[list[str]], typer.Option("--lang", "-l", help="Target language; repeat for several. Default: all in l10n.toml.")]


def _project(root: Path):
    from .project import Project

    return Project.open(root)


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def translate(
    lang: LangOpt = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="Engine name (default: [translate] engine).")] = None,
    project: ProjectOpt = Path("."),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore and do not fill the translation cache.")] = False,
) -> None:
    """Extract templates from source/, merge them into the catalogs and machine-translate what is new."""
    from .translate import translate_project

    reports = translate_project(_project(project), lang, engine, use_cache=not no_cache)
    changed = False
    for r in reports:
        if r.lang is None:
            if r.written:
                typer.echo(f"{r.path}: template updated")
                changed = True
            continue
        parts = [f"{n} {label}" for n, label in ((r.machine, "machine-translated"), (r.fuzzy_matched, "fuzzy-matched"), (r.obsoleted, "obsolete"), (r.revived, "revived")) if n]
        if r.written:
            changed = True
            typer.echo(f"{r.path}: {', '.join(parts) or 'updated'}")
    if not changed:
        typer.echo("Nothing to do: every catalog is up to date.")


@app.command()
def status(
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    project: ProjectOpt = Path("."),
) -> None:
    """Show per document and language: entries, approved, fuzzy, untranslated, obsolete, percent."""
    from .status import project_status

    stats = project_status(_project(project), lang)
    if as_json:
        typer.echo(json.dumps([s.as_dict() for s in stats], ensure_ascii=False, indent=2))
        return
    header = f"{'document':30} {'lang':4} {'entries':>7} {'approved':>8} {'fuzzy':>5} {'untransl.':>9} {'obsolete':>8} {'%':>6}"
    typer.echo(header)
    for s in stats:
        typer.echo(f"{s.document:30} {s.lang:4} {s.entries:7} {s.approved:8} {s.fuzzy:5} {s.untranslated:9} {s.obsolete:8} {s.percent:6.1f}")


@app.command()
def release(
    include_fuzzy: Annotated[bool, typer.Option("--include-fuzzy", help="Use fuzzy (machine, unreviewed) translations too.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Output folder (default: [release] out_dir).")] = None,
    project: ProjectOpt = Path("."),
) -> None:
    """Rebuild every source document in every target language into DIR/<lang>/<file>."""
    from .assemble import release as build

    for f in build(_project(project), out, include_fuzzy or None):
        note = f" ({f.fallback} sentences left in the source language)" if f.fallback else ""
        typer.echo(f"{f.path}: {f.translated} translated{note}")


@app.command()
def segment(
    file: Annotated[str, typer.Argument(help="A text file, or - for standard input.")] = "-",
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language of the text.")] = "de",
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"sentences\": [{text, start, end}]}.")] = False,
) -> None:
    """Split a text into sentences and show them with their character offsets."""
    from .segment import get_splitter
    from .sources import decode

    if file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data, name = Path(file).read_bytes(), file
        except OSError as exc:
            raise L10nError(f"cannot read: {exc.strerror}", path=file) from None
    text, _ = decode(data, name)
    spans = get_splitter(lang).split(text)
    if as_json:
        sentences = [{"text": text[s.start : s.end], "start": s.start, "end": s.end} for s in spans]
        typer.echo(json.dumps({"sentences": sentences}, ensure_ascii=False))
        return
    for s in spans:
        typer.echo(f"{s.start:>6}-{s.end:<6} {text[s.start:s.end]}")


cache_app = typer.Typer(help="The machine-translation cache under .l10n/.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear(project: ProjectOpt = Path(".")) -> None:
    """Delete the translation cache: the next run asks the engine again."""
    from .cache import TranslationCache

    count = TranslationCache.for_state(_project(project).config.state_path).clear()
    typer.echo(f"Translation cache cleared ({count} entries).")


models_app = typer.Typer(help="Installed Argos Translate model packages.", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list() -> None:
    """Installed packages: pair, version, path."""
    from .engines.argos import installed_packages

    packages = installed_packages()
    for pkg in packages:
        typer.echo(f"{pkg.source}->{pkg.target}  {pkg.version:<8} {pkg.path}")
    if not packages:
        typer.echo("No Argos packages installed: `l10n models install FILE.argosmodel`.")


@models_app.command("install")
def models_install(archive: Annotated[Path, typer.Argument(help="An .argosmodel file.")]) -> None:
    """Check an .argosmodel archive, then install it (offline)."""
    from .models import install_archive

    info = install_archive(archive)
    typer.echo(f"Installed {info.source}->{info.target} {info.version} from {archive}.")


def main() -> None:
    """Console-script entry point: run the app, turning library errors into one clean line."""
    try:
        app()
    except L10nError as exc:
        _echo_err(f"error: {exc}")
        sys.exit(1)
    except KeyboardInterrupt:
        _echo_err("interrupted")
        sys.exit(130)
