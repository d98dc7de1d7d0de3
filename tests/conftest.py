"""Shared fixtures: a project copied into a temporary folder, engines for tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_DOC = "oppo-vivo-xiaomi-duesseldorf"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the repository's project (config, source, reviewed catalogs) in ``tmp_path``."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "l10n.toml", root / "l10n.toml")
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copytree(REPO / "locales", root / "locales")
    return root


@pytest.fixture
def empty_project(project_dir: Path) -> Path:
    """The project with ``locales/`` emptied: nothing translated yet."""
    shutil.rmtree(project_dir / "locales")
    (project_dir / "locales").mkdir()
    return project_dir


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Block every outgoing connection, so a test that passes proves its code path is offline."""
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
