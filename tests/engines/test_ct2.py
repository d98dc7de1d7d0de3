"""The ``ct2`` engine: converted OPUS-MT and NLLB/M2M models, installed and translating de→zh directly.

The models are tiny copying transformers in the layout CTranslate2's converters write (see
``tests/ct2_builder.py``): what comes out is the German input, never a translation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from l10n.catalog import read_catalog
from l10n.cli import app
from l10n.engines.ct2 import Ct2Engine
from l10n.engines.ct2models import install_converted, installed_models, read_model
from l10n.errors import EngineError
from l10n.project import Project
from l10n.translate import translate_project
from tests.ct2_builder import build_converted, zip_folder

SEED_DOC = "oppo-vivo-xiaomi-duesseldorf"


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "models"
    monkeypatch.setenv("L10N_MODELS_DIR", str(folder))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "no-argos"))  # no Argos package: no pivot possible
    return folder


def use_ct2(root: Path, models: str = "") -> None:
    config = root / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('engine = "argos"', f'engine = "ct2"{models}'), encoding="utf-8")


@pytest.mark.parametrize("family", ["nllb", "m2m100", "opus-mt"])
def test_a_converted_model_translates_de_zh_directly(empty_project: Path, models_dir: Path, tmp_path: Path, no_network, family: str) -> None:
    pairs = [("de", "zh"), ("de", "en")]
    result = CliRunner().invoke(app, ["models", "install", str(build_converted(tmp_path / "built", family, f"tiny-{family}", pairs))])
    assert result.exit_code == 0, result.output
    assert f"Installed tiny-{family} 1 ({family}: de->zh, de->en)" in result.output
    use_ct2(empty_project)
    translate_project(Project.open(empty_project), ["zh"])
    catalog = read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po")
    assert catalog.active and all(e.fuzzy and e.msgstr for e in catalog.active)
    # Direct: no pivot in the provenance; the copying model gives back the German, terms intact.
    assert {(e.provenance.engine, e.provenance.model.split(" (beam")[0], e.provenance.via) for e in catalog.active} == {
        ("ct2", f"tiny-{family} 1 ({family})", None)}
    assert any(e.msgstr == e.msgid and "OPPO" in e.msgid for e in catalog.active)
    listed = CliRunner().invoke(app, ["models", "list"]).output
    assert f"tiny-{family}" in listed and "de->zh de->en" in listed


def test_the_configured_model_wins_and_a_missing_one_is_named(empty_project: Path, models_dir: Path, tmp_path: Path, no_network) -> None:
    for name in ("model-a", "model-b"):
        install_converted(build_converted(tmp_path / "built", "nllb", name, [("de", "zh")]))
    engine = Ct2Engine({"de-zh": "model-b"})
    assert engine.model_id("de", "zh").startswith("model-b 1 (nllb)")
    with pytest.raises(EngineError, match=r"\[translate\] models names 'nope' for de-zh, which is not installed.*model-a, model-b"):
        Ct2Engine({"de-zh": "nope"}).model_id("de", "zh")
    use_ct2(empty_project, '\nmodels = { "de-zh" = "model-a" }')
    assert Project.open(empty_project).config.models == (("de-zh", "model-a"),)


def test_a_pair_without_a_direct_model_pivots_through_english(empty_project: Path, models_dir: Path, tmp_path: Path, no_network) -> None:
    install_converted(build_converted(tmp_path / "built", "opus-mt", "opus-de-en", [("de", "en")]))
    install_converted(build_converted(tmp_path / "built", "opus-mt", "opus-en-zh", [("en", "zh")]))
    use_ct2(empty_project)
    translate_project(Project.open(empty_project), ["zh"])
    entry = read_catalog(empty_project / "locales" / "zh" / f"{SEED_DOC}.po").active[0]
    assert entry.provenance.via == "en (machine)"


def test_a_zip_installs_and_a_newer_install_replaces_the_old_one(models_dir: Path, tmp_path: Path) -> None:
    first = install_converted(zip_folder(build_converted(tmp_path / "v1", "nllb", "tiny", [("de", "zh")], version="1")))
    second = install_converted(build_converted(tmp_path / "v2", "nllb", "tiny", [("de", "zh")], version="2"))
    assert first.path == second.path and [m.version for m in installed_models()] == ["2"]
    assert [p.name for p in models_dir.iterdir()] == ["tiny"]  # no staging folder left behind


def test_a_broken_model_never_replaces_a_working_one(models_dir: Path, tmp_path: Path) -> None:
    install_converted(build_converted(tmp_path / "good", "nllb", "tiny", [("de", "zh")]))
    bad = build_converted(tmp_path / "bad", "nllb", "tiny", [("de", "zh")], version="2")
    (bad / "model.bin").write_bytes(b"\0" * 1000)
    with pytest.raises(EngineError, match="does not load or translate"):
        install_converted(bad)
    assert [m.version for m in installed_models()] == ["1"] and [p.name for p in models_dir.iterdir()] == ["tiny"]


@pytest.mark.parametrize(("change", "message"), [
    (lambda f: (f / "l10n-model.json").unlink(), "no l10n-model.json"),
    (lambda f: (f / "sentencepiece.bpe.model").unlink(), "not a converted nllb model: missing sentencepiece.bpe.model"),
    (lambda f: (f / "l10n-model.json").write_text(json.dumps({"family": "fairseq", "pairs": [["de", "zh"]]})), "family must be one of"),
    (lambda f: (f / "l10n-model.json").write_text(json.dumps({"family": "nllb", "pairs": ["de-zh"]})), "pairs must be a list"),
])
def test_bad_model_folders_are_one_line(tmp_path: Path, change, message: str) -> None:
    folder = build_converted(tmp_path, "nllb", "tiny", [("de", "zh")])
    change(folder)
    with pytest.raises(EngineError, match=message):
        read_model(folder)


def test_a_converted_model_is_removed_by_name(models_dir: Path, tmp_path: Path) -> None:
    install_converted(build_converted(tmp_path / "built", "m2m100", "tiny-m2m", [("de", "zh")]))
    result = CliRunner().invoke(app, ["models", "remove", "tiny-m2m"])
    assert result.exit_code == 0 and installed_models() == []
    with pytest.raises(EngineError, match="no converted model named 'tiny-m2m'"):
        from l10n.engines.ct2models import remove_converted

        remove_converted("tiny-m2m")
