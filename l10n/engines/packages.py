"""Installed Argos packages: where Argos Translate keeps them, and what each folder holds.

The engine reads this to find its models; ``l10n models`` (l10n/models.py) lists, installs and
removes through it. Argos Translate's settings are read here as ``argostranslate.settings`` reads
them, without importing it: that import creates four folders under $HOME (data, config, cache,
downloads), even when ARGOS_PACKAGES_DIR points elsewhere. l10n creates no folder outside the
project and the package folder.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .argos import ArgosPackage
from .tokenizers import TOKENIZER_FILES, tokenizer_kind


def _home() -> Path:
    return Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()


def _xdg(variable: str, *default: str) -> Path:
    return Path(os.environ.get(variable) or _home().joinpath(*default)) / "argos-translate"


def argos_setting(key: str, default: str) -> str:
    """An Argos Translate setting: the environment, else its ``settings.json``, else ``default``."""
    if os.environ.get(key):
        return os.environ[key]
    try:
        saved = json.loads((_xdg("XDG_CONFIG_HOME", ".config") / "settings.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    value = saved.get(key) if isinstance(saved, dict) else None
    return default if value is None else str(value)


def package_dirs() -> list[Path]:
    """Every folder Argos Translate finds installed packages in; the first is where they go."""
    default = _xdg("XDG_DATA_HOME", ".local", "share") / "packages"
    found = [Path(argos_setting("ARGOS_PACKAGES_DIR", str(default)))]
    snap = Path(os.environ["SNAP"]) / "snap_custom" if "SNAP" in os.environ else None
    if snap is not None:
        found += [snap / "packages"] if (snap / "packages").is_dir() else []
        content = snap / "content_snap_packages"
        found += sorted(p for p in content.iterdir() if p.is_dir()) if content.is_dir() else []
    return found


def packages_dir() -> Path:
    """Where Argos Translate keeps installed packages (``ARGOS_PACKAGES_DIR`` or its default)."""
    return package_dirs()[0]


@dataclass(frozen=True)
class PackageFolder:
    """A folder in the packages directory: a usable package, or what is wrong with it."""

    path: Path
    package: ArgosPackage | None = None
    problem: str | None = None


def read_package(folder: Path) -> ArgosPackage:
    """The package unpacked in ``folder``; ``ValueError`` saying what is missing or wrong."""
    try:
        meta = json.loads((folder / "metadata.json").read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise ValueError(f"cannot read metadata.json ({exc.strerror})") from None
    except ValueError as exc:
        raise ValueError(f"metadata.json is not JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise ValueError("metadata.json is not a JSON object")
    for key in ("from_code", "to_code"):
        if not isinstance(meta.get(key), str) or not _CODE.fullmatch(meta[key]):
            raise ValueError(f"metadata.json: {key} is {meta.get(key)!r}, not a language code")
    if meta.get("type", "translate") != "translate":
        raise ValueError(f"not a translation package (type {meta.get('type')!r})")
    if not (folder / "model" / "model.bin").is_file():
        raise ValueError("model/model.bin is missing")
    kind = tokenizer_kind(name for name in TOKENIZER_FILES if (folder / name).is_file())
    if kind is None:
        raise ValueError(f"no tokenizer ({' or '.join(TOKENIZER_FILES)})")
    prefix = meta.get("target_prefix") or ""
    return ArgosPackage(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), folder,
                        prefix if isinstance(prefix, str) else "", kind)


_CODE = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]+)*")


def scan_packages(dirs: list[Path] | None = None) -> list[PackageFolder]:
    """Every folder in the packages directories, usable or not; hidden (staging) folders are skipped."""
    if dirs is None:
        dirs = package_dirs()
    found = []
    for root in dirs:
        try:
            children = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        except OSError:
            continue
        for folder in children:
            try:
                found.append(PackageFolder(folder, read_package(folder)))
            except ValueError as exc:
                found.append(PackageFolder(folder, problem=str(exc)))
    return found
