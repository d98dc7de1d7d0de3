"""A command line that does not mislead: `l10n init`, finding l10n.toml upward, one-line messages
for wrong input (each with its test), help texts, and no folders outside the project."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from l10n.cli import app
from l10n.project import Project

from .conftest import REPO, SEED_DOC
from .test_docs import command_paths
from .test_robust import cli

NO_PROJECT = "no l10n.toml here or above (run `l10n init` to start a project)"


@pytest.fixture
def run_here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run the console entry point in this process, in a given folder: (exit code, stdout, stderr)."""

    def run(*args: str, cwd: Path) -> tuple[int, str, str]:
        monkeypatch.chdir(cwd)
        capsys.readouterr()
        return cli(capsys, *args)

    return run


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


# --- l10n init --------------------------------------------------------------------------------


def test_init_makes_a_project_that_every_command_works_in(tmp_path: Path, run_here):
    folder = tmp_path / "press office"
    code, out, err = run_here("init", str(folder), cwd=tmp_path)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [".gitignore", "README.md", "glossary.csv", "l10n.toml", "locales", "source"]
    toml = (folder / "l10n.toml").read_text(encoding="utf-8")
    assert 'name = "press office"' in toml and toml.count("\n#") >= 5  # commented
    assert (folder / "glossary.csv").read_text(encoding="utf-8") == "de,en,zh,note\n"
    assert "# press office" in (folder / "README.md").read_text(encoding="utf-8")
    project = Project.find(folder)
    assert project.config.target_languages == ("en", "zh")

    assert run_here("status", cwd=folder)[0] == 0  # no release yet: an empty table
    shutil.copy(REPO / "source" / f"{SEED_DOC}.md", folder / "source")
    code, out, err = run_here("translate", "--engine", "pseudo", cwd=folder / "source")  # from a folder below
    assert code == 0, err
    assert (folder / "locales" / "en" / f"{SEED_DOC}.po").is_file()
    code, out, err = run_here("status", "--json", cwd=folder)
    assert code == 0 and {r["lang"] for r in json.loads(out)} == {"en", "zh"}
    code, out, err = run_here("release", "--include-fuzzy", cwd=folder)
    assert code == 0, err
    assert (folder / "dist" / "en" / f"{SEED_DOC}.md").is_file()


def test_init_refuses_an_existing_project(tmp_path: Path, run_here):
    assert run_here("init", cwd=tmp_path)[0] == 0
    before = (tmp_path / "l10n.toml").read_bytes()
    code, out, err = run_here("init", cwd=tmp_path)
    assert code == 1
    assert one_error_line(err) == f"error: {tmp_path / 'l10n.toml'}: already a project: l10n.toml exists (edit it, or run `l10n init` in another folder)"
    assert (tmp_path / "l10n.toml").read_bytes() == before


def test_init_keeps_files_already_there(tmp_path: Path, run_here):
    (tmp_path / "README.md").write_text("our repository\n", encoding="utf-8")
    code, out, err = run_here("init", "--name", 'Pressestelle "Nord"', cwd=tmp_path)
    assert code == 0, err
    assert f"{tmp_path / 'README.md'}: kept as it was" in out
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "our repository\n"
    assert Project.find(tmp_path).config.name == 'Pressestelle "Nord"'


# --- a project is found upward, and needed ----------------------------------------------------

NEEDS_PROJECT = [
    ["status"], ["check"], ["translate", "--engine", "pseudo"], ["release"], ["cache", "clear"],
    ["tm", "export", "out.tmx"], ["tm", "import", "in.tmx"],
]


@pytest.mark.parametrize("args", NEEDS_PROJECT, ids=" ".join)
def test_outside_a_project_every_command_says_so_and_writes_nothing(tmp_path: Path, run_here, args: list[str]):
    (tmp_path / "in.tmx").write_text("<tmx/>", encoding="utf-8")
    code, out, err = run_here(*args, cwd=tmp_path)
    assert code == 1
    assert one_error_line(err) == f"error: {tmp_path}: {NO_PROJECT}"
    assert [p.name for p in tmp_path.iterdir()] == ["in.tmx"]


def test_project_option_starts_the_search_there(project_dir: Path, tmp_path: Path, run_here):
    code, out, err = run_here("status", "-C", str(project_dir / "locales" / "en"), cwd=tmp_path)
    assert code == 0 and SEED_DOC in out, err
    code, out, err = run_here("status", "-C", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert one_error_line(err) == f"error: {tmp_path / 'nowhere'}: folder not found"


def test_commands_that_need_no_project_work_outside_one(tmp_path: Path, run_here, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Am 3. Oktober kam er. Dann ging er.".encode())))
    code, out, err = run_here("segment", "--json", "-", cwd=tmp_path)
    assert code == 0 and len(json.loads(out)["sentences"]) == 2, err
    code, out, err = run_here("models", "list", cwd=tmp_path)
    assert code == 0 and "l10n models install" in out, err
    assert run_here("--help", cwd=tmp_path)[0] == 0
    assert list(tmp_path.iterdir()) == []


# --- --lang and --engine are always checked ---------------------------------------------------


@pytest.mark.parametrize("args", [["check", "--lang", "english"], ["status", "--lang", "english"],
                                  ["translate", "--engine", "pseudo", "--lang", "english"], ["tm", "export", "--lang", "english", "x.tmx"]], ids=" ".join)
def test_lang_must_be_a_target_language_of_the_project(project_dir: Path, run_here, args: list[str]):
    code, out, err = run_here(*args, cwd=project_dir)
    assert code == 1
    assert one_error_line(err) == f"error: {project_dir / 'l10n.toml'}: --lang 'english' is not a target language of this project (choose from: en, zh)"


def test_lang_of_segment_must_be_a_known_language(tmp_path: Path, run_here):
    code, out, err = run_here("segment", "--lang", "english", "-", cwd=tmp_path)
    assert code == 1
    assert one_error_line(err) == "error: --lang 'english' is not a language l10n knows (known languages: de, en, zh)"


def test_misspelt_engine_fails_even_with_nothing_to_translate(project_dir: Path, run_here):
    code, out, err = run_here("translate", "--engine", "psuedo", cwd=project_dir)  # every catalog is reviewed
    assert code == 1
    from l10n.engines import engine_names

    assert engine_names() == ["argos", "ct2", "libretranslate", "pseudo"]
    assert one_error_line(err) == f"error: unknown engine 'psuedo' (available: {', '.join(engine_names())})"


# --- files named on the command line ----------------------------------------------------------


@pytest.mark.parametrize("args, shown", [
    (["check", "nope.po"], "nope.po"),
    (["segment", "nope.md"], "nope.md"),
    (["tm", "import", "nope.tmx"], "nope.tmx"),
    (["models", "install", "nope.argosmodel"], "nope.argosmodel"),
], ids=lambda v: v if isinstance(v, str) else " ".join(v))
def test_a_missing_file_is_file_not_found(project_dir: Path, run_here, args: list[str], shown: str):
    code, out, err = run_here(*args, cwd=project_dir)
    assert code == 1
    assert one_error_line(err) == f"error: {shown.format(cwd=project_dir)}: file not found"


# --- help -------------------------------------------------------------------------------------


def _texts(command) -> list[str]:
    return [command.help or "", *(p.help or "" for p in command.params)]


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_help_keeps_section_names_and_shows_no_bool(path: list[str]):
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100"}, terminal_width=100)
    assert result.exit_code == 0
    shown = " ".join(result.output.split())  # words wrapped across lines
    for section in re.findall(r"\[[a-z_]+\]", " ".join(_texts(command))):
        assert section in shown, f"l10n {' '.join(path)} --help lost {section}"
    assert "<bool>" not in result.output
    for param in command.params:
        if getattr(param, "is_flag", False):
            first_word = re.escape(param.help.split()[0])  # the help follows the flag: no value between
            assert re.search(rf"{re.escape(param.opts[-1])}\s+{first_word}", result.output), f"{param.opts} shows a value"


def test_help_of_translate_shows_the_section_it_defaults_to():
    result = CliRunner().invoke(app, ["translate", "--help"], terminal_width=100)
    assert "(default: [translate] engine)" in " ".join(result.output.split())


# --- no folders outside the project and ARGOS_PACKAGES_DIR ------------------------------------


def test_no_folder_is_created_in_home(argos_archives, project_dir: Path, tmp_path: Path):
    home, packages = tmp_path / "home", tmp_path / "packages"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), ARGOS_PACKAGES_DIR=str(packages))
    commands = [["models", "list"], ["models", "install", str(argos_archives[("de", "en")])], ["models", "list"],
                ["status"], ["translate"], ["models", "remove", "de", "en"]]  # translate: all reviewed, finds the packages
    # One fresh interpreter (imports are what created folders), the commands one after another.
    script = (
        "import sys\nfrom l10n.cli import main\n"
        f"for args in {commands!r}:\n"
        "    sys.argv = ['l10n', *args]\n"
        "    try:\n        main()\n    except SystemExit as exc:\n        assert not exc.code, args\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=project_dir, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Installed de->en" in proc.stdout and "Removed de->en" in proc.stdout
    assert list(home.iterdir()) == []
    assert list(packages.iterdir()) == []


# --- l10n segment = translate's segmentation --------------------------------------------------


def test_segment_of_a_source_file_is_the_template_segmentation(run_here):
    source = REPO / "source" / f"{SEED_DOC}.md"
    code, out, err = run_here("segment", "--json", str(source), cwd=REPO)
    assert code == 0, err
    shown = [(s["start"], s["end"]) for s in json.loads(out)["sentences"]]
    doc = Project.find(REPO).load(source)
    assert shown == [(s.start, s.end) for s in doc.segments]
    texts = [s["text"] for s in json.loads(out)["sentences"]]
    assert not any(t.startswith("---") or "date:" in t for t in texts)  # front matter is no sentence
    assert texts[0].startswith("DÜSSELDORF. Die chinesischen")  # the dateline stays with its sentence
    assert not any(t.startswith("#") for t in texts)


# --- `check` says when its dictionary is missing -------------------------------------------------


def test_check_names_the_missing_dictionary_once(project_dir: Path, run_here, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("L10N_DING", str(tmp_path / "no-ding"))
    code, out, err = run_here("check", cwd=project_dir)
    assert code == 0
    assert err.splitlines() == ["note: the content check is off: no German-English dictionary (apt-get install trans-de-en, or set L10N_DING)"]
    (project_dir / "l10n.toml").write_text((project_dir / "l10n.toml").read_text(encoding="utf-8") + '\n[checks]\ndisable = ["content"]\n', encoding="utf-8")
    code, out, err = run_here("check", cwd=project_dir)
    assert (code, err) == (0, "")
