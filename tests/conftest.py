"""Shared fixtures: a project copied into a temporary folder, engines for tests."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_DOC = "oppo-vivo-xiaomi-duesseldorf"

# Argos Translate reads its folders from the environment when it is first imported and creates
# them: point them into a temporary folder before any test imports it, so that the tests never
# see the user's installed models nor write into ~/.local/share.
_ARGOS_HOME = Path(tempfile.mkdtemp(prefix="l10n-tests-argos-"))
os.environ["ARGOS_PACKAGES_DIR"] = str(_ARGOS_HOME / "packages")
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_ARGOS_HOME / _var.lower())


@pytest.fixture(scope="session")
def argos_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Tiny Argos packages (random weights, see tests/argos_builder.py): de->en and en->zh."""
    from .argos_builder import build_package

    out = tmp_path_factory.mktemp("argosmodels")
    return {pair: build_package(out, *pair, seed=i) for i, pair in enumerate([("de", "en"), ("en", "zh")])}


@pytest.fixture(scope="session")
def copy_archives(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Tiny Argos packages whose model copies its input (de->en, en->zh), to follow placeholders."""
    from .argos_builder import build_package

    out = tmp_path_factory.mktemp("copymodels")
    return {pair: build_package(out, *pair, copy=True) for pair in [("de", "en"), ("en", "zh")]}


def _point_argos_at(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))  # l10n reads it on every call, as do subprocesses


_INSTALLED: dict[tuple[Path, ...], Path] = {}


def _install_into_fresh_folder(archives, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh package folder for one test, holding ``archives`` installed.

    Each set of archives is installed for real (checked, proven, swapped in) once per session;
    tests get a copy of that folder, so that every test does not pay for proving the models.
    """
    from l10n.models import install_archive

    key = tuple(sorted(archives.values()))
    if key not in _INSTALLED:
        first = Path(tempfile.mkdtemp(prefix="l10n-tests-installed-"))
        with pytest.MonkeyPatch.context() as session_patch:
            _point_argos_at(first, session_patch)
            for archive in archives.values():
                install_archive(archive)
        _INSTALLED[key] = first
    folder = tmp_path / "argos-packages"
    shutil.copytree(_INSTALLED[key], folder)
    _point_argos_at(folder, monkeypatch)
    return folder


@pytest.fixture
def argos_packages(argos_archives: dict[tuple[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Argos package folder for one test, with the tiny random packages installed in it."""
    return _install_into_fresh_folder(argos_archives, tmp_path, monkeypatch)


@pytest.fixture
def copy_packages(copy_archives: dict[tuple[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same with the copying packages installed."""
    return _install_into_fresh_folder(copy_archives, tmp_path, monkeypatch)


def copy_project(root: Path, *, catalogs: bool = True) -> Path:
    """Copy the repository's project (config, source, and its reviewed catalogs, or with
    ``catalogs=False`` an empty ``locales/``) into the new folder ``root``."""
    root.mkdir()
    shutil.copy(REPO / "l10n.toml", root / "l10n.toml")
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    shutil.copytree(REPO / "source", root / "source")
    if catalogs:
        shutil.copytree(REPO / "locales", root / "locales")
    else:
        (root / "locales").mkdir()
    return root


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A copy of the repository's project (config, source, reviewed catalogs) in ``tmp_path``."""
    return copy_project(tmp_path / "project")


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
