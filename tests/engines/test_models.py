"""Archive checks run before any Argos package is installed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from l10n.errors import EngineError
from l10n.models import check_archive

GOOD = {
    "pkg/metadata.json": json.dumps({"from_code": "de", "to_code": "en", "package_version": "1.9"}),
    "pkg/model/model.bin": "x",
    "pkg/sentencepiece.model": "x",
}


def _zip(tmp_path: Path, files: dict[str, str], link: str | None = None) -> Path:
    path = tmp_path / "p.argosmodel"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (0o120777 << 16)
            z.writestr(info, "/etc/passwd")
    return path


def test_good_archive(tmp_path: Path) -> None:
    info = check_archive(_zip(tmp_path, GOOD))
    assert (info.source, info.target, info.version, info.root) == ("de", "en", "1.9", "pkg")


@pytest.mark.parametrize(
    "files, link, message",
    [
        ({**GOOD, "/abs.txt": "x"}, None, "absolute"),
        ({**GOOD, "pkg/../../evil": "x"}, None, r"\.\."),
        (GOOD, "pkg/link", "link"),
        ({k: v for k, v in GOOD.items() if "sentencepiece" not in k}, None, "sentencepiece.model"),
        ({**GOOD, "pkg/metadata.json": "{}"}, None, "metadata.json is invalid"),
        ({**GOOD, "other/x": "x"}, None, "one top-level folder"),
    ],
)
def test_bad_archives(tmp_path: Path, files: dict[str, str], link: str | None, message: str) -> None:
    with pytest.raises(EngineError, match=message):
        check_archive(_zip(tmp_path, files, link))


def test_size_limit_and_not_zip(tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="more than 2 bytes"):
        check_archive(_zip(tmp_path, GOOD), max_bytes=2)
    bad = tmp_path / "x.argosmodel"
    bad.write_text("hello")
    with pytest.raises(EngineError, match="not a zip"):
        check_archive(bad)
