"""Model management: check ``.argosmodel`` archives before they are installed, install, list, remove.

An archive is a zip from outside the project; before Argos unpacks it we check it cannot write
outside its folder (absolute paths, ``..``, links), cannot fill the disk (a size limit) and has the
parts the engine needs, so a bad file fails with one clear message instead of half an install.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import EngineError, cannot_read

MAX_UNPACKED_BYTES = 2 * 1024**3  # real Argos packages are ~100 MB unpacked; 2 GB leaves room


@dataclass(frozen=True)
class PackageInfo:
    """What an archive's ``metadata.json`` says, checked."""

    source: str
    target: str
    version: str
    root: str  # the single top-level folder of the archive
    tokenizer: str = "sentencepiece"  # see engines.tokenizers.TOKENIZER_FILES


def check_archive(path: Path, max_bytes: int = MAX_UNPACKED_BYTES) -> PackageInfo:
    """Validate an ``.argosmodel`` archive without unpacking it; raise :class:`EngineError` if unsafe."""
    try:
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        raise cannot_read(exc, path, EngineError) from None
    except zipfile.BadZipFile as exc:
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
        files = {i.filename[len(root) + 1 :] for i in infos if not i.is_dir()}
        tokenizer = package_layout(files, f"{path}: {root}")
        try:
            meta = json.loads(archive.read(f"{root}/metadata.json"))
            return PackageInfo(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), root, tokenizer)
        except (ValueError, KeyError, TypeError) as exc:
            raise EngineError(f"{path}: {root}/metadata.json is invalid ({exc!r})") from exc


def package_layout(files: set[str], where: str) -> str:
    """Which files make a valid Argos package: check ``files`` (paths inside the package folder).

    Every layout Argos Translate reads is valid: ``metadata.json``, a CTranslate2 model in
    ``model/`` and a tokenizer (``sentencepiece.model`` or ``bpe.model``); a sentence-splitter
    folder (``stanza/``, ``minisbd/``, ``spacy/``) may come with it and is not needed. Returns the
    tokenizer kind; raises :class:`EngineError` naming ``where`` and the first missing part.

    >>> package_layout({"metadata.json", "model/model.bin", "bpe.model", "stanza/de/tokenize/x.pt"}, "p")
    'bpe'
    """
    from .engines.tokenizers import TOKENIZER_FILES, tokenizer_kind

    for needed in ("metadata.json", "model/model.bin"):
        if needed not in files:
            raise EngineError(f"{where}/{needed} is missing", hint="is this an Argos Translate package?")
    kind = tokenizer_kind(files)
    if kind is None:
        raise EngineError(f"{where}: no tokenizer ({' or '.join(TOKENIZER_FILES)})", hint="is this an Argos Translate package?")
    return kind


# Argos Translate's settings are read here as ``argostranslate.settings`` reads them, without
# importing it: that import creates four folders under $HOME (data, config, cache, downloads), even
# when ARGOS_PACKAGES_DIR points elsewhere. l10n creates no folder outside the project and the
# package folder.
ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


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


def install_archive(path: Path) -> PackageInfo:
    """Check ``path``, then unpack it into Argos Translate's package folder (offline).

    Unpacked beside the target and renamed into place, so an interrupted install leaves nothing
    half-written, and a newer version of the same package replaces the old one. (Not
    ``argostranslate.package.install_from_path``: it imports ``argostranslate.translate``, which
    loads torch, stanza and spaCy just to clear a cache.)
    """
    info = check_archive(path)
    dest_root = packages_dir()
    dest_root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".installing-", dir=dest_root))
    try:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(stage)
        target = dest_root / info.root
        old = [p for p in _installed_dirs(dest_root) if _pair(p) == (info.source, info.target)]
        for folder in old:
            shutil.rmtree(folder)
        if target.exists():
            shutil.rmtree(target)
        os.replace(stage / info.root, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return info


def remove_package(source: str, target: str) -> list[Path]:
    """Uninstall the package(s) for ``source`` -> ``target``; return the folders removed."""
    removed = [p for p in _installed_dirs(packages_dir()) if _pair(p) == (source, target)]
    if not removed:
        raise EngineError(f"no Argos package installed for {source}→{target}", hint="see 'l10n models list'")
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def download_package(source: str, target: str, timeout: float = 15.0) -> Path:
    """Fetch the package for ``source`` -> ``target`` from the Argos package index; return the file.

    Needs the internet. Without it this fails at once with one clear message saying that a
    ``.argosmodel`` file is needed instead.
    """
    import urllib.error
    import urllib.request

    offline = EngineError(
        f"cannot reach the Argos package index to download {source}→{target} (no internet here?)",
        hint=f"download translate-{source}_{target}-*.argosmodel on a connected machine and run 'l10n models install FILE'",
    )
    try:
        index_url = argos_setting("ARGOS_PACKAGE_INDEX", ARGOS_INDEX)
        with urllib.request.urlopen(index_url.rstrip("/") + "/index.json", timeout=timeout) as response:
            index = json.loads(response.read())
    except (OSError, urllib.error.URLError, ValueError):
        raise offline from None
    found = [m for m in index if m.get("from_code") == source and m.get("to_code") == target and m.get("type", "translate") == "translate"]
    if not found:
        raise EngineError(f"the Argos package index has no {source}→{target} package", hint="a pivot through English may do: see README")
    meta = found[-1]
    downloads = packages_dir() / ".downloads"  # hidden: never taken for a package
    downloads.mkdir(parents=True, exist_ok=True)
    out = downloads / f"translate-{source}_{target}-{meta.get('package_version', '')}.argosmodel"
    for link in meta.get("links", []):
        try:
            with urllib.request.urlopen(link, timeout=timeout) as response, open(out, "wb") as handle:
                shutil.copyfileobj(response, handle)
            return out
        except (OSError, urllib.error.URLError):
            continue
    raise offline


def _installed_dirs(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")] if root.exists() else []


def _pair(folder: Path) -> tuple[str, str] | None:
    try:
        meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        return meta["from_code"], meta["to_code"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
