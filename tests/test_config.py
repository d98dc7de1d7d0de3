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
        ("[project]\nsource_langauge = 'de'\n", "unknown key [project] source_langauge"),
        ("[projekt]\nname = 'x'\n", "unknown section [projekt]"),
        ("[project]\ntarget_languages = 'en'\n", "target_languages must be a list of strings"),
        ("[release]\ninclude_fuzzy = 'yes'\n", "include_fuzzy must be bool"),
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
