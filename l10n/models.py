"""Model management: check ``.argosmodel`` archives before they are installed, install, list, remove.

An archive is a zip from outside the project; before Argos unpacks it we check it cannot write
outside its folder (absolute paths, ``..``, links), cannot fill the disk (a size limit) and has the
parts the engine needs, so a bad file fails with one clear message instead of half an install.
"""

from __future__ import annotations

import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import EngineError

MAX_UNPACKED_BYTES = 2 * 1024**3  # real Argos packages are ~100 MB unpacked; 2 GB leaves room


@dataclass(frozen=True)
class PackageInfo:
    """What an archive's ``metadata.json`` says, checked."""

    source: str
    target: str
    version: str
    root: str  # the single top-level folder of the archive


def check_archive(path: Path, max_bytes: int = MAX_UNPACKED_BYTES) -> PackageInfo:
    """Validate an ``.argosmodel`` archive without unpacking it; raise :class:`EngineError` if unsafe."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise EngineError(f"{path}: not an Argos package (not a zip archive: {exc})") from exc
    with archive:
        infos = archive.infolist()
        total = 0
        roots: set[str] = set()
        for info in infos:
            name = PurePosixPath(info.filename)
            if name.is_absolute() or info.filename.startswith(("/", "\\")) or ":" in name.parts[0]:
                raise EngineError(f"{path}: entry {info.filename!r} has an absolute path")
            if ".." in name.parts:
                raise EngineError(f"{path}: entry {info.filename!r} leaves the package folder (..)")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise EngineError(f"{path}: entry {info.filename!r} is a link")
            total += info.file_size
            if total > max_bytes:
                raise EngineError(f"{path}: unpacks to more than {max_bytes} bytes")
            roots.add(name.parts[0])
        if len(roots) != 1:
            raise EngineError(f"{path}: expected one top-level folder, found {sorted(roots) or 'none'}")
        root = roots.pop()
        names = {i.filename.rstrip("/") for i in infos}
        for needed in ("metadata.json", "model/model.bin", "sentencepiece.model"):
            if f"{root}/{needed}" not in names:
                raise EngineError(f"{path}: missing {root}/{needed}")
        try:
            meta = json.loads(archive.read(f"{root}/metadata.json"))
            return PackageInfo(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), root)
        except (ValueError, KeyError, TypeError) as exc:
            raise EngineError(f"{path}: {root}/metadata.json is invalid ({exc!r})") from exc


def install_archive(path: Path) -> PackageInfo:
    """Check ``path`` then install it through ``argostranslate.package`` (offline)."""
    info = check_archive(path)
    from argostranslate import package

    package.install_from_path(path)
    return info
