"""Fuzzing the readers: random and mutated bytes never crash them, only our own clear errors.

Sources: arbitrary bytes and mutated real press releases through ``read_document`` (decode, block
reader, splitter). Catalogs: mutated real PO files through ``read_catalog``, and whatever it accepts
must render again. Any exception other than :class:`L10nError` is a bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalog import read_catalog, render
from l10n.config import load_config
from l10n.errors import CatalogError, ConfigError, SourceError
from l10n.segment import get_splitter
from l10n.sources import read_document

from .conftest import REPO, SEED_DOC

SPLITTER = get_splitter("de")
SOURCE = (REPO / "source" / f"{SEED_DOC}.md").read_bytes()
CATALOG = (REPO / "locales" / "zh" / f"{SEED_DOC}.po").read_bytes()
CONFIG = (REPO / "l10n.toml").read_bytes()
# Bytes that matter to the formats: PO syntax, Markdown syntax, UTF-8 lead bytes, line ends.
TOKENS = [b'"', b"\\", b"\n", b"\r", b"#", b"#~ ", b"#| ", b"msgid ", b"msgstr ", b"msgctxt ", b"msgstr[0] ", b'""', b"\xc3", b"\xe2\x80", b"\xff", b"\x00", b"\x04", b"---\n", b"```", b"\t", b"- ", b"1. ", b"\\a", b"\\x", b"\\0", b"[", b"]", b"=", b"true", b"1", b"[project]\n", b'"../x"']


@st.composite
def mutated(draw, original: bytes) -> bytes:
    """``original`` with a few random edits: byte flips, insertions of format tokens, cuts, splices."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "insert", "cut", "splice", "truncate"]))
        if how == "flip":
            data[at] = draw(st.integers(0, 255))
        elif how == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS))
        elif how == "cut":
            del data[at : at + draw(st.integers(1, 200))]
        elif how == "splice":
            start = draw(st.integers(0, len(data) - 1))
            data[at:at] = data[start : start + draw(st.integers(1, 300))]
        else:
            del data[at:]
    return bytes(data)


def _read_source(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / "source").mkdir(exist_ok=True)
    path = tmp_path / "source" / name
    path.write_bytes(data)
    try:
        doc = read_document(path, tmp_path, SPLITTER)
    except SourceError as exc:
        assert exc.path and str(exc)
        return
    assert all(doc.text[s.start : s.end] == s.text for s in doc.segments)  # a code-only file has none


FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", ["x.md", "x.txt"])
@FUZZ
@given(data=st.one_of(st.binary(max_size=2000), mutated(SOURCE)))
def test_source_readers_raise_only_clear_errors(tmp_path: Path, name: str, data: bytes):
    _read_source(tmp_path, name, data)


@FUZZ
@given(data=mutated(CATALOG))
def test_catalog_reader_raises_only_clear_errors(tmp_path: Path, data: bytes):
    path = tmp_path / "x.po"
    path.write_bytes(data)
    try:
        catalog = read_catalog(path)
    except CatalogError as exc:
        assert exc.path and str(exc)
        return
    try:
        render(catalog)
    except CatalogError as exc:  # read but not writable (e.g. an escaped NUL): refused, not written
        assert "cannot store" in str(exc)


@FUZZ
@given(data=mutated(CONFIG))
def test_config_reader_raises_only_clear_errors(tmp_path: Path, data: bytes):
    (tmp_path / "l10n.toml").write_bytes(data)
    try:
        config = load_config(tmp_path)
    except ConfigError as exc:
        assert exc.path and str(exc)
        return
    assert config.target_languages and config.source_path.is_relative_to(tmp_path.resolve())
