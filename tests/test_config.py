"""l10n.toml validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.config import load_config
from l10n.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "l10n.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_repository_config_loads():
    config = load_config(Path(__file__).resolve().parent.parent)
    assert config.source_language == "de"
    assert config.target_languages == ("en", "zh")


@pytest.mark.parametrize(
    "text, message",
    [
        ("[project]\nsource_langauge = 'de'\n", "[project] source_langauge: unknown key (did you mean source_language?)"),
        ("[projekt]\nname = 'x'\n", "[projekt]: unknown section (did you mean project?)"),
        ("[project]\ntarget_languages = 'en'\n", "target_languages: must be a list of strings"),
        ("[release]\ninclude_fuzzy = 'yes'\n", "include_fuzzy: must be true or false"),
        ("[project]\ntarget_languages = ['en', 'xx']\n", "unknown language 'xx'"),
        ("[project]\nsource_dir = '../outside'\n", "outside the project"),
        ("[project]\nname = \n", "not valid TOML"),
    ],
)
def test_bad_config_names_the_problem(tmp_path: Path, text: str, message: str):
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    assert message in str(err.value)
    assert "l10n.toml" in str(err.value)


# One bad value in every section: (section, key, bad TOML value, what the message says).
BAD_VALUES = [
    ("project", "target_languages", '["en", "xx"]', "unknown language 'xx'"),
    ("translate", "device", '"gpu"', "must be one of cpu, cuda, auto, not 'gpu'"),
    ("release", "threshold", "150", "must be from 0 to 100, not 150"),
    ("kit", "logo", '"l10n.toml"', "must be an image (.svg, .png, .jpg, .jpeg, .webp, .gif), not 'l10n.toml'"),
    ("memory", "files", '"one.tmx"', "must be a list of strings, not 'one.tmx'"),
    ("glossary", "file", '"../terms.csv"', "'../terms.csv' lies outside the project"),
    ("checks", "disable", '["numbrs"]', "unknown check 'numbrs'; did you mean numbers?"),
    ("segment", "sentence_starters", '["Zwei Wörter"]', "not a single word: 'Zwei Wörter'"),
]


def test_every_section_is_in_the_table():
    from l10n.configschema import SCHEMA

    assert [section for section, *_ in BAD_VALUES] == list(SCHEMA)


@pytest.mark.parametrize(("section", "key", "value", "what"), BAD_VALUES, ids=[b[0] for b in BAD_VALUES])
def test_a_bad_value_in_any_section_is_one_line_naming_file_line_key_and_fix(tmp_path: Path, section, key, value, what):
    from l10n.configschema import SCHEMA

    # The key on line 6, after a comment, another section and a blank line, so the line is found, not guessed.
    other = "[kit]\norganisation" if section != "kit" else "[project]\nname"
    text = f'# a project\n{other} = "x"\n\n[{section}]\n{key} = {value}\n'
    with pytest.raises(ConfigError) as err:
        load_config(write(tmp_path, text))
    fix = SCHEMA[section][key].fix
    assert str(err.value) == f"{tmp_path / 'l10n.toml'}:6: [{section}] {key}: {what} ({fix})"
    assert "\n" not in str(err.value) and fix


def test_defaults_come_from_the_schema(tmp_path: Path):
    from l10n.configschema import SCHEMA

    config = load_config(write(tmp_path, "[memory]\nexact_approved = true\n"))
    assert config.threshold == SCHEMA["release"]["threshold"].default == 100
    assert config.section("memory") == {"files": [], "exact_approved": True}
    assert config.section("glossary") == {"file": ""}
