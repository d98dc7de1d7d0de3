"""Where a release may write: never over the project's own files.

``l10n release`` writes ``<out>/<lang>/...`` and replaces ``<out>/<kit>/``, ``<out>/<kit>.zip`` and
``<out>/<kit>-status.html`` whole. A config that points any of these at the sources, the catalogs,
l10n's state or ``l10n.toml`` (``out_dir = "."`` with ``kit_name = "locales"``), or a kit folder or
archive at something that is not an earlier press kit, is refused before anything is written,
naming the key to change.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from .config import CONFIG_NAME, Config
from .errors import ConfigError

KIT_KEY = "[release] kit_name"
OUT_KEY = "[release] out_dir"


def _overlaps(a: Path, b: Path) -> bool:
    return a == b or a in b.parents or b in a.parents


def protected_paths(config: Config) -> dict[Path, str]:
    """The project's own files and folders that a release must never replace, with their role."""
    return {
        config.source_path.resolve(): "the sources",
        config.locales_path.resolve(): "the catalogs",
        config.state_path.resolve(): "l10n's state",
        (config.root / CONFIG_NAME).resolve(): "the project config",
    }


def check_release_paths(config: Config, out: Path, kit_name: str, out_key: str = OUT_KEY) -> None:
    """Raise :class:`ConfigError` if releasing into ``out`` would touch a file the project owns.

    ``out_key`` names what set ``out`` (``--out`` or ``[release] out_dir``) for the message.
    """
    out = out.resolve()
    protected = protected_paths(config)
    outputs = [(out, out_key)] + [(out / lang, out_key) for lang in config.target_languages]
    outputs += [(out / name, KIT_KEY) for name in (kit_name, f"{kit_name}.zip", f"{kit_name}-status.html")]
    for path, key in outputs:
        for owned, role in protected.items():
            inside_out = path == out and out in owned.parents  # the root may hold the project
            if _overlaps(path, owned) and not inside_out:
                raise _error(config, key, f"makes the release write into {config_display(config, owned)} ({role})",
                             f"choose another {key.split()[-1]}; the release must never replace project files")
    _check_earlier_kit(config, out / kit_name, out / f"{kit_name}.zip", kit_name)


def config_display(config: Config, path: Path) -> str:
    try:
        return path.relative_to(config.root.resolve()).as_posix() or "."
    except ValueError:
        return str(path)


def _check_earlier_kit(config: Config, folder: Path, archive: Path, kit_name: str) -> None:
    """The kit folder and archive are replaced whole: refuse if they are not an earlier press kit."""
    foreign = None
    if folder.is_symlink() or (folder.exists() and not _is_kit_folder(folder)):
        foreign = folder
    elif archive.is_symlink() or (archive.exists() and not _is_kit_zip(archive, kit_name)):
        foreign = archive
    if foreign is not None:
        raise _error(config, KIT_KEY, f"{kit_name!r}: {config_display(config, foreign)} exists and is not a press kit l10n "
                     "built (the release would replace it, with any files git tracks there)",
                     f"choose another {KIT_KEY.split()[-1]}, or move {foreign.name} away")


def _error(config: Config, key: str, what: str, fix: str) -> ConfigError:
    """The error for ``key``: a key of ``l10n.toml`` ("[release] out_dir", with its line) or an option."""
    if key.startswith("["):
        section, name = key[1:].split("] ")
        return config.error(section, name, what, fix)
    return ConfigError(f"{key}: {what}", path=config.root / CONFIG_NAME, hint=fix)


def _is_kit_folder(folder: Path) -> bool:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and str(manifest.get("generator", "")).startswith("l10n ")


def _is_kit_zip(archive: Path, kit_name: str) -> bool:
    try:
        with zipfile.ZipFile(archive) as zf:
            return f"{kit_name}/manifest.json" in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
