"""The Argos engine on real (tiny, random) Argos packages built by the tests, network blocked.

The packages' output is noise; these tests check the mechanics: install, load, batch, sort,
pivot, cache, split long input, decoding settings, masking and errors.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n import engines
from l10n.catalog import read_catalog, write_catalog
from l10n.cli import app
from l10n.engines import argos as argos_mod
from l10n.engines.argos import ArgosEngine, split_clauses
from l10n.errors import EngineError
from l10n.project import Project
from l10n.translate import translate_project

from ..conftest import SEED_DOC

pytestmark = pytest.mark.usefixtures("no_network")


class CountingEngine(ArgosEngine):
    """The real engine, counting the sentences that reach the model per language pair."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[tuple[str, str, list[str]]] = []

    def translate(self, texts, source, target):
        self.inputs.append((source, target, list(texts)))
        return super().translate(texts, source, target)


def sentences_sent(engine: CountingEngine, pair: tuple[str, str] | None = None) -> int:
    return sum(len(t) for s, g, t in engine.inputs if pair in (None, (s, g)))


def test_models_cli_install_list_remove(argos_archives, argos_packages: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(app, ["models", "list"])
    assert listing.exit_code == 0, listing.output
    assert "de->en" in listing.output and "en->zh" in listing.output and " MB " in listing.output
    removed = runner.invoke(app, ["models", "remove", "en", "zh"])
    assert removed.exit_code == 0 and not (argos_packages / "translate-en_zh-1_0").exists()
    again = runner.invoke(app, ["models", "install", str(argos_archives[("en", "zh")])])
    assert again.exit_code == 0, again.output
    assert (argos_packages / "translate-en_zh-1_0" / "model" / "model.bin").exists()
    assert not [p for p in argos_packages.iterdir() if p.is_dir() and p.name.startswith(".")]  # no staging left


def test_install_from_the_index_offline_is_one_clear_line(argos_packages: Path) -> None:
    result = CliRunner().invoke(app, ["models", "install", "de", "zh"])
    assert result.exit_code == 1
    assert "cannot reach the Argos package index" in str(result.exception) and ".argosmodel" in str(result.exception.hint)


def test_batch_keeps_order_and_matches_one_by_one(argos_packages: Path) -> None:
    engine = ArgosEngine()
    texts = [
        "OPPO hat rund 20.000 Mitarbeiter.",
        "Die Konzerne eröffnen Niederlassungen in Düsseldorf und wollen den europäischen Markt erobern.",
        "Ja.",
        "Xiaomi plant weitere Teile seines Geschäftsmodells nach Deutschland zu bringen.",
    ]
    batch = engine.translate(texts, "de", "en")
    assert len(batch) == len(texts) and all(isinstance(t.text, str) for t in batch)
    # Sorting by length inside the engine must not shuffle results between sentences.
    assert [engine.translate([t], "de", "en")[0] for t in texts] == batch
    assert engine.translate(list(reversed(texts)), "de", "en") == list(reversed(batch))


def test_sentences_are_sorted_by_length_and_batched_in_sentences(argos_packages: Path, monkeypatch) -> None:
    engine = ArgosEngine()
    engine.translate(["warm up"], "de", "en")
    translator, _ = engine._loaded[("de", "en")]
    calls = []
    real = type(translator).translate_batch

    class Spy:
        def __getattr__(self, name):
            return getattr(translator, name)

        def translate_batch(self, batch, **options):
            calls.append((batch, options))
            return real(translator, batch, **options)

    engine._loaded[("de", "en")] = (Spy(), engine._loaded[("de", "en")][1])
    progress = []
    engine.on_progress = lambda done, total: progress.append((done, total))
    engine.translate(["Ein sehr langer Satz mit vielen Wörtern darin.", "Kurz.", "Mittel lang hier."], "de", "en")
    lengths = [len(x) for batch, _ in calls for x in batch]
    assert lengths == sorted(lengths)
    # Sixteen sentences per batch on a CPU by default: a bounded beam-search workspace.
    assert all(o["batch_type"] == "examples" and o["max_batch_size"] == 16 and o["max_input_length"] == 0 for _, o in calls)
    assert all(o["beam_size"] == 4 and o["length_penalty"] == 0.2 and o["max_decoding_length"] == 256 for _, o in calls)
    # One call for the caller's whole chunk (CTranslate2 batches inside it); progress per result.
    assert len(calls) == 1 and calls[0][1]["asynchronous"] is True
    assert progress == [(0, 3), (1, 0), (1, 0), (1, 0)]


def test_long_sentence_is_split_at_clauses_never_truncated(argos_packages: Path, monkeypatch) -> None:
    engine = ArgosEngine()
    tokenizer = engine._load(engine.package("de", "en"))[1]
    first = "OPPO eröffnet eine Europazentrale in Düsseldorf, VIVO gründet dort sein Vertriebszentrum;"
    second = "Xiaomi eröffnet das erste Deutschlandbüro, und alle drei werden von NRW.INVEST beraten."
    long = f"{first} {second}"
    # A limit that the whole sentence exceeds but each clause around the semicolon fits.
    limit = max(len(tokenizer.encode(first)), len(tokenizer.encode(second)))
    assert len(tokenizer.encode(long)) > limit
    monkeypatch.setattr(argos_mod, "MAX_INPUT_TOKENS", limit)
    assert split_clauses(long, lambda t: len(tokenizer.encode(t)), limit) == [first, second]
    out = engine.translate([long, "Kurz."], "de", "en")
    assert "mt-split" in out[0].flags and "mt-split" not in out[1].flags
    # Far below any clause: cut further (commas, spaces, inside long words), nothing is dropped.
    parts = split_clauses(long, lambda t: len(tokenizer.encode(t)), 12)
    assert len(parts) > 4 and all(len(tokenizer.encode(p)) <= 12 for p in parts)
    assert "".join(parts).replace(" ", "") == long.replace(" ", "")


def test_split_clauses_prefers_semicolons_then_commas() -> None:
    words = len  # one "token" per character
    assert split_clauses("aaaa, bbbb; cccc, dddd", words, 12) == ["aaaa, bbbb;", "cccc, dddd"]
    assert split_clauses("aaaa bbbb, cccc dddd", words, 12) == ["aaaa bbbb,", "cccc dddd"]
    assert split_clauses("x" * 30, words, 12) == ["x" * 7, "x" * 8, "x" * 7, "x" * 8]


def test_package_decoding_settings_and_cache_key(argos_archives, argos_packages: Path, tmp_path: Path) -> None:
    from .. import argos_builder
    from l10n.models import install_archive

    engine = ArgosEngine()
    assert engine.model_id("de", "en") == "translate-de_en-1.0 (beam 4, lp 0.2, max 256)"
    greedy = argos_builder.build_package(tmp_path, "de", "en", version="1.1", extra_meta={"beam_size": 1, "max_decoding_length": 40})
    install_archive(greedy)
    assert ArgosEngine().model_id("de", "en") == "translate-de_en-1.1 (beam 1, lp 0.2, max 40)"


def test_workflow_pivots_through_english_and_caches(empty_project: Path, argos_packages: Path) -> None:
    project = Project.open(empty_project)
    engine = CountingEngine()
    translate_project(project, engine_factory=lambda name: engine)
    en = read_catalog(empty_project / "locales" / "en" / f"{SEED_DOC}.po")
    zh = read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po")
    assert len(zh.active) == 26 and all(e.fuzzy and e.msgstr for e in zh.active)
    assert all(e.provenance.engine == "argos" and e.provenance.model.startswith("translate-de_en-1.0") for e in en.active)
    assert all("translate-de_en-1.0" in e.provenance.model and "translate-en_zh-1.0" in e.provenance.model and e.provenance.via == "en (machine)" for e in zh.active)
    assert not any(g == "zh" and s == "de" for s, g, _ in engine.inputs)  # no de->zh package: pivot
    first, first_zh = sentences_sent(engine), sentences_sent(engine, ("en", "zh"))
    assert first >= 26 and first_zh > 0

    # Same sentences again (catalogs and run state deleted): every one comes from the cache.
    for lang in ("en", "zh"):
        (empty_project / "locales" / lang / f"{SEED_DOC}.po").unlink()
    (empty_project / ".l10n" / "translate-state.json").unlink()
    again = CountingEngine()
    translate_project(project, engine_factory=lambda name: again)
    assert sentences_sent(again) == 0
    assert read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po").content() == zh.content()

    # --no-cache goes to the model again.
    (empty_project / "locales" / "zh" / f"{SEED_DOC}.po").unlink()
    (empty_project / ".l10n" / "translate-state.json").unlink()
    fresh = CountingEngine()
    translate_project(project, engine_factory=lambda name: fresh, use_cache=False)
    assert sentences_sent(fresh, ("en", "zh")) == first_zh  # the same model work as the first run
    assert sentences_sent(fresh, ("de", "en")) == 0  # the English catalog is there to pivot from


def test_pivot_starts_from_reviewed_english(empty_project: Path, argos_packages: Path) -> None:
    project = Project.open(empty_project)
    translate_project(project, ["en"], engine_factory=lambda name: ArgosEngine())
    path = empty_project / "locales" / "en" / f"{SEED_DOC}.po"
    cat = read_catalog(path)
    reviewed = tuple(replace(e, msgstr=f"Reviewed sentence number {i}.", fuzzy=False) for i, e in enumerate(cat.entries))
    write_catalog(path, replace(cat, entries=reviewed), cat)

    engine = CountingEngine()
    translate_project(project, engine_factory=lambda name: engine)
    zh = read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po")
    assert all(e.provenance.via == "en (reviewed)" and e.provenance.model.startswith("translate-en_zh-1.0") for e in zh.active)
    assert sentences_sent(engine, ("de", "en")) == 0  # the reviewed English was used, not re-translated
    assert any("Reviewed sentence number 3." in t for _, _, texts in engine.inputs for t in texts)


def _dnt_terms(project: Project) -> list[str]:
    from l10n.glossary import load_glossary

    return [t.forms[0][1][0] for t in load_glossary(project.config).terms if t.dnt]


def test_every_protected_term_of_the_seed_survives_the_real_engine(empty_project: Path, copy_packages: Path) -> None:
    """Masking through the real Argos path (SentencePiece, CTranslate2, pivot) with packages whose
    model copies its input: every placeholder comes back and every term is restored exactly."""
    project = Project.open(empty_project)
    engine = CountingEngine()
    translate_project(project, engine_factory=lambda name: engine)
    assert any("QX0" in t for _, _, texts in engine.inputs for t in texts)  # the model saw placeholders
    names = _dnt_terms(project)
    checked = 0
    for lang in ("en", "zh"):
        for e in read_catalog(empty_project / "locales" / lang / f"{SEED_DOC}.po").active:
            assert "mask-lost" not in e.flags and "QX" not in e.msgstr
            for name in names:
                assert e.msgstr.count(name) == e.msgid.count(name), (lang, name, e.msgstr)
                checked += e.msgid.count(name)
    assert checked >= 40  # OPPO, VIVO, Xiaomi, NRW.INVEST, ... in both languages


def test_protected_terms_are_kept_or_flagged_never_silently_changed(empty_project: Path, argos_packages: Path) -> None:
    """With the random (noise) packages placeholders often get lost; then the entry must carry
    ``mask-lost`` (and ``l10n check`` reports it). A term is never silently wrong."""
    project = Project.open(empty_project)
    translate_project(project, engine_factory=lambda name: ArgosEngine())
    names = _dnt_terms(project)
    kept, lost = 0, set()
    for lang in ("en", "zh"):
        for e in read_catalog(empty_project / "locales" / lang / f"{SEED_DOC}.po").active:
            terms = [n for n in names if n in e.msgid]
            if "mask-lost" in e.flags:
                lost.add((lang, e.msgid))
            elif terms:
                assert all(e.msgstr.count(n) >= e.msgid.count(n) for n in terms), (e.msgid, e.msgstr)
                kept += 1
    assert kept + len(lost) > 10
    # Each flagged entry, and no other, gets the masking finding: the noise output has many other
    # findings, so the exit code alone could not tell this one apart.
    result = CliRunner().invoke(app, ["check", "--all", "--json", "-C", str(empty_project)])
    findings = json.loads(result.stdout)["findings"]
    masking = {(f["path"].split("/")[1], f["msgid"]) for f in findings if f["check"] == "masking"}
    assert masking == lost
    assert all(f["group"] == "review" and f["severity"] == "error" for f in findings if f["check"] == "masking")
    # Unreviewed machine output: the findings are "to review"; --all makes them fail the check.
    if lost:
        assert result.exit_code == 1
    assert CliRunner().invoke(app, ["check", "-C", str(empty_project)]).exit_code == 0


def test_missing_cuda_is_a_clear_error(argos_packages: Path) -> None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("this machine has a CUDA GPU")
    with pytest.raises(EngineError, match="sees no CUDA GPU"):
        ArgosEngine(device="cuda").translate(["Hallo."], "de", "en")
    assert ArgosEngine(device="auto").translate(["Hallo."], "de", "en")  # auto falls back to the CPU


def test_damaged_package_is_a_clear_error(argos_packages: Path) -> None:
    (argos_packages / "translate-de_en-1_0" / "model" / "model.bin").write_bytes(b"not a model")
    with pytest.raises(EngineError, match="cannot load the model"):
        ArgosEngine().translate(["Hallo."], "de", "en")


def test_bad_archive_installs_nothing(argos_packages: Path, tmp_path: Path) -> None:
    bad = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("../evil/metadata.json", "{}")
    before = sorted(p.name for p in argos_packages.iterdir())
    result = CliRunner().invoke(app, ["models", "install", str(bad)])
    assert result.exit_code == 1 and isinstance(result.exception, EngineError)
    assert sorted(p.name for p in argos_packages.iterdir()) == before


def test_engine_registry_creates_argos_with_config_device(argos_packages: Path) -> None:
    from l10n.config import Config

    engine = engines.get_engine("argos", Config(root=Path("."), device="auto"))
    assert isinstance(engine, ArgosEngine) and engine.device == "auto"


def test_batch_size_comes_from_the_config_and_is_checked(tmp_path: Path) -> None:
    from l10n.config import parse_config
    from l10n.errors import ConfigError

    (tmp_path / "source").mkdir()
    default = engines.get_engine("argos", parse_config({}, tmp_path))
    assert (default.decoding.batch_size, default.decoding.batch_type) == (None, "sentences")
    engine = engines.get_engine("argos", parse_config({"translate": {"batch_size": 256, "batch_type": "tokens"}}, tmp_path))
    assert (engine.decoding.batch_size, engine.decoding.batch_type) == (256, "tokens")
    # Speed only: the batch size is not part of the model id, so the cache stays valid.
    assert engine.decoding.key == default.decoding.key
    with pytest.raises(ConfigError, match="batch_size: must be from 0 to 10000, not -1"):
        parse_config({"translate": {"batch_size": -1}}, tmp_path)
    with pytest.raises(ConfigError, match="batch_type: must be one of sentences, tokens, not 'words'"):
        parse_config({"translate": {"batch_type": "words"}}, tmp_path)
    with pytest.raises(ConfigError, match=".translate. batch_tokens: unknown key"):
        parse_config({"translate": {"batch_tokens": 256}}, tmp_path)


def test_configured_batch_reaches_ctranslate2(argos_packages: Path) -> None:
    engine = ArgosEngine(decoding=argos_mod.Decoding(batch_size=64, batch_type="tokens"))
    engine.translate(["warm up"], "de", "en")
    translator, tokenizer = engine._loaded[("de", "en")]
    seen = []

    class Spy:
        def translate_batch(self, batch, **options):
            seen.append((options["max_batch_size"], options["batch_type"]))
            return translator.translate_batch(batch, **options)

    engine._loaded[("de", "en")] = (Spy(), tokenizer)
    out = engine.translate(["Kurz.", "Ein etwas längerer Satz."], "de", "en")
    assert seen == [(64, "tokens")] and len(out) == 2
