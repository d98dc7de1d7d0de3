"""Installing a model never loses a working one (issue 15, item 5).

A package is proven (CTranslate2 loads it, its tokenizer loads, one short sentence translates)
before it replaces anything; folders are swapped by renames; broken folders in the packages
directory are listed and removable, and never stop the others from working.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.cli import app
from l10n.engines.argos import ArgosEngine, installed_packages
from l10n.errors import EngineError
from l10n.models import install_archive, scan_packages

from .. import argos_builder

pytestmark = pytest.mark.usefixtures("no_network")


def rewrite(archive: Path, out: Path, edit) -> Path:
    """A copy of ``archive`` whose entries pass through ``edit(name, data) -> [(name, data), ...]``."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            for name, data in edit(info.filename, src.read(info)):
                dst.writestr(name, data)
    return out


def folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir())


def works(source: str = "de", target: str = "en") -> bool:
    return bool(ArgosEngine().translate(["Hallo Welt."], source, target)[0].text)


def test_a_model_full_of_zeros_never_replaces_a_working_package(argos_packages: Path, tmp_path: Path):
    newer = argos_builder.build_package(tmp_path, "de", "en", version="1.1")
    zeros = rewrite(newer, tmp_path / "zeros.argosmodel",
                    lambda n, d: [(n, bytes(len(d)) if n.endswith("model.bin") else d)])
    before = folders(argos_packages)
    with pytest.raises(EngineError, match="does not work"):
        install_archive(zeros)
    assert folders(argos_packages) == before and works()
    assert "argostranslate.translate" not in sys.modules


def test_a_broken_tokenizer_is_refused_before_the_swap(argos_packages: Path, tmp_path: Path):
    newer = argos_builder.build_package(tmp_path, "de", "en", version="1.1")
    bad = rewrite(newer, tmp_path / "bad.argosmodel",
                  lambda n, d: [(n, b"garbage" if n.endswith("sentencepiece.model") else d)])
    before = folders(argos_packages)
    with pytest.raises(EngineError, match="does not work"):
        install_archive(bad)
    assert folders(argos_packages) == before and works()


def test_a_good_newer_package_replaces_the_old_one(argos_packages: Path, tmp_path: Path):
    install_archive(argos_builder.build_package(tmp_path, "de", "en", version="1.1"))
    assert [p.version for p in installed_packages() if (p.source, p.target) == ("de", "en")] == ["1.1"]
    assert not [p for p in argos_packages.iterdir() if p.is_dir() and p.name.startswith(".")] and works()


def test_an_archive_named_like_another_package_never_deletes_it(argos_packages: Path, tmp_path: Path):
    # A de->fr package whose folder inside the archive is named like the installed en->zh one.
    other = argos_builder.build_package(tmp_path, "de", "fr")
    old_root = other.stem
    masked = rewrite(other, tmp_path / "masked.argosmodel",
                     lambda n, d: [(n.replace(old_root, "translate-en_zh-1_0", 1), d)])
    install_archive(masked)
    pairs = sorted((p.source, p.target) for p in installed_packages())
    assert pairs == [("de", "en"), ("de", "fr"), ("en", "zh")]
    assert works("en", "zh") and works("de", "fr")


@pytest.mark.parametrize("how", ["duplicate-entry", "nested"])
def test_two_metadata_files_are_refused(argos_packages: Path, argos_archives, tmp_path: Path, how: str):
    archive = argos_archives[("de", "en")]
    root = archive.stem

    def edit(name: str, data: bytes):
        if name != f"{root}/metadata.json":
            return [(name, data)]
        other = json.dumps({"from_code": "en", "to_code": "zh", "package_version": "1.0"}).encode()
        second = name if how == "duplicate-entry" else f"{root}/model/metadata.json"
        return [(name, data), (second, other)]

    with pytest.warns(UserWarning) if how == "duplicate-entry" else _nothing():
        bad = rewrite(archive, tmp_path / "two.argosmodel", edit)
    before = folders(argos_packages)
    with pytest.raises(EngineError, match="metadata.json"):
        install_archive(bad)
    assert folders(argos_packages) == before and works() and works("en", "zh")


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_leftover_staging_folders_are_ignored_and_then_removed(argos_packages: Path, argos_archives, tmp_path: Path):
    child = subprocess.Popen(["true"])
    child.wait()
    for name in (".installing-k1ll3d", f".installing.l10n{child.pid}-abc"):  # old and new naming
        (argos_packages / name / "model").mkdir(parents=True)
        (argos_packages / name / "metadata.json").write_text("{")
    result = CliRunner().invoke(app, ["models", "list"])
    assert result.exit_code == 0 and ".installing" not in result.output and "de->en" in result.output
    assert works()
    install_archive(argos_archives[("en", "zh")])
    assert not [p for p in argos_packages.iterdir() if p.is_dir() and p.name.startswith(".")]


def test_broken_folders_are_listed_with_the_reason_and_removable(argos_packages: Path):
    (argos_packages / "junk").mkdir()
    bom = argos_packages / "bom"
    (bom / "model").mkdir(parents=True)
    (bom / "metadata.json").write_bytes(b"\xef\xbb\xbf" + b'{"from_code": 7, "to_code": "en"}')
    listing = CliRunner().invoke(app, ["models", "list"])
    assert listing.exit_code == 0, listing.output
    lines = listing.output.splitlines()
    assert any("broken" in ln and "junk" in ln and "metadata.json" in ln for ln in lines), listing.output
    assert any("broken" in ln and "bom" in ln and "from_code" in ln for ln in lines), listing.output
    assert works() and {(p.source, p.target) for p in installed_packages()} == {("de", "en"), ("en", "zh")}
    assert len([s for s in scan_packages() if s.problem]) == 2
    for name in ("junk", "bom"):
        removed = CliRunner().invoke(app, ["models", "remove", name])
        assert removed.exit_code == 0 and name in removed.output, removed.output
        assert not (argos_packages / name).exists()
    missing = CliRunner().invoke(app, ["models", "remove", "nothing-here"])
    assert missing.exit_code == 1


def test_an_install_killed_while_proving_the_package_loses_nothing(argos_packages: Path, tmp_path: Path):
    import os
    import signal
    import time

    newer = argos_builder.build_package(tmp_path, "de", "en", version="1.1")
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(argos_packages)}
    proc = subprocess.Popen([sys.executable, "-m", "l10n", "models", "install", str(newer)], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not any(p.is_dir() and p.name.startswith(".installing") for p in argos_packages.iterdir()):
        assert proc.poll() is None and time.monotonic() < deadline, "the install finished before it could be killed"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # at once: unpacking or proving (on a fast machine perhaps swapping)
    proc.wait()
    # Whatever moment the kill hit, one working de->en package is installed: the old one, or the
    # new one if the swap had already happened; never none, never a half-installed one.
    assert [p.version for p in installed_packages() if (p.source, p.target) == ("de", "en")] in (["1.0"], ["1.1"]) and works()
    listing = CliRunner().invoke(app, ["models", "list"])
    assert listing.exit_code == 0 and "broken" not in listing.output and ".installing" not in listing.output
    install_archive(newer)
    assert [p.version for p in installed_packages() if (p.source, p.target) == ("de", "en")] == ["1.1"]
    assert not [p for p in argos_packages.iterdir() if p.is_dir() and p.name.startswith(".")]


def test_a_model_zeroed_after_install_is_a_clear_error(argos_packages: Path):
    model = argos_packages / "translate-de_en-1_0" / "model" / "model.bin"
    model.write_bytes(bytes(model.stat().st_size))
    with pytest.raises(EngineError, match="cannot load the model"):
        works()


def test_two_installs_at_once_the_second_stops_with_one_line(argos_packages: Path, argos_archives):
    from l10n.lock import LockedError, folder_lock

    before = folders(argos_packages)
    with folder_lock(argos_packages, "l10n models install"):
        with pytest.raises(LockedError, match="another l10n models install"):
            install_archive(argos_archives[("de", "en")])
    assert folders(argos_packages) == before
