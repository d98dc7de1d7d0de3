"""``[segment]`` in l10n.toml, and ``l10n segment`` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.cli import app
from l10n.errors import ConfigError
from l10n.project import Project

TEXT = "Wir trafen Bürgerm. Meyer und Betr.-Ltr. Schulz. Dann ging es los."


def configure(root: Path, section: str) -> Project:
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[segment]\n" + section, encoding="utf-8")
    return Project.open(root)


def count(project: Project) -> int:
    return len(project.splitter.split(TEXT))


def test_without_section_the_unknown_abbreviations_split(project_dir: Path) -> None:
    assert count(Project.open(project_dir)) == 4


def test_abbreviations_from_the_list_and_a_file(project_dir: Path) -> None:
    (project_dir / "abbr.txt").write_text("# ours\nBetr.-Ltr.\n\n", encoding="utf-8")
    project = configure(project_dir, 'abbreviations = ["Bürgerm."]\nabbreviation_files = ["abbr.txt"]\n')
    assert count(project) == 2


def test_sentence_starters_from_the_config(project_dir: Path) -> None:
    text = "Das Unternehmen belegt Platz 4. Hierzu trug Europa bei."
    assert len(Project.open(project_dir).splitter.split(text)) == 1  # "Hierzu" is no bundled starter
    project = configure(project_dir, 'sentence_starters = ["Hierzu"]\n')
    assert [text[s.start : s.end] for s in project.splitter.split(text)] == [
        "Das Unternehmen belegt Platz 4.",
        "Hierzu trug Europa bei.",
    ]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('abbrevations = ["x"]\n', "[segment] abbrevations: unknown key (did you mean abbreviations?)"),
        ('abbreviations = "Dr."\n', "[segment] abbreviations: must be a list of strings"),
        ('abbreviations = ["?!"]\n', "[segment] abbreviations: not an abbreviation: '?!'"),
        ('abbreviation_files = ["missing.txt"]\n', "cannot read 'missing.txt'"),
        ('abbreviation_files = ["../outside.txt"]\n', "lies outside the project"),
        ('sentence_starters = ["Zwei Wörter"]\n', "sentence_starters: not a single word: 'Zwei Wörter'"),
        ('sentence_starters = "Hierzu"\n', "[segment] sentence_starters: must be a list of strings"),
    ],
)
def test_bad_settings_name_the_key(project_dir: Path, section: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("?", r"\?").replace("(", r"\(").replace(")", r"\)")):
        count(configure(project_dir, section))


def test_bad_file_entry_names_file_and_line(project_dir: Path) -> None:
    (project_dir / "abbr.txt").write_text("Bürgerm.\n\n...\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        count(configure(project_dir, 'abbreviation_files = ["abbr.txt"]\n'))
    assert str(info.value).endswith("abbr.txt:3: not an abbreviation: '...'")


def test_cli_segment_json_from_stdin() -> None:
    text = "DÜSSELDORF. Am 1. Januar kommt Dr. Li.\nZweiter Satz?  „Dritter.“"
    result = CliRunner().invoke(app, ["segment", "--lang", "de", "--json", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    sentences = json.loads(result.output)["sentences"]
    assert [s["text"] for s in sentences] == ["DÜSSELDORF. Am 1. Januar kommt Dr. Li.", "Zweiter Satz?", "„Dritter.“"]
    assert all(text[s["start"] : s["end"]] == s["text"] for s in sentences)


def test_cli_segment_uses_the_projects_additions(project_dir: Path) -> None:
    configure(project_dir, 'abbreviations = ["Bürgerm."]\n')
    text = "Wir trafen Bürgerm. Meyer. Dann ging es los."
    inside = CliRunner().invoke(app, ["segment", "--lang", "de", "-C", str(project_dir), "--json", "-"], input=text)
    below = CliRunner().invoke(app, ["segment", "--lang", "de", "-C", str(project_dir / "source"), "--json", "-"], input=text)
    outside = project_dir.parent / "elsewhere"
    outside.mkdir()
    plain = CliRunner().invoke(app, ["segment", "--lang", "de", "-C", str(outside), "--json", "-"], input=text)
    assert inside.exit_code == 0 and below.exit_code == 0 and plain.exit_code == 0, inside.output + below.output + plain.output
    assert [s["text"] for s in json.loads(inside.output)["sentences"]] == ["Wir trafen Bürgerm. Meyer.", "Dann ging es los."]
    assert below.output == inside.output  # l10n.toml is found from a folder below, as git finds .git
    assert len(json.loads(plain.output)["sentences"]) == 3  # no l10n.toml there or above: the bundled lists only
