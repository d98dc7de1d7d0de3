"""``l10n init``: a new project folder, ready for its first release.

The files come from ``l10n/data/new-project/`` (``$name`` and ``$languages`` filled in); the folders
``source/`` and ``locales/`` are created empty. An existing ``l10n.toml`` is never overwritten, and
nor is any other file already there (a ``README.md`` of the repository, say).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from string import Template

from .fs import atomic_write
from .config import CONFIG_NAME, SCHEMA, load_config
from .errors import ConfigError
from .languages import LANGUAGES

# file in l10n/data/new-project/ -> name in the new project
TEMPLATES = {CONFIG_NAME: CONFIG_NAME, "glossary.csv": "glossary.csv", "README.md": "README.md", "gitignore": ".gitignore"}
FOLDERS = (SCHEMA["project"]["source_dir"].default, SCHEMA["project"]["locales_dir"].default)


@dataclass(frozen=True)
class Scaffold:
    """What :func:`init_project` did: paths created, and files left as they were."""

    root: Path
    created: tuple[Path, ...]
    kept: tuple[Path, ...]


def init_project(folder: Path | str, name: str | None = None) -> Scaffold:
    """Make ``folder`` (created if need be) a project named ``name`` (default: the folder's name).

    Raises :class:`ConfigError` if ``folder`` already has an ``l10n.toml``.
    """
    root = Path(folder).resolve()
    if (root / CONFIG_NAME).exists():
        raise ConfigError("already a project: l10n.toml exists", path=root / CONFIG_NAME, hint="edit it, or run `l10n init` in another folder")
    if root.exists() and not root.is_dir():
        raise ConfigError("not a folder", path=root)
    values = {"name": json.dumps(name or root.name, ensure_ascii=False)[1:-1], "languages": ", ".join(sorted(LANGUAGES))}
    created: list[Path] = []
    kept: list[Path] = []
    root.mkdir(parents=True, exist_ok=True)
    for folder_name in FOLDERS:
        path = root / folder_name
        if not path.is_dir():
            path.mkdir()
            created.append(path)
    data = files("l10n") / "data" / "new-project"
    # l10n.toml last: a folder is a project only once everything it names is there.
    for template, target in sorted(TEMPLATES.items(), key=lambda item: item[1] == CONFIG_NAME):
        path = root / target
        if path.exists():
            kept.append(path)
            continue
        text = Template(data.joinpath(template).read_text(encoding="utf-8")).substitute(values)
        atomic_write(path, text.encode("utf-8"))
        created.append(path)
    load_config(root)  # the new l10n.toml is valid, or this is a bug worth an error
    return Scaffold(root, tuple(created), tuple(kept))
