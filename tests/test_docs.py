"""Every command has help and is documented in README.md."""

from __future__ import annotations

import re

import pytest
import typer
from typer.testing import CliRunner

from l10n.cli import app

from .conftest import REPO

runner = CliRunner()


def command_paths() -> list[list[str]]:
    group = typer.main.get_command(app)
    paths = []

    def walk(cmd, prefix: list[str]) -> None:
        # typer vendors its own click: test for a group by its commands, not its class.
        if getattr(cmd, "commands", None):
            for name, sub in cmd.commands.items():
                walk(sub, prefix + [name])
        else:
            paths.append(prefix)

    walk(group, [])
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p))
def test_command_has_help_and_is_in_readme(path: list[str]):
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) > 3
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`l10n {re.escape(' '.join(path))}\b", readme), f"l10n {' '.join(path)} is not documented in README.md"


def test_readme_gives_setup_and_test_commands_first():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## ", 2)[1]
    assert "make install" in quick and "make presskit" in quick and "make test" in quick
    assert "make test" in (REPO / ".ci" / "run").read_text()
