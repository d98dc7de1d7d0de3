"""The press kit: files, release policy, manifest against its schema, escaping, reproducible zip."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from dataclasses import replace

from l10n.catalog import read_catalog, write_catalog
from l10n.errors import CatalogError, ConfigError
from l10n.kit import build_kit
from l10n.project import Project

from .conftest import SEED_DOC
from .kit_support import REVIEWED, TITLES, cli, review, reviewed_project

SCHEMA = json.loads(resources.files("l10n.kit").joinpath("manifest.schema.json").read_text(encoding="utf-8"))


def manifest(root: Path) -> dict:
    data = json.loads((root / "dist" / "presskit" / "manifest.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


def page(root: Path, lang: str) -> str:
    return (root / "dist" / "presskit" / lang / f"{SEED_DOC}.html").read_text(encoding="utf-8")


@pytest.fixture
def reviewed(empty_project: Path) -> Path:
    return reviewed_project(empty_project)


def test_complete_kit_has_every_language_in_every_format(reviewed: Path):
    result = cli("release", "-C", str(reviewed))
    assert result.exit_code == 0, result.output
    assert "omitted" not in result.output
    kit = reviewed / "dist" / "presskit"
    names = sorted(p.relative_to(kit).as_posix() for p in kit.rglob("*") if p.is_file())
    assert names == sorted(["index.html", "manifest.json"] + [f"{lang}/{SEED_DOC}.{ext}" for lang in ("de", "en", "zh") for ext in ("md", "html", "pdf")])
    # The original ships unchanged; issue 2's DIR/<lang>/<file> release is still written beside the kit.
    assert (kit / "de" / f"{SEED_DOC}.md").read_bytes() == (reviewed / "source" / f"{SEED_DOC}.md").read_bytes()
    assert (kit / "zh" / f"{SEED_DOC}.md").read_bytes() == (reviewed / "dist" / "zh" / f"{SEED_DOC}.md").read_bytes()
    doc = manifest(reviewed)["documents"][0]
    for lang in ("de", "en", "zh"):
        item = doc["languages"][lang]
        assert (item["status"], item["approved"], item["fuzzy"], item["untranslated"]) == ("complete", 26, 0, 0)
        assert item["title"] == TITLES[lang]
    # Reviewed text that is still the machine's keeps its provenance in the manifest; the sentences
    # the reviewers rewrote (REVIEWED) are theirs, although their `# mt:` comment stays.
    for lang in ("en", "zh"):
        entries = 26 - len(REVIEWED[lang])
        assert doc["languages"][lang]["machine_text"] == [{"engine": "pseudo", "model": f"pseudo-{lang} v1", "entries": entries, "reviewed": True}]
    assert doc["languages"]["de"]["machine_text"] == []


def test_manifest_counts_only_text_that_is_still_the_machines(empty_project: Path):
    """A machine suggestion approved as it is counts as reviewed machine text; a changed one does not."""
    cli("translate", "--engine", "pseudo", "-C", str(empty_project))
    path = empty_project / "locales" / "en" / f"{SEED_DOC}.po"
    catalog = read_catalog(path)
    entries = [replace(e, fuzzy=False) for e in catalog.entries]  # approved unchanged ...
    entries[0] = replace(entries[0], msgstr="A translator's own headline")  # ... but one rewritten
    write_catalog(path, replace(catalog, entries=tuple(entries)), catalog)
    assert "mt: pseudo" in path.read_text(encoding="utf-8").split("msgid", 2)[1]  # the comment stays
    assert cli("release", "-C", str(empty_project)).exit_code == 0
    en = manifest(empty_project)["documents"][0]["languages"]["en"]
    assert en["machine_text"] == [{"engine": "pseudo", "model": "pseudo-en v1", "entries": 25, "reviewed": True}]


def test_pages_have_language_fonts_print_style_and_dateline(reviewed: Path):
    build_kit(Project.open(reviewed))
    for lang, tag in (("de", "de"), ("en", "en"), ("zh", "zh-Hans")):
        html = page(reviewed, lang)
        assert f'<html lang="{tag}"' in html
        assert f"<h1>{TITLES[lang]}</h1>" in html
        assert "@media print" in html and "Noto Sans CJK SC" in html
        assert '<time datetime="2019-10">2019-10</time>' in html
        # No external resources: nothing loaded, every link relative.
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
        assert "<img" not in html and "<script" not in html
    assert '<p class="dateline">DÜSSELDORF, <time' in page(reviewed, "en")


def test_markup_in_a_translation_shows_as_text(reviewed: Path):
    build_kit(Project.open(reviewed))
    html = page(reviewed, "en")
    assert "<script" not in html
    assert "<p>&lt;img src=x onerror=&quot;document.title = 'pwned'&quot;&gt; According to" in html
    assert "<h2>OPPO in brief &lt;script&gt;document.title = 'pwned'&lt;/script&gt;</h2>" in html


def test_language_below_threshold_is_omitted_with_its_reason(empty_project: Path):
    cli("translate", "--engine", "pseudo", "-C", str(empty_project))
    review(empty_project, "en")
    review(empty_project, "zh", keep_fuzzy=3)
    result = cli("release", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    reason = "approved 88.5% (23 of 26 sentences) is below the threshold of 100%"
    assert f"[zh] omitted: {reason}" in result.output
    zh = manifest(empty_project)["documents"][0]["languages"]["zh"]
    assert (zh["status"], zh["reason"], zh["files"], zh["fuzzy"]) == ("omitted", reason, [], 3)
    assert not (empty_project / "dist" / "presskit" / "zh").exists()
    index = (empty_project / "dist" / "presskit" / "index.html").read_text(encoding="utf-8")
    # Journalists read "translation in progress"; the team's reason is in the status report beside the kit.
    assert '<span class="status-omitted">translation in progress</span>' in index and f"zh/{SEED_DOC}.html" not in index
    assert "threshold" not in index and "approved" not in index and "omitted" not in index.replace("status-omitted", "")
    assert f"zh/{SEED_DOC}.html" not in page(empty_project, "en")
    status = (empty_project / "dist" / "presskit-status.html").read_text(encoding="utf-8")
    assert reason in status and "presskit-status" not in index
    assert "team status dist/presskit-status.html" in result.output

    # A lower threshold ships it as partial: the three unreviewed sentences stay German.
    result = cli("release", "--threshold", "80", "-C", str(empty_project))
    zh = manifest(empty_project)["documents"][0]["languages"]["zh"]
    assert (zh["status"], zh["approved"]) == ("partial", 23)
    assert "weitere Bestandteile des Geschäftsmodells" in page(empty_project, "zh")


def test_draft_banner_only_on_pages_with_unreviewed_text_and_an_honest_status(empty_project: Path):
    cli("translate", "--engine", "pseudo", "-C", str(empty_project))
    review(empty_project, "zh")  # Chinese reviewed; English still the machine's
    result = cli("release", "--include-fuzzy", "-C", str(empty_project))
    assert result.exit_code == 0, result.output
    data = manifest(empty_project)
    assert data["draft"] is True and data["threshold_measures"] == "approved+fuzzy"
    languages = data["documents"][0]["languages"]
    en = languages["en"]
    # 0 % approved is not "complete", however much machine text there is.
    assert (en["status"], en["approved"]) == ("draft", 0) and en["machine_text"][0]["reviewed"] is False
    assert en["machine_text"][0]["engine"] == "pseudo" and sum(m["entries"] for m in en["machine_text"]) == 26
    assert languages["zh"]["status"] == "complete" and languages["de"]["status"] == "complete"
    assert 'class="banner"' in page(empty_project, "en") and "Draft: machine translation, not reviewed" in page(empty_project, "en")
    assert 'class="banner"' not in page(empty_project, "de")  # the original is no machine's
    assert 'class="banner"' not in page(empty_project, "zh")  # reviewed
    index = (empty_project / "dist" / "presskit" / "index.html").read_text(encoding="utf-8")
    assert 'class="banner"' not in index and '<span class="status-draft">machine translation, not reviewed</span>' in index


def test_building_twice_gives_a_byte_identical_zip(reviewed: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = Project.open(reviewed)
    first = build_kit(project)
    zip_path = reviewed / first.archive
    before = zip_path.read_bytes()
    (reviewed / "dist").rename(reviewed / "dist-old")
    build_kit(project)
    assert zip_path.read_bytes() == before
    # Another checkout of the same inputs (copy2 keeps mtimes, as SOURCE_DATE_EPOCH would pin them).
    clone = reviewed.parent / "clone"
    shutil.copytree(reviewed, clone, ignore=shutil.ignore_patterns("dist*"))
    build_kit(Project.open(clone))
    assert (clone / first.archive).read_bytes() == before
    with zipfile.ZipFile(io.BytesIO(before)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and "presskit/index.html" in names and "presskit/zh/" in names
        assert f"presskit/zh/{SEED_DOC}.pdf" in names  # PDFs too: same page, same bytes
        assert {i.date_time for i in infos} == {infos[0].date_time}
        assert {i.external_attr >> 16 for i in infos if not i.is_dir()} == {0o100644}
        built = json.loads(archive.read("presskit/manifest.json"))["built"]
    # The build time is the newest input's mtime, not the wall clock; SOURCE_DATE_EPOCH overrides it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1572566400")
    build_kit(project)
    assert manifest(reviewed)["built"] == "2019-11-01T00:00:00Z" != built
    assert zip_path.read_bytes() != before


def test_bad_release_settings_are_config_errors(reviewed: Path):
    project = Project.open(reviewed)
    with pytest.raises(ConfigError, match="kit_name: not a folder name: '../up'"):
        build_kit(project, kit_name="../up")
    with pytest.raises(ConfigError, match="threshold: must be from 0 to 100, not 150"):
        build_kit(project, threshold=150)
    (reviewed / "l10n.toml").write_text('[release]\nthreshold = "all"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="l10n.toml:2: .release. threshold: must be a whole number, not 'all'"):
        Project.open(reviewed)
    assert not (reviewed / "dist").exists()


def test_failed_build_keeps_the_previous_kit(reviewed: Path):
    project = Project.open(reviewed)
    build_kit(project)
    before = (reviewed / "dist" / "presskit" / "index.html").read_bytes()
    path = reviewed / "locales" / "zh" / f"{SEED_DOC}.po"
    path.write_text(path.read_text(encoding="utf-8") + '\nthis is not a PO line\n', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"locales/zh/.*\.po:\d+: broken catalog"):
        build_kit(project)
    assert (reviewed / "dist" / "presskit" / "index.html").read_bytes() == before
    assert [p.name for p in (reviewed / "dist").iterdir() if p.name.startswith(".")] == []


def test_text_and_nested_documents_get_pages_with_working_links(reviewed: Path):
    folder = reviewed / "source" / "2020"
    folder.mkdir()
    (folder / "launch.md").write_text("---\ntitle: Ignored, the heading wins\nort: Köln\n---\n# Neue Zentrale\n\nDer Umzug ist fertig. Alle sind da.\n", encoding="utf-8")
    (folder / "notice.txt").write_text("Hinweis <b>fett</b>: Der Termin entfällt.\n\nMehr folgt.\n", encoding="utf-8")
    report = build_kit(Project.open(reviewed), threshold=0)
    kit = reviewed / "dist" / "presskit"
    launch = (kit / "zh" / "2020" / "launch.html").read_text(encoding="utf-8")
    # No catalog yet: with threshold 0 the language ships as partial, every sentence in German,
    # marked as German, and the page says so.
    assert "<title>Neue Zentrale</title>" in launch and '<p lang="de" class="fallback">Der Umzug ist fertig. Alle sind da.</p>' in launch
    assert '<h1 lang="de" class="fallback">Neue Zentrale</h1>' in launch and launch.count("<h1") == 1
    assert '<p class="notice" role="note">翻译进行中' in launch
    assert 'href="../../index.html"' in launch and 'href="../../de/2020/launch.html"' in launch
    assert "<dt>ort</dt><dd>Köln</dd>" in launch and "Ignored" not in launch
    notice = (kit / "en" / "2020" / "notice.html").read_text(encoding="utf-8")
    assert '<p lang="de" class="fallback">Hinweis &lt;b&gt;fett&lt;/b&gt;: Der Termin entfällt.</p>\n<p lang="de" class="fallback">Mehr folgt.</p>' in notice
    assert (kit / "en" / "2020" / "notice.txt").read_text(encoding="utf-8").startswith("Hinweis <b>fett</b>")
    statuses = {(r.document, r.lang): r.status for r in report.results}
    assert statuses[("2020/notice", "zh")] == "partial" and statuses[(SEED_DOC, "zh")] == "complete"
    data = manifest(reviewed)
    assert [d["name"] for d in data["documents"]] == ["2020/launch", "2020/notice", SEED_DOC]
    assert data["documents"][1]["format"] == "text" and data["documents"][1]["languages"]["en"]["catalog"] is None
    with zipfile.ZipFile(reviewed / report.archive) as archive:
        assert "presskit/en/2020/notice.html" in archive.namelist() and "presskit/en/2020/" in archive.namelist()


def test_seed_kit_takes_the_dateline_out_of_the_title_in_every_language(project_dir: Path):
    # The repository's reviewed catalogs: "DÜSSELDORF. …" in English, "杜塞尔多夫讯——…" in Chinese.
    build_kit(Project.open(project_dir))
    en, zh = page(project_dir, "en"), page(project_dir, "zh")
    assert "<h1>The Chinese technology groups OPPO, VIVO and Xiaomi are opening offices in Düsseldorf.</h1>" in en
    assert "<h1>中国科技企业OPPO、VIVO和Xiaomi将在杜塞尔多夫设立分支机构。</h1>" in zh
    assert re.search(r'<p class="dateline">杜塞尔多夫\W+<time datetime="2019-10">', zh)
