"""Fuzzing the readers: random and mutated bytes never crash them, only our own clear errors.

Sources: arbitrary bytes and mutated real press releases through ``read_document`` (decode, block
reader, splitter). Catalogs: mutated real PO files through ``read_catalog``, and whatever it accepts
must render again. Any exception other than :class:`L10nError` is a bug.
"""

from __future__ import annotations

import json
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


# --- model archives, package metadata, the cache, config values (issue 15) -------------------------
#
# Seeded random inputs rather than hypothesis: a fixed, counted number of inputs per kind, a few
# seconds each. Every input must end in the reader's own error or in a clean result; the counts are
# asserted, so "zero tracebacks over N inputs" is what the run shows.

FUZZ_SEED = 15


def _mutate(rng, original: bytes) -> bytes:
    """``original`` with one to six random byte flips, insertions, cuts or a truncation."""
    data = bytearray(original)
    for _ in range(rng.randint(1, 6)):
        if not data:
            break
        at = rng.randrange(len(data))
        how = rng.choice(["flip", "insert", "cut", "truncate"])
        if how == "flip":
            data[at] = rng.randrange(256)
        elif how == "insert":
            data[at:at] = rng.choice(TOKENS + [b"PK\x03\x04", b"PK\x01\x02", b"\xef\xbb\xbf", b"SQLite format 3\x00"])
        elif how == "cut":
            del data[at : at + rng.randint(1, 40)]
        else:
            del data[at:]
    return bytes(data)


def _zip(path: Path, entries: list[tuple[str, bytes, int]]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, data, method in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            zf.writestr(info, data)
    return path


_META = {"package_version": "1.0", "from_code": "de", "to_code": "en", "type": "translate"}
_NAMES = [".", "pkg", "pkg/", "pkg/.", "pkg/model", "pkg/model/", "pkg/model/model.bin", "pkg/metadata.json",
          "pkg/sentencepiece.model", "other/x", "/abs", "../up", "pkg/../x", "pkg\\x", "C:/x", "pkg//model.bin", ""]


def _random_archive(rng, path: Path) -> Path:
    import zipfile

    methods = [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
    entries = [(rng.choice(_NAMES) or "x", rng.randbytes(rng.randint(0, 40)), rng.choice(methods)) for _ in range(rng.randint(0, 6))]
    if rng.random() < 0.7:
        entries += [("pkg/metadata.json", json.dumps(_META).encode(), zipfile.ZIP_DEFLATED),
                    ("pkg/model/model.bin", b"\0" * 64, zipfile.ZIP_STORED), ("pkg/sentencepiece.model", b"spm", zipfile.ZIP_STORED)]
    rng.shuffle(entries)
    return _zip(path, entries)


def test_model_archives_raise_only_clear_errors(tmp_path: Path):
    import random
    import warnings

    from l10n.errors import EngineError
    from l10n.models import check_archive

    rng = random.Random(FUZZ_SEED)
    good = _zip(tmp_path / "good.argosmodel", [("pkg/metadata.json", json.dumps(_META).encode(), 8),
                                               ("pkg/model/model.bin", bytes(range(256)) * 4, 8), ("pkg/sentencepiece.model", b"spm" * 50, 0)])
    assert check_archive(good).root == "pkg"
    outcomes = {"refused": 0, "accepted": 0}
    path = tmp_path / "fuzzed.argosmodel"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names it is asked to write
        for n in range(700):
            if n % 2:
                path.write_bytes(_mutate(rng, good.read_bytes()))
            else:
                _random_archive(rng, path)
            try:
                check_archive(path)
                outcomes["accepted"] += 1
            except EngineError as exc:
                assert str(exc).startswith(str(path)), exc
                outcomes["refused"] += 1
    print(f"model archives: {sum(outcomes.values())} inputs, {outcomes}, 0 tracebacks")
    assert sum(outcomes.values()) == 700 and outcomes["refused"] > 300


def _json_value(rng, depth: int = 0):
    kinds = ["int", "huge", "neg", "float", "str", "code", "bool", "null"] + (["list", "dict"] if depth < 2 else [])
    kind = rng.choice(kinds)
    return {
        "int": lambda: rng.randint(0, 10), "huge": lambda: 10 ** rng.randint(10, 40), "neg": lambda: -rng.randint(1, 10**6),
        "float": lambda: rng.choice([0.5, float("1e308"), -0.0, 3.0]), "str": lambda: rng.choice(["", "x", "de\n", "ü", "\ufeffde", "1"]),
        "code": lambda: rng.choice(["de", "en", "zh", "zh_Hant", "pt-BR", "xx", "DE"]), "bool": lambda: rng.random() < 0.5, "null": lambda: None,
        "list": lambda: [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))],
        "dict": lambda: {rng.choice(list(_META) + ["beam_size"]): _json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))},
    }[kind]()


def test_package_metadata_raises_only_clear_errors(tmp_path: Path):
    import random

    from l10n.engines.argos import ArgosPackage, Decoding
    from l10n.errors import EngineError
    from l10n.models import _package_info

    rng = random.Random(FUZZ_SEED)
    outcomes = {"refused": 0, "accepted": 0}
    for n in range(600):
        meta = dict(_META)
        for key in rng.sample(["from_code", "to_code", "package_version", "beam_size", "length_penalty", "max_decoding_length"], rng.randint(1, 3)):
            meta[key] = _json_value(rng)
        if rng.random() < 0.1:
            meta.pop(rng.choice(list(meta)), None)
        data = json.dumps(meta).encode() if n % 5 else _mutate(rng, json.dumps(meta).encode())
        (tmp_path / "metadata.json").write_bytes(data)
        results = []
        for read in (lambda: _package_info(tmp_path, data, "pkg"), lambda: ArgosPackage("de", "en", "1", tmp_path, "").decoding(Decoding())):
            try:
                read()
                results.append("accepted")
            except EngineError as exc:
                assert "metadata.json" in str(exc), exc
                results.append("refused")
        outcomes[results[0]] += 1
    print(f"package metadata: {sum(outcomes.values())} inputs, {outcomes}, 0 tracebacks")
    assert sum(outcomes.values()) == 600 and outcomes["refused"] > 100 and outcomes["accepted"] > 50


def test_cache_files_raise_only_clear_errors(tmp_path: Path):
    import random

    from l10n.cache import CacheError, TranslationCache
    from l10n.engines import Translation

    key = ("pseudo", "m", "de", "en")
    good = TranslationCache(tmp_path / "good.sqlite3")
    good.put(key, {f"Satz {i}.": Translation(f"Sentence {i}.", ("fuzzy",) if i % 2 else ()) for i in range(40)})
    good.close()
    original = (tmp_path / "good.sqlite3").read_bytes()
    rng = random.Random(FUZZ_SEED)
    outcomes = {"refused": 0, "read": 0}
    for n in range(400):
        path = tmp_path / f"fuzzed-{n % 4}.sqlite3"
        path.write_bytes(_mutate(rng, original) if n % 3 else rng.randbytes(rng.randint(0, 3000)))
        cache = TranslationCache(path)
        try:
            cache.get(key, [f"Satz {i}." for i in range(0, 40, 3)])
            cache.put(key, {"Neu.": Translation("New.")})
            outcomes["read"] += 1
        except CacheError as exc:
            assert str(path) in str(exc) and "cache clear" in str(exc), exc
            outcomes["refused"] += 1
        finally:
            cache.close()
        cache.clear()  # what the error message tells the user to do always works
        assert not path.exists()
    print(f"cache files: {sum(outcomes.values())} inputs, {outcomes}, 0 tracebacks")
    assert sum(outcomes.values()) == 400 and outcomes["refused"] > 50


def _toml_value(rng) -> str:
    return rng.choice([
        "0", "-1", "1", "9223372036854775807", "-9223372036854775808", "1.5", "inf", "nan", "true", "false",
        '""', '"x"', '"../x"', '"/tmp"', '"."', '"de"', '"en"', '"zh"', '"xx"', '"argos"', '"pseudo"', '"cuda"', '"tokens"',
        '"\\u0000"', '"a\\nb"', "[]", '["en"]', '["en", "en"]', '["de"]', "[1, 2]", '["en", 1]', "{}", '{ a = 1 }', "1979-05-27",
        '"glossary.csv"', '"missing.csv"', '"memory/x.tmx"', '["memory/x.tmx"]', '"source"', '"locales"', '"l10n.toml"',
    ])


def test_config_values_raise_only_clear_errors(tmp_path: Path):
    import random

    from l10n.config import SCHEMA
    from l10n.errors import L10nError
    from l10n.glossary import load_glossary
    from l10n.project import Project
    from l10n.tm import memory_settings

    keys = [(section, key) for section, table in SCHEMA.items() for key in table]
    keys += [("checks", "length_ratio")]  # no such key
    assert {s for s, _ in keys} == set(SCHEMA)
    root = tmp_path / "p"
    (root / "source").mkdir(parents=True)
    (root / "glossary.csv").write_text("de,en\nKöln,Cologne\n", encoding="utf-8")
    rng = random.Random(FUZZ_SEED)
    outcomes = {"refused": 0, "accepted": 0}
    for n in range(500):
        chosen: dict[str, list[str]] = {}
        for section, key in rng.sample(keys, rng.randint(1, 3)):
            chosen.setdefault(section, []).append(f"{key} = {_toml_value(rng)}")
        (root / "l10n.toml").write_text("".join(f"[{s}]\n" + "\n".join(lines) + "\n" for s, lines in chosen.items()), encoding="utf-8")
        try:
            project = Project.open(root)
            project.splitter.split("Die Firma eröffnet ein Büro. Sie stellt Leute ein.")
            load_glossary(project.config)
            memory_settings(project)
            outcomes["accepted"] += 1
        except L10nError as exc:
            assert str(exc), exc
            outcomes["refused"] += 1
    print(f"config values: {sum(outcomes.values())} inputs, {outcomes}, 0 tracebacks")
    # Every section is checked when the file is loaded ([checks] too): up to 3 random keys a file, so some pass.
    assert sum(outcomes.values()) == 500 and outcomes["refused"] > 100 and outcomes["accepted"] > 20
