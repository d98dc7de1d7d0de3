"""Fixtures for the ``l10n review`` tests: a project under review and an API client for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..conftest import copy_project
from .support import in_review

TOKEN = "test-token-not-secret"
HOST = "127.0.0.1:8765"


@pytest.fixture(scope="session")
def review_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project half-way through review (tests/review/support.py), built once."""
    return in_review(copy_project(tmp_path_factory.mktemp("review") / "project", catalogs=False))


@pytest.fixture
def reviewing(review_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the project under review for one test."""
    root = tmp_path / "project"
    shutil.copytree(review_template, root)
    return root


@pytest.fixture
def client(reviewing: Path):
    """A Starlette TestClient for the project's review app, sending the token."""
    from starlette.testclient import TestClient

    from l10n.project import Project
    from l10n.review.app import create_app

    app = create_app(Project.open(reviewing), TOKEN, frozenset({HOST}))
    with TestClient(app, base_url=f"http://{HOST}", headers={"Authorization": f"Bearer {TOKEN}"}) as test_client:
        yield test_client
