"""Model management: check ``.argosmodel`` archives before they are installed, install, list, remove.

An archive is a zip from outside the project; before Argos unpacks it we check it cannot write
outside its folder (absolute paths, ``..``, links), cannot fill the disk (a size limit) and has the
parts the engine needs, so a bad file fails with one clear message instead of half an install.

An install never loses a working package: the archive is unpacked into a staging folder, proven
there (in a separate process, CTranslate2 loads the model, the tokenizer loads and one short
sentence translates), and only then swapped in by renames: the old package is moved aside, the
new one moved in, and the old one deleted last (put back if the move fails). The installed folder
is named from the metadata (``translate-de_en-1_9``), never from the archive, so an archive cannot
replace a package of another language pair. Every folder in the packages directory can be listed
and removed, a broken one included.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .engines.argos import ArgosEngine, Decoding
from .engines.packages import argos_setting, packages_dir, read_package, scan_packages
from .environment import MAX_BEAM_SIZE
from .engines.tokenizers import TOKENIZER_FILES, tokenizer_kind
from .errors import EngineError, cannot_read
from .lock import folder_lock
from .fs import make_temp_dir

PROBE = "Hallo Welt."  # the sentence a new package must translate before it is installed
PROVE_TIMEOUT = 600  # seconds; a real package loads and translates one sentence in a few
STAGING = ".installing"

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
        _check_names(path, [i.filename for i in infos])
        total = 0
        roots: set[str] = set()
        for info in infos:
            _check_entry(path, info)
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
        _check_tree(path, infos)
        files = {i.filename[len(root) + 1 :] for i in infos if not i.is_dir()}
        tokenizer = package_layout(files, f"{path}: {root}")
        _check_data(path, archive)
        return _package_info(path, archive.read(f"{root}/metadata.json"), root, tokenizer)


# Compression methods zipfile can unpack (Deflate64, PPMd, ... it cannot).
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate", zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "lzma"}
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[_-][A-Za-z]{2,4})?")


def _check_entry(path: Path, info: zipfile.ZipInfo) -> None:
    """One entry's name, compression and encryption, before anything is read."""
    parts = [p for p in info.filename.replace("\\", "/").split("/") if p]
    if not parts or "." in parts:
        raise EngineError(f"{path}: entry {info.filename!r} is not a file or folder name")
    if info.flag_bits & 0x1:
        raise EngineError(f"{path}: entry {info.filename!r} is encrypted", hint="Argos packages are plain zip archives")
    if info.compress_type not in _METHODS:
        raise EngineError(f"{path}: entry {info.filename!r} uses a compression this unpacker cannot read (method {info.compress_type})",
                          hint="re-zip it with deflate")


def _check_tree(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """No file where another entry needs a folder (names twice: :func:`_check_names`)."""
    files = [i.filename for i in infos if not i.is_dir()]
    folders = {str(parent) for i in infos for parent in PurePosixPath(i.filename).parents}
    clash = next((name for name in files if name in folders), None)
    if clash:
        raise EngineError(f"{path}: entry {clash!r} is a file and also a folder of other entries")


def _check_data(path: Path, archive: zipfile.ZipFile) -> None:
    """Every entry decompresses and matches its checksum (a damaged download fails here, not half-installed)."""
    try:
        bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise EngineError(f"{path}: damaged archive ({exc})", hint="download the package again") from None
    if bad is not None:
        raise EngineError(f"{path}: entry {bad!r} is damaged (checksum mismatch)", hint="download the package again")


def _package_info(path: Path, data: bytes, root: str, tokenizer: str = "sentencepiece") -> PackageInfo:
    """What ``metadata.json`` says, checked as Argos Translate will read it (UTF-8, no BOM)."""
    where = f"{path}: {root}/metadata.json"
    if data.startswith(b"\xef\xbb\xbf"):
        raise EngineError(f"{where} starts with a byte-order mark, which Argos Translate cannot read", hint="save it as UTF-8 without BOM")
    try:
        meta = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise EngineError(f"{where} is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise EngineError(f"{where} must hold a JSON object")
    for key in ("from_code", "to_code"):
        code = meta.get(key)
        if not isinstance(code, str) or not _LANGUAGE_CODE.fullmatch(code):
            raise EngineError(f"{where} is invalid: {key} must be a language code such as \"de\", not {code!r}")
    for key, top in (("beam_size", MAX_BEAM_SIZE), ("max_decoding_length", 100_000)):
        value = meta.get(key, 1)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise EngineError(f"{where} is invalid: {key} must be a whole number from 1 to {top:,}, not {value!r}")
    return PackageInfo(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), root, tokenizer)


def package_layout(files: set[str], where: str) -> str:
    """Which files make a valid Argos package: check ``files`` (paths inside the package folder).

    Every layout Argos Translate reads is valid: ``metadata.json``, a CTranslate2 model in
    ``model/`` and a tokenizer (``sentencepiece.model`` or ``bpe.model``); a sentence-splitter
    folder (``stanza/``, ``minisbd/``, ``spacy/``) may come with it and is not needed. Returns the
    tokenizer kind; raises :class:`EngineError` naming ``where`` and the first missing part.

    >>> package_layout({"metadata.json", "model/model.bin", "bpe.model", "stanza/de/tokenize/x.pt"}, "p")
    'bpe'
    """
    for needed in ("metadata.json", "model/model.bin"):
        if needed not in files:
            raise EngineError(f"{where}/{needed} is missing", hint="is this an Argos Translate package?")
    kind = tokenizer_kind(files)
    if kind is None:
        raise EngineError(f"{where}: no tokenizer ({' or '.join(TOKENIZER_FILES)})", hint="is this an Argos Translate package?")
    return kind


def _check_names(path: Path, names: list[str]) -> None:
    """Refuse an archive naming one file twice, or holding more than one ``metadata.json``."""
    seen: set[str] = set()
    for name in names:
        if name.rstrip("/") in seen:
            raise EngineError(f"{path}: entry {name!r} appears twice", hint="the archive is damaged or made by hand")
        seen.add(name.rstrip("/"))
    metadata = [n for n in names if PurePosixPath(n).name == "metadata.json"]
    if len(metadata) > 1:
        raise EngineError(f"{path}: holds {len(metadata)} metadata.json files ({', '.join(metadata)}); a package has one")


ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


def prove_package(folder: Path) -> None:
    """Load the package in ``folder`` as the engine does and translate :data:`PROBE` (this process)."""
    pkg = read_package(folder)
    engine = ArgosEngine([pkg], device="cpu", decoding=Decoding(beam_size=1, max_decoding_length=16))
    out = engine.translate([PROBE], pkg.source, pkg.target)
    if len(out) != 1:
        raise ValueError("no translation came back")


def validate_package(folder: Path, archive: Path) -> None:
    """Prove the unpacked package in a separate process; raise :class:`EngineError` if it fails.

    A separate process, because a damaged model can crash CTranslate2 outright.
    """
    try:
        done = subprocess.run([sys.executable, "-m", "l10n.models", "prove", str(folder)],
                              capture_output=True, text=True, timeout=PROVE_TIMEOUT)
    except subprocess.TimeoutExpired:
        reason = f"loading it and translating one sentence took over {PROVE_TIMEOUT} s"
    else:
        if done.returncode == 0:
            return
        lines = done.stderr.strip().splitlines()
        reason = lines[-1] if done.returncode > 0 and lines else f"the model crashed the loader (exit {done.returncode})"
    raise EngineError(
        f"{archive}: the package does not work ({reason[:300]}); nothing was installed or replaced",
        hint="download the package again; any installed package for the pair is kept",
    )


def install_archive(path: Path) -> PackageInfo:
    """Check ``path``, unpack it beside the packages, prove it, then swap it in (offline).

    A newer version of the same pair replaces the old one. (Not
    ``argostranslate.package.install_from_path``: it imports ``argostranslate.translate``, which
    loads torch, stanza and spaCy just to clear a cache.)
    """
    info = check_archive(path)
    dest_root = packages_dir()
    dest_root.mkdir(parents=True, exist_ok=True)
    with folder_lock(dest_root, "l10n models install"):
        # Holding the install lock, no other install is running: any staging folder is left over.
        for stale in dest_root.glob(f"{STAGING}*"):
            shutil.rmtree(stale, ignore_errors=True)
        stage = make_temp_dir(dest_root, STAGING.lstrip("."))
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(stage)
            validate_package(stage / info.root, path)
            _swap_in(dest_root, stage / info.root, info, stage)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
    return info


def _swap_in(dest_root: Path, new: Path, info: PackageInfo, stage: Path) -> None:
    """Move the packages of the pair into ``stage``, ``new`` into place; put them back on failure."""
    pair = (info.source, info.target)
    olds = [f.path for f in scan_packages([dest_root]) if _pair(f.path) == pair]
    name = f"translate-{info.source}_{info.target}-{re.sub(r'[^A-Za-z0-9]+', '_', info.version)}"
    target = dest_root / name
    for n in range(2, 100):  # a folder of that name holding something else is left alone
        if not target.exists() or target in olds:
            break
        target = dest_root / f"{name}-{n}"
    aside: list[tuple[Path, Path]] = []
    try:
        for i, old in enumerate(olds):
            os.replace(old, stage / f"old-{i}")
            aside.append((stage / f"old-{i}", old))
        os.replace(new, target)
    except OSError as exc:
        for moved, old in reversed(aside):
            os.replace(moved, old)
        raise EngineError(f"{target}: cannot install ({exc.strerror}); the installed package is kept") from None


def remove_package(source: str, target: str) -> list[Path]:
    """Uninstall the package(s) for ``source`` -> ``target``; return the folders removed."""
    removed = [f.path for f in scan_packages([packages_dir()]) if _pair(f.path) == (source, target)]
    if not removed:
        raise EngineError(f"no Argos package installed for {source}→{target}", hint="see 'l10n models list'")
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def remove_folder(name: str) -> Path:
    """Remove the folder ``name`` from the packages directory, whatever it holds (a broken package)."""
    root = packages_dir()
    folder = root / name
    if name in ("", ".", "..") or "/" in name or os.sep in name or not folder.is_dir() or folder.is_symlink():
        raise EngineError(f"no folder {name!r} in {root}", hint="see 'l10n models list' for the names")
    shutil.rmtree(folder)
    return folder


def download_package(source: str, target: str, timeout: float = 15.0) -> Path:
    """Fetch the package for ``source`` -> ``target`` from the Argos package index; return the file.

    Needs the internet. Without it this fails at once with one clear message saying that a
    ``.argosmodel`` file is needed instead.
    """
    import http.client
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
    except (OSError, urllib.error.URLError, ValueError, http.client.HTTPException):
        raise offline from None
    found = [m for m in index if m.get("from_code") == source and m.get("to_code") == target and m.get("type", "translate") == "translate"]
    if not found:
        raise EngineError(f"the Argos package index has no {source}→{target} package", hint="a pivot through English may do: see README")
    meta = found[-1]
    downloads = packages_dir() / ".downloads"  # hidden: never taken for a package
    downloads.mkdir(parents=True, exist_ok=True)
    out = downloads / f"translate-{source}_{target}-{meta.get('package_version', '')}.argosmodel"
    broke_off = False
    for link in meta.get("links", []):
        try:
            with urllib.request.urlopen(link, timeout=timeout) as response, open(out, "wb") as handle:
                shutil.copyfileobj(response, handle)
                if response.length:  # fewer bytes came than the server announced
                    raise http.client.IncompleteRead(b"", response.length)
            return out
        except http.client.HTTPException:
            broke_off = True
        except (OSError, urllib.error.URLError):
            continue
    out.unlink(missing_ok=True)
    if broke_off:
        raise EngineError(f"the download of the {source}→{target} package broke off; nothing was installed",
                          hint=f"run 'l10n models install {source} {target}' again, or install a downloaded .argosmodel file")
    raise offline


def _pair(folder: Path) -> tuple[str, str] | None:
    """The language pair the folder's metadata names, even if the package is broken otherwise."""
    try:
        meta = json.loads((folder / "metadata.json").read_bytes().decode("utf-8-sig"))
        return meta["from_code"], meta["to_code"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


if __name__ == "__main__":  # python -m l10n.models prove FOLDER: what validate_package runs
    try:
        prove_package(Path(sys.argv[2]))
    except Exception as exc:  # anything at all: the parent reports the last line
        print(f"{type(exc).__name__}: {exc}".replace("\n", " "), file=sys.stderr)
        sys.exit(1)
