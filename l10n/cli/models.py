"""``l10n models`` (install, list, remove translation models) and ``l10n eval`` (score one on a test set)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import DEVICES
from ..errors import ConfigError
from . import HELP, ProjectOpt, _project, app

@app.command("eval")
def eval_(
    lang: Annotated[str, typer.Option("--lang", "-l", help="Target language of the reference, e.g. en.")],
    source: Annotated[Path, typer.Option("--source", help="Source-language sentences, one per line.")],
    reference: Annotated[Path, typer.Option("--reference", help="Their reference translations, one per line, in the same order.")],
    engine: Annotated[Optional[str], typer.Option("--engine", "-e", help="Engine name (default: [translate] engine).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
    project: ProjectOpt = Path("."),
    device: Annotated[Optional[str], typer.Option("--device", help="Where Argos models run: cpu, cuda or auto (default: [translate] device, cpu).")] = None,
) -> None:
    """Translate a test set with the project's engine settings and score it: chrF, BLEU, glossary terms and numbers kept."""
    from ..quality import evaluate

    proj = _project(project)
    if device is not None and device not in DEVICES:
        raise ConfigError(f"--device must be one of {', '.join(DEVICES)}, not {device!r}")
    score = evaluate(proj, lang, source, reference, engine, device=device)
    if as_json:
        typer.echo(json.dumps(score.as_json(), ensure_ascii=False))
        return
    share = lambda value: "-" if value is None else f"{value:.0%}"  # noqa: E731
    typer.echo(f"{score.sentences} sentences, {proj.config.source_language}->{lang}, {score.engine}: {score.model}")
    typer.echo(f"chrF {score.chrf:.2f}  BLEU {score.bleu:.2f}")
    typer.echo(f"glossary terms kept {share(score.terms_kept)} of {score.terms}, numbers kept {share(score.numbers_kept)} of {score.numbers}")
    typer.echo(f"signature: {score.signature}")


models_app = typer.Typer(help="Installed Argos Translate model packages.", **HELP)
app.add_typer(models_app, name="models")


@models_app.command("list")
def models_list() -> None:
    """Installed packages: pair, version, tokenizer, size, path (the newest version of a pair is used); broken folders with what is wrong."""
    from ..engines.packages import scan_packages

    from ..engines.ct2models import installed_models

    folders, converted = scan_packages(), installed_models()
    if not folders and not converted:
        typer.echo("No models installed: `l10n models install FILE.argosmodel` (or a converted model's FOLDER).")
        return
    if folders:
        typer.echo(f"{'pair':<8} {'version':<8} {'tokenizer':<13} {'size':>9}  path")
    for folder in folders:
        pkg = folder.package
        if pkg is None:
            typer.echo(f"{'broken':<8} {'-':<8} {'-':<13} {'-':>9}  {folder.path} ({folder.problem}; 'l10n models remove {folder.path.name}')")
        else:
            typer.echo(f"{pkg.source + '->' + pkg.target:<8} {pkg.version:<8} {pkg.tokenizer:<13} {pkg.size / 2**20:>6.1f} MB  {pkg.path}")
    if converted:
        typer.echo(f"{'converted model':<28} {'family':<8} {'version':<8} pairs, path")
    for model in converted:
        pairs = " ".join(f"{s}->{t}" for s, t in model.pairs)
        typer.echo(f"{model.name:<28} {model.family:<8} {model.version:<8} {pairs}  {model.path}")


@models_app.command("install")
def models_install(
    what: Annotated[list[str], typer.Argument(metavar="FILE|PAIR", help="An .argosmodel file, or a language pair such as 'de en' (needs the internet).")],
) -> None:
    """Install a package: check an .argosmodel file and unpack it (offline), or fetch a pair from the Argos index."""
    from ..models import download_package, install_archive

    if len(what) == 1 and _is_converted(Path(what[0])):
        from ..engines.ct2models import install_converted

        model = install_converted(Path(what[0]))
        pairs = ", ".join(f"{s}->{t}" for s, t in model.pairs)
        typer.echo(f"Installed {model.name} {model.version} ({model.family}: {pairs}) from {what[0]}.")
        return
    if len(what) == 1:
        archive = Path(what[0])
    elif len(what) == 2 and not any(Path(w).suffix for w in what):
        archive = download_package(*what)
    else:
        raise ConfigError(f"expected FILE.argosmodel or a language pair, not {' '.join(what)!r}",
                          hint="l10n models install translate-de_en.argosmodel | l10n models install de en")
    info = install_archive(archive)
    typer.echo(f"Installed {info.source}->{info.target} {info.version} ({info.tokenizer} tokenizer) from {archive}.")


def _is_converted(path: Path) -> bool:
    """Whether ``path`` is a converted CTranslate2 model (a folder, or a zip of one, with l10n-model.json)."""
    import zipfile

    from ..engines.ct2models import DESCRIPTOR

    if path.is_dir():
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.count("/") == 1 and name.endswith("/" + DESCRIPTOR) for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


@models_app.command("remove")
def models_remove(
    what: Annotated[list[str], typer.Argument(help="A language pair such as 'de en', a converted model's name, or a folder name that 'l10n models list' shows.")],
) -> None:
    """Uninstall the package for a language pair, a converted model by name, or one (broken) package folder by name."""
    from ..engines.ct2models import models_dir, remove_converted
    from ..models import remove_folder, remove_package

    if len(what) == 1 and what[0] not in (".", "..") and (models_dir() / what[0]).is_dir():
        typer.echo(f"Removed {what[0]}: {remove_converted(what[0])}")
    elif len(what) == 1:
        typer.echo(f"Removed {remove_folder(what[0])}")
    elif len(what) == 2:
        for folder in remove_package(*what):
            typer.echo(f"Removed {what[0]}->{what[1]}: {folder}")
    else:
        raise ConfigError(f"expected a language pair or a folder name, not {' '.join(what)!r}",
                          hint="l10n models remove de en | l10n models remove NAME")
