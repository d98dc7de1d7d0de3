"""Inputs that used to end in a traceback (issue 15): each is now one line, exit 1, nothing lost.

Every test reproduces one report of the adversarial run; before the fix each raised an exception
out of ``main()`` (a traceback), so :func:`cli` would not even return.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from l10n.lock import project_lock

from .test_robust import GERMAN, add_source, cli, fails_cleanly, snapshot

PSEUDO = ("translate", "-e", "pseudo")


def one_line(capsys, root: Path | None, *expected: str, command: tuple[str, ...] = PSEUDO) -> str:
    """Run ``command`` (on ``root``): exit 1 with one ``error:`` line holding ``expected``."""
    code, out, err = cli(capsys, *command, *(("-C", str(root)) if root else ()))
    assert code == 1, (out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, err
    return err


# --- checks ---------------------------------------------------------------------------------------


def test_version_like_numbers_are_checked_without_a_traceback(capsys, project_dir: Path):
    po = project_dir / "locales" / "en" / "versions.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        'msgid "Das Update auf Android 10.0.1 kommt im Mai."\nmsgstr "The update to Android 10.0.1 arrives in May."\n\n'
        'msgid "Version 1.2.3.4 und 3,5 %."\nmsgstr "Version 1.2.3.4 and 3.5%."\n',
        encoding="utf-8",
    )
    code, out, err = cli(capsys, "check", str(po), "-C", str(project_dir))
    assert code == 0, (out, err)
    assert "number" not in out.split("\n")[0] or "10.0.1" not in out


# --- model archives -------------------------------------------------------------------------------

GOOD_META = {"package_version": "1.0", "from_code": "de", "to_code": "en", "type": "translate"}


def archive(tmp_path: Path, entries: list[tuple[str, bytes]] | None = None, meta: bytes | None = None) -> Path:
    """A small package-shaped zip (not a working model: these archives must fail before that)."""
    if entries is None:
        entries = [("pkg/metadata.json", meta if meta is not None else json.dumps(GOOD_META).encode()),
                   ("pkg/model/model.bin", b"\0" * 64), ("pkg/sentencepiece.model", b"spm")]
    path = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name), data)  # stored, no compression
    return path


def patch_entry(path: Path, index: int, *, method: int | None = None, flags: int | None = None) -> None:
    """Set compression method or flag bits of entry ``index`` in both its headers."""
    data = bytearray(path.read_bytes())
    local = [i for i in range(len(data)) if data[i : i + 4] == b"PK\x03\x04"][index]
    central = [i for i in range(len(data)) if data[i : i + 4] == b"PK\x01\x02"][index]
    for offset, shift in ((local, 6), (central, 8)):
        if flags is not None:
            data[offset + shift : offset + shift + 2] = flags.to_bytes(2, "little")
        if method is not None:
            data[offset + shift + 2 : offset + shift + 4] = method.to_bytes(2, "little")
    path.write_bytes(bytes(data))


def install_fails(capsys, path: Path, *expected: str) -> None:
    err = one_line(capsys, None, *expected, command=("models", "install", str(path)))
    assert str(path) in err


@pytest.fixture
def packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    return folder


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([(".", b""), ("pkg/metadata.json", b"{}")], "not a file or folder name"),
        ([("pkg/./metadata.json", b"{}")], "not a file or folder name"),
        ([("pkg/model", b"x"), ("pkg/model/model.bin", b"x"), ("pkg/metadata.json", b"{}"), ("pkg/sentencepiece.model", b"x")],
         "is a file and also a folder"),
        ([("pkg/metadata.json", b"{}"), ("pkg/metadata.json", b"{}"), ("pkg/model/model.bin", b"x"), ("pkg/sentencepiece.model", b"x")],
         "appears twice"),
    ],
    ids=["dot", "dot-part", "file-then-folder", "twice"],
)
def test_archive_with_odd_entries_is_refused(capsys, packages: Path, tmp_path: Path, entries, expected):
    install_fails(capsys, archive(tmp_path, entries), expected)
    assert list(packages.iterdir()) == []


def test_archive_with_a_bad_checksum_is_refused(capsys, packages: Path, tmp_path: Path):
    path = archive(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"\0" * 64, b"\1" + b"\0" * 63))  # the content, not the recorded CRC
    install_fails(capsys, path, "damaged")
    assert list(packages.iterdir()) == []


@pytest.mark.parametrize(("method", "flags", "expected"), [(9, None, "compression"), (None, 1, "encrypted")], ids=["deflate64", "encrypted"])
def test_archive_this_unpacker_cannot_read_is_refused(capsys, packages: Path, tmp_path: Path, method, flags, expected):
    path = archive(tmp_path)
    patch_entry(path, 1, method=method, flags=flags)
    install_fails(capsys, path, expected)
    assert list(packages.iterdir()) == []


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (b"\xef\xbb\xbf" + json.dumps(GOOD_META).encode(), "byte-order mark"),
        (json.dumps({**GOOD_META, "from_code": 1}).encode(), "from_code must be a language code"),
        (json.dumps({**GOOD_META, "to_code": None}).encode(), "to_code must be a language code"),
        (json.dumps({"package_version": "1"}).encode(), "from_code must be a language code"),
        (json.dumps([GOOD_META]).encode(), "JSON object"),
        (json.dumps({**GOOD_META, "beam_size": 10**12}).encode(), "beam_size must be a whole number"),
        (json.dumps({**GOOD_META, "beam_size": 0}).encode(), "beam_size must be a whole number"),
        (json.dumps({**GOOD_META, "beam_size": -3}).encode(), "beam_size must be a whole number"),
        (b"\xff\xfe{", "not valid JSON"),
    ],
    ids=["bom", "numeric-code", "null-code", "missing-codes", "list", "beam-huge", "beam-zero", "beam-negative", "not-utf8"],
)
def test_archive_with_bad_metadata_is_refused(capsys, packages: Path, tmp_path: Path, meta: bytes, expected: str):
    install_fails(capsys, archive(tmp_path, meta=meta), expected)
    assert list(packages.iterdir()) == []


@pytest.mark.parametrize("beam", [0, -1, 10**12, "x"], ids=["zero", "negative", "huge", "text"])
def test_installed_package_with_bad_beam_size_is_one_line(tmp_path: Path, beam):
    from l10n.engines.argos import ArgosPackage, Decoding
    from l10n.errors import EngineError

    (tmp_path / "metadata.json").write_text(json.dumps({**GOOD_META, "beam_size": beam}), encoding="utf-8")
    with pytest.raises(EngineError, match="metadata.json"):
        ArgosPackage("de", "en", "1.0", tmp_path, "").decoding(Decoding())


# --- configuration, state and environment ----------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [(-1, "batch_size: must be from 0 to 10000"), (10**15, "batch_size: must be from 0 to 10000")], ids=["negative", "huge"])
def test_bad_batch_size_is_refused(capsys, project_dir: Path, value: int, expected: str):
    toml = project_dir / "l10n.toml"
    text = toml.read_text(encoding="utf-8").replace('engine = "argos"', f'engine = "argos"\nbatch_size = {value}')
    toml.write_text(text, encoding="utf-8")
    fails_cleanly(capsys, project_dir, "l10n.toml", expected)


def test_config_file_that_is_a_folder_is_one_line(capsys, project_dir: Path):
    (project_dir / "l10n.toml").unlink()
    (project_dir / "l10n.toml").mkdir()
    fails_cleanly(capsys, project_dir, "l10n.toml", "is a folder")


def test_state_file_that_is_a_folder_is_one_line(capsys, project_dir: Path):
    (project_dir / ".l10n" / "translate-state.json").mkdir(parents=True)
    fails_cleanly(capsys, project_dir, "translate-state.json", "folder")


@pytest.mark.parametrize(
    ("name", "value"),
    [("SOURCE_DATE_EPOCH", "yesterday"), ("SOURCE_DATE_EPOCH", "-5"), ("SOURCE_DATE_EPOCH", "9" * 30),
     ("ARGOS_BEAM_SIZE", "wide"), ("ARGOS_BEAM_SIZE", "0"), ("ARGOS_BEAM_SIZE", "100000")],
    ids=["epoch-text", "epoch-negative", "epoch-huge", "beam-text", "beam-zero", "beam-huge"],
)
@pytest.mark.parametrize("command", [PSEUDO, ("release",)], ids=["translate", "release"])
def test_bad_environment_is_refused_before_anything_is_written(capsys, monkeypatch, project_dir: Path, name, value, command):
    add_source(project_dir, "neu.md", GERMAN.encode())
    monkeypatch.setenv(name, value)
    fails_cleanly(capsys, project_dir, name, command=command)
    assert not (project_dir / "dist").exists()


def test_source_name_that_is_not_utf8_is_one_line(capsys, project_dir: Path):
    add_source(project_dir, os.fsdecode(b"caf\xe9.md"), GERMAN.encode())
    fails_cleanly(capsys, project_dir, "caf\\xe9.md", "not UTF-8")


# --- the translation cache ------------------------------------------------------------------------


def _foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE mt (a INTEGER, b BLOB)")
        db.execute("INSERT INTO mt VALUES (1, x'00')")


@pytest.mark.parametrize("damage", ["garbage", "foreign", "folder"])
def test_damaged_cache_is_one_line_and_keeps_the_catalogs(capsys, project_dir: Path, damage: str):
    cache = project_dir / ".l10n" / "mt-cache.sqlite3"
    cache.parent.mkdir()
    if damage == "garbage":
        cache.write_bytes(b"SQLite format 3\0" + os.urandom(4000))
    elif damage == "foreign":
        _foreign(cache)
    else:
        cache.mkdir()
    add_source(project_dir, "neu.md", GERMAN.encode())
    before = (project_dir / "locales" / "en" / f"{'oppo-vivo-xiaomi-duesseldorf'}.po").read_bytes()
    one_line(capsys, project_dir, "mt-cache.sqlite3", "cache clear")
    assert (project_dir / "locales" / "en" / "oppo-vivo-xiaomi-duesseldorf.po").read_bytes() == before


def test_read_only_cache_is_one_line(capsys, monkeypatch, project_dir: Path):
    from l10n import cache as cache_module

    connect = sqlite3.connect
    cache = cache_module.TranslationCache.for_state(project_dir / ".l10n")
    cache.put(("pseudo", "x", "de", "en"), {})  # a real cache, with its table
    cache.close()
    # Root ignores chmod: open the file read-only the way a read-only mount would.
    monkeypatch.setattr(cache_module.sqlite3, "connect", lambda path: connect(f"file:{path}?mode=ro", uri=True))
    add_source(project_dir, "neu.md", GERMAN.encode())
    one_line(capsys, project_dir, "mt-cache.sqlite3", "readonly")


# --- full disk, read-only folders, a folder where a file goes ----------------------------------------


def _fail_with(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["full-disk", "read-only"])
def test_translate_that_cannot_write_is_one_line_and_changes_nothing(capsys, monkeypatch, project_dir: Path, code: int):
    add_source(project_dir, "neu.md", GERMAN.encode())
    monkeypatch.setattr(os, "fsync" if code == errno.ENOSPC else "replace", _fail_with(code))
    fails_cleanly(capsys, project_dir, "cannot write", os.strerror(code))
    assert not list(project_dir.rglob("*.tmp"))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS], ids=["full-disk", "read-only"])
def test_release_that_cannot_write_is_one_line(capsys, monkeypatch, project_dir: Path, code: int):
    assert cli(capsys, "release", "-C", str(project_dir))[0] == 0
    before = snapshot(project_dir / "dist")
    add_source(project_dir, "neu.md", GERMAN.encode())
    monkeypatch.setattr(os, "fsync" if code == errno.ENOSPC else "replace", _fail_with(code))
    one_line(capsys, project_dir, os.strerror(code), command=("release",))
    monkeypatch.undo()
    assert snapshot(project_dir / "dist") == before  # the last good release is still whole


def test_tm_export_to_a_folder_is_one_line(capsys, project_dir: Path, tmp_path: Path):
    folder = tmp_path / "out.tmx"
    folder.mkdir()
    one_line(capsys, project_dir, "out.tmx", "cannot write", command=("tm", "export", str(folder)))
    assert list(folder.iterdir()) == []


def test_release_waits_for_no_one_while_another_run_holds_the_lock(capsys, project_dir: Path):
    with project_lock(project_dir / ".l10n", what="l10n release"):
        one_line(capsys, project_dir, "another run", "l10n release", command=("release",))
    assert not (project_dir / "dist").exists()


# --- interruption -----------------------------------------------------------------------------------


def test_ctrl_c_while_langdetect_loads_its_profiles_is_an_interruption(monkeypatch):
    from langdetect import detector_factory

    from l10n import langid

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    langid._factory.cache_clear()
    monkeypatch.setattr(detector_factory.json, "load", interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            langid._factory()
    finally:
        monkeypatch.undo()
        langid._factory.cache_clear()
    assert langid.detect("Die Firma eröffnet ein neues Büro in Düsseldorf und stellt zehn Leute ein.")[0] == "de"
