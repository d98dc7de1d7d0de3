"""The ``l10n`` command line: each command is a thin layer over one library call.

Library errors (:class:`~l10n.errors.L10nError`) become one line on stderr and exit code 1.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import DEVICES
from ..errors import ConfigError, L10nError

# Help is plain text: Rich markup would eat every "[translate]" section name as a style tag, and
# Rich panels show a "<bool>" value for flags. Every option names its value (metavar).
HELP = {"rich_markup_mode": None, "no_args_is_help": True}

app = typer.Typer(
    help="Offline translation of German press releases into reviewed gettext catalogs and localized releases.",
    add_completion=False,
    pretty_exceptions_enable=False,
    **HELP,
)

ProjectOpt = Annotated[Path, typer.Option("--project", "-C", metavar="DIR", show_default=False,
                                          help="Start looking for l10n.toml here (default: the current folder), then in the folders above.")]
LangOpt = Annotated[Optional[list[str]], typer.Option("--lang", "-l", metavar="LANG", help="Target language; repeat for several. Default: all in l10n.toml.")]


def _project(start: Path):
    """The project of ``start`` or a folder above it (an error saying how to start one if none)."""
    from ..project import Project

    return Project.find(start)


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _progress_bar():
    """A rich progress bar with sentences per second on stderr, or nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    class Rate(TextColumn):
        def render(self, task):  # sentences per second, not rich's bytes or items
            speed = task.finished_speed or task.speed
            return super().render(task) if speed is None else f"{speed:,.1f} sentences/s"

    columns = (TextColumn("machine translation"), BarColumn(), MofNCompleteColumn(), Rate(""), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("mt", total=None)

        def advance(finished: int, queued: int) -> None:
            bar.update(task, total=(bar.tasks[0].total or 0) + queued, advance=finished)

        yield advance


@app.command()
def translate(
    lang: LangOpt = None,
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", metavar="NAME", help="Engine: argos, pseudo or a plug-in (default: [translate] engine).")] = None,
    wait: Annotated[float, typer.Option("--wait", metavar="SECONDS", show_default=False, help="Seconds to wait for another run on this project to finish (default: stop at once).")] = 0.0,
    project: ProjectOpt = Path("."),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore and do not fill the translation cache.")] = False,
    device: Annotated[Optional[str], typer.Option("--device", metavar="cpu|cuda|auto", help="Where Argos models run: cpu, cuda or auto (default: [translate] device, cpu).")] = None,
) -> None:
    """Extract templates from source/, merge them into the catalogs and machine-translate what is new."""
    from ..lock import project_lock
    from ..translate import translate_project, waiting

    proj = _project(project)
    with project_lock(proj.config.state_path, wait=wait):
        if device is not None and device not in DEVICES:
            raise ConfigError(f"--device must be one of {', '.join(DEVICES)}, not {device!r}")
        with _progress_bar() as progress:
            reports = translate_project(proj, lang, engine, use_cache=not no_cache, device=device, progress=progress)
    changed = False
    for r in reports:
        for warning in r.warnings:
            _echo_err(f"warning: {warning}")
        if r.lang is None:
            if r.written:
                typer.echo(f"{r.path}: template updated")
                changed = True
            continue
        parts = [f"{n} {label}" for n, label in ((r.machine, "machine-translated"), (r.memory, "from memory"), (r.fuzzy_matched, "fuzzy-matched"), (r.obsoleted, "obsolete"), (r.revived, "revived"), (r.suggested, "with a fresh machine suggestion"), (r.suggestions_skipped, "without suggestion (engine unavailable)")) if n]
        if r.written:
            changed = True
            typer.echo(f"{r.path}: {', '.join(parts) or 'updated'}")
    # No model: the sentences wait, the command succeeds (a press kit is built from what is reviewed).
    waits = waiting(reports, proj.config.source_language)
    for line in waits:
        typer.echo(line)
    if not changed and not waits:
        typer.echo("Nothing to do: every catalog is up to date.")


@app.command()
def status(
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    project: ProjectOpt = Path("."),
) -> None:
    """Show per document and language: entries, approved, fuzzy, untranslated, obsolete, percent."""
    from ..status import project_status

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
    include_fuzzy: Annotated[bool, typer.Option("--include-fuzzy", help="Use fuzzy (machine, unreviewed) translations too; the press kit becomes a draft.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", metavar="DIR", help="Output folder (default: [release] out_dir).")] = None,
    threshold: Annotated[Optional[int], typer.Option("--threshold", metavar="PERCENT", min=0, max=100, help="Percent of approved sentences a language needs to ship in the press kit (default: [release] threshold, 100).")] = None,
    project: ProjectOpt = Path("."),
) -> None:
    """Rebuild every source document in every target language into DIR/<lang>/<file>, and the press kit DIR/<kit name>/."""
    from ..lock import project_lock
    from ..release import release as build

    opened = _project(project)
    # The lock: two releases at once would swap the same output folders under each other.
    with project_lock(opened.config.state_path, what="l10n release"):
        done = build(opened, out, threshold=threshold, include_fuzzy=include_fuzzy or None)
    for f in done.files:
        note = f" ({f.fallback} sentences left in the source language)" if f.fallback else ""
        typer.echo(f"{f.path}: {f.translated} translated{note}")
    kit = done.kit
    for r in kit.results:
        if r.reason:
            typer.echo(f"press kit: {r.document} [{r.lang}] omitted: {r.reason}")
    for note in kit.notes:
        typer.echo(f"press kit: {note}")
    draft = " (draft: machine translation, not reviewed)" if kit.draft else ""
    typer.echo(f"{kit.folder}/: press kit{draft}; archive {kit.archive}; team status {kit.status_page}")


@app.command()
def segment(
    file: Annotated[str, typer.Argument(metavar="FILE", show_default=False, help="A source file (.md, .txt, .docx) or any text file, or - for standard input (the default).")] = "-",
    lang: Annotated[Optional[str], typer.Option("--lang", "-l", metavar="LANG", help="Language of the text (default: the project's source language, else de).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print {\"sentences\": [{text, start, end}]}.")] = False,
    project: ProjectOpt = Path("."),
) -> None:
    """Split a text into sentences and show them with their character offsets.

    A source file (.md, .txt, .docx) is cut exactly as `l10n translate` cuts it: front matter and
    Markdown markers are no sentences, a Word file shows its text with inline markers. Inside a project, its source language is split with the
    project's [segment] additions. Works outside a project too.
    """
    from ..errors import cannot_read
    from ..project import Project, splitter_for
    from ..sources import segment_text

    splitter = splitter_for(lang, Project.find_optional(project))
    if file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        try:
            data, name = Path(file).read_bytes(), file
        except OSError as exc:
            raise cannot_read(exc, file) from None
    text, spans = segment_text(data, name, splitter)
    if as_json:
        sentences = [{"text": text[s.start : s.end], "start": s.start, "end": s.end} for s in spans]
        typer.echo(json.dumps({"sentences": sentences}, ensure_ascii=False))
        return
    for s in spans:
        typer.echo(f"{s.start:>6}-{s.end:<6} {text[s.start:s.end]}")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", show_default=False, help="Folder of the new project (default: the current folder; created if need be).")] = Path("."),
    name: Annotated[Optional[str], typer.Option("--name", metavar="NAME", help="Project name, in every catalog (default: the folder's name).")] = None,
) -> None:
    """Start a project: l10n.toml (commented), source/, locales/, glossary.csv and a README for the press office.

    Refuses a folder that already has an l10n.toml; other files already there are kept as they are.
    """
    from ..scaffold import init_project

    made = init_project(folder, name)
    for path in made.kept:
        typer.echo(f"{path}: kept as it was")
    typer.echo(f"{made.root}: new l10n project; put a release into source/ and run `l10n translate`")


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM. A BaseException like KeyboardInterrupt, so every ``finally`` and atomic
    write unwinds cleanly, but our own: Typer would turn KeyboardInterrupt into a silent exit."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:
    raise Interrupted(signum)


@app.command()
def check(
    files: Annotated[Optional[list[Path]], typer.Argument(metavar="FILE", show_default=False, help="PO files to check (default: every catalog of the project).")] = None,
    lang: LangOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    everything: Annotated[bool, typer.Option("--all", help="Let errors in unreviewed (fuzzy) entries fail the check too.")] = False,
    project: ProjectOpt = Path("."),
) -> None:
    """Check approved and fuzzy entries: numbers, names, glossary, language, loops, length, punctuation, markup.

    Exits with 1 if an approved entry (what a release uses) has an error; findings on unreviewed
    entries are listed "to review" and do not fail unless --all is given. Disable checks or change
    severities under [checks]; silence one check on one entry with the flag ignore-<check>.
    """
    from ..checks import check_project, gates, summary

    opened = _project(project)
    findings = check_project(opened, [f.resolve() for f in files or []], lang)
    _dictionary_note(opened)
    counts, review = summary(findings, "approved"), summary(findings, "review")
    if as_json:
        data = {"findings": [f.as_dict() for f in findings], "summary": counts, "to_review": review, "gate": "all" if everything else "approved"}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for f in findings:
            if f.group == "approved":
                typer.echo(str(f))
        if any(f.group == "review" for f in findings):
            typer.echo("to review (unreviewed suggestions, not in a release):")
            for f in findings:
                if f.group == "review":
                    typer.echo(f"  {f}")

        def plural(c: dict[str, int]) -> str:
            return ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in c.items())

        typer.echo(plural(counts) + (f"; to review: {plural(review)}" if any(review.values()) else ""))
    if any(gates(f, everything) for f in findings):
        raise typer.Exit(1)


def _dictionary_note(project) -> None:
    """One line on stderr, after the findings, when the `content` check had no dictionary."""
    from ..lexicon import DING_ENV, installed

    if "content" in project.config.section("checks")["disable"] or project.config.source_language != "de":
        return
    if not installed():
        _echo_err(f"note: the content check is off: no German-English dictionary (apt-get install trans-de-en, or set {DING_ENV})")


@app.command()
def review(
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on (0: any free port).")] = 8765,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; keep 127.0.0.1 unless you know why.")] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser", help="Print the address only; do not open a browser.")] = False,
    project: ProjectOpt = Path("."),
) -> None:
    """Review translations in the browser: queue, German beside the translation, findings, preview.

    Serves a local page (offline) until Ctrl-C; every approval or edit is written to the PO file at once.
    """
    from ..review.server import ReviewServer

    server = ReviewServer.bind(_project(project), host, port)
    if not server.local:
        _echo_err(f"warning: listening on {host}, not only on this computer: anyone who can reach it and has the address can change the catalogs")
    typer.echo(f"Review {server.project.config.name} at {server.url}")
    typer.echo("The address holds a private token: do not share it. Ctrl-C stops the server.")
    server.run(open_browser=not no_browser)


def main() -> None:
    """Console-script entry point: run the app, turning library errors into one clean line."""
    import signal

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _on_signal)
    try:
        app()
    except L10nError as exc:
        _echo_err(f"error: {exc}")
        sys.exit(1)
    except OSError as exc:
        # A file operation the library did not expect to fail (a full disk, a read-only folder):
        # what was written is complete (atomic writes), so one line naming the file is enough.
        from ..errors import cannot_write

        _echo_err(f"error: {cannot_write(exc, exc.filename or '?')}")
        sys.exit(1)
    except Interrupted as exc:
        # Finished documents are already written (each chunk is written as soon as it is done),
        # so a re-run picks up where this one stopped.
        name = signal.Signals(exc.signum).name
        _echo_err(f"interrupted ({name}): what was finished is saved; run the command again to continue")
        sys.exit(128 + exc.signum)


# The command groups register themselves on ``app`` when imported.
from . import memory, models  # noqa: E402,F401
