"""The press kit's pages as a journalist reads them, on a second release written for the test: one
headline, the dateline with its place, newest release first with its date, reader-facing wording,
the sender from ``[kit]``, banners and notices only where they are true, fallback text in German
marked as German."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest

from l10n.errors import ConfigError
from l10n.kit import build_kit
from l10n.kit.text import Title, body_html, title_of
from l10n.project import Project

from .conftest import SEED_DOC
from .kit_support import SECOND_DOC, cli, reviewed_project, second_release

KIT = Path("dist") / "presskit"


def read(root: Path, rel: str) -> str:
    return (root / KIT / rel).read_text(encoding="utf-8")


@pytest.fixture
def two_releases(empty_project: Path) -> Path:
    """The reviewed seed (2019-10) and the second release (2026-11-12, English half reviewed)."""
    return second_release(reviewed_project(empty_project))


@pytest.fixture
def built(two_releases: Path) -> Path:
    result = cli("release", "--threshold", "50", "-C", str(two_releases))
    assert result.exit_code == 0, result.output
    return two_releases


def test_a_release_with_a_headline_shows_it_once_and_keeps_its_dateline(built: Path):
    for lang, headline in (("de", "Neues Forschungszentrum im Chempark Dormagen"), ("en", "New research centre at Chempark Dormagen")):
        html = read(built, f"{lang}/{SECOND_DOC}.html")
        assert html.count("<h1") == 1 and f"<h1>{headline}</h1>" in html, lang
        assert html.count(headline) == 2  # <title> and <h1>
        assert '<p class="dateline">DORMAGEN, <time datetime="2026-11-12">2026-11-12</time></p>' in html
        # The headline, then the dateline, then the text.
        assert html.index("<h1") < html.index('class="dateline"') < html.index("DORMAGEN. ")
    # The seed, with no heading: the dateline's place from the English translation, and from the
    # German where the Chinese translation has none (the repository's own "杜塞尔多夫讯——" is
    # test_presskit.py's).
    assert '<p class="dateline">DÜSSELDORF, <time datetime="2019-10">' in read(built, f"en/{SEED_DOC}.html")
    assert '<p class="dateline">DÜSSELDORF，<time datetime="2019-10">' in read(built, f"zh/{SEED_DOC}.html")


def test_index_lists_newest_first_with_dates_in_reader_words(built: Path):
    index = read(built, "index.html")
    second, seed = index.index(f"en/{SECOND_DOC}.html"), index.index(f"en/{SEED_DOC}.html")
    assert second < seed
    assert '<p class="dateline">DORMAGEN, <time datetime="2026-11-12">2026-11-12</time></p>' in index
    assert '<p class="dateline">DÜSSELDORF, <time datetime="2019-10">2019-10</time></p>' in index
    # The omitted Chinese version of the new release, in the words of a reader.
    section = index[: index.index("</section>")]
    assert '<span class="status-omitted">translation in progress</span>' in section and f"zh/{SECOND_DOC}" not in section
    assert '<span class="status-partial">partly translated, some passages in the original</span>' in section
    for jargon in ("Source format", "l10n press releases", "threshold", "approved", "omitted:", "manifest"):
        assert jargon not in index, jargon
    assert "<title>Beispiel AG: Press releases</title>" in index and "<h1>Press releases</h1>" in index
    # Nothing on the index makes words break anywhere: no table, no overflow-wrap: anywhere.
    assert "<table" not in index and "anywhere" not in index.replace("/*", "").split("*/")[-1]


def test_partial_page_announces_it_and_marks_german_text(built: Path):
    html = read(built, f"en/{SECOND_DOC}.html")
    assert '<p class="notice" role="note">Translation in progress: some passages are still in the German original (highlighted).</p>' in html
    # A sentence inside a translated paragraph, a list item, a paragraph with a link, the contact line.
    assert 'research centre on 1 January 2027. <span lang="de" class="fallback">Dort sollen 150 Fachleute arbeiten.</span></p>' in html
    assert "<li>laboratories for battery research</li>" in html
    assert '<li lang="de" class="fallback">eine Pilotanlage für Recycling</li>' in html
    assert '<p lang="de" class="fallback">Weitere Informationen: <a href="https://www.beispiel.de/presse">www.beispiel.de</a></p>' in html
    assert '<p lang="de" class="fallback">Pressekontakt: Jonas Berger' in html
    assert "<p>“We are investing in the future of the region,” said CEO Anna Schmidt.</p>" in html
    assert 'class="banner"' not in html  # partial, reviewed: no machine text shipped
    # The text file of the page is the plain localized release, without marks.
    text = read(built, f"en/{SECOND_DOC}.md")
    assert "\u2e28" not in text and "New research centre" in text and "Dort sollen" in text
    # The original and complete pages carry neither notice nor fallback marks.
    for rel in (f"de/{SECOND_DOC}.html", f"en/{SEED_DOC}.html", f"zh/{SEED_DOC}.html"):
        page = read(built, rel)
        assert 'class="notice"' not in page and 'class="fallback"' not in page and 'class="banner"' not in page, rel


def test_pages_name_the_sender_with_contact_and_logo_from_the_config(built: Path):
    html = read(built, f"en/{SECOND_DOC}.html")
    assert '<header class="masthead"><img class="logo" src="../logo.svg" alt=""><span class="organisation">Beispiel AG</span></header>' in html
    assert "<strong>Press contact</strong>" in html and '<a href="mailto:presse@beispiel.de">presse@beispiel.de</a>' in html
    assert "<strong>Pressekontakt</strong>" in read(built, f"de/{SECOND_DOC}.html")
    index = read(built, "index.html")
    assert '<img class="logo" src="logo.svg" alt="">' in index and "Jonas Berger, press office" in index
    assert (built / KIT / "logo.svg").read_bytes() == (built / "assets" / "logo.svg").read_bytes()
    # No external resource on any page: every src is relative.
    for page in (built / KIT).rglob("*.html"):
        assert not re.search(r"""src=["']?(https?:)?//""", page.read_text(encoding="utf-8")), page
    with zipfile.ZipFile(built / "dist" / "presskit.zip") as archive:
        names = archive.namelist()
    assert "presskit/logo.svg" in names and not any("status" in n for n in names)


def test_status_report_keeps_the_team_facts_outside_the_kit(built: Path):
    report = (built / "dist" / "presskit-status.html").read_text(encoding="utf-8")
    assert "approved 0.0% (0 of 10 sentences) is below the threshold of 50%" in report
    assert '<td class="status-partial">partial</td><td class="n">5</td><td class="n">5</td>' in report
    for page in (built / KIT).rglob("*.html"):
        assert "presskit-status" not in page.read_text(encoding="utf-8")
    manifest = json.loads(read(built, "manifest.json"))
    second = next(d for d in manifest["documents"] if d["name"] == SECOND_DOC)
    assert second["date"] == "2026-11-12" and second["languages"]["zh"]["status"] == "omitted"


def test_draft_kit_banners_only_machine_pages(two_releases: Path):
    result = cli("release", "--include-fuzzy", "-C", str(two_releases))
    assert result.exit_code == 0, result.output
    for rel, banner in ((f"de/{SECOND_DOC}.html", False), (f"en/{SECOND_DOC}.html", True), (f"zh/{SECOND_DOC}.html", True), (f"en/{SEED_DOC}.html", False)):
        assert ('class="banner"' in read(two_releases, rel)) is banner, rel
    # Which passages are the machine's: the reviewed ones are not marked.
    html = read(two_releases, f"en/{SECOND_DOC}.html")
    assert "research centre on 1 January 2027. <span class=\"machine\">[Ðöŕţ" in html
    assert "<li>laboratories for battery research</li>\n<li class=\"machine\">" in html
    assert 'class="fallback"' not in html and "underlined with dots" in html
    assert 'class="machine"' not in read(two_releases, f"en/{SEED_DOC}.html")
    statuses = {d["name"]: {k: v["status"] for k, v in d["languages"].items()} for d in json.loads(read(two_releases, "manifest.json"))["documents"]}
    assert statuses[SECOND_DOC] == {"de": "complete", "en": "draft", "zh": "draft"}
    assert statuses[SEED_DOC] == {"de": "complete", "en": "complete", "zh": "complete"}


def test_same_inputs_same_zip_with_logo_and_two_releases(two_releases: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    project = Project.open(two_releases)
    first = build_kit(project, threshold=50)
    before = (two_releases / first.archive).read_bytes()
    build_kit(project, threshold=50)
    assert (two_releases / first.archive).read_bytes() == before


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('[kit]\nphone = "1"\n', r"unknown key \[kit\] phone"),
        ('[kit]\ncontact = "Jonas"\n', r"\[kit\] contact must be a list of strings"),
        ('[kit]\norganisation = 1\n', r"\[kit\] organisation must be str"),
        ('[kit]\nlogo = "../logo.svg"\n', r"\[kit\] logo '../logo.svg' lies outside the project"),
        ('[kit]\nlogo = "l10n.toml"\n', r"\[kit\] logo must be an image"),
    ],
)
def test_bad_kit_settings_are_config_errors(empty_project: Path, section: str, message: str):
    (empty_project / "l10n.toml").write_text(section, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        Project.open(empty_project)


def test_missing_or_fetching_logo_is_an_error_and_builds_nothing(empty_project: Path):
    (empty_project / "l10n.toml").write_text('[kit]\nlogo = "assets/logo.svg"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"l10n.toml: \[kit\] logo 'assets/logo.svg': file not found"):
        build_kit(Project.open(empty_project))
    (empty_project / "assets").mkdir()
    (empty_project / "assets" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://cdn.example/x.png"/></svg>', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"logo 'assets/logo.svg' loads a script or something from the network"):
        build_kit(Project.open(empty_project))
    assert not (empty_project / "dist").exists()


def test_fallback_marks_keep_markdown_emphasis_and_links(empty_project: Path):
    source = empty_project / "source" / "kurz.md"
    source.write_text("**Wichtig.** Der Termin steht. Mehr unter [hier](https://example.org/a).\n\n*Alles neu.*\n", encoding="utf-8")
    project = Project.open(empty_project)
    doc = project.load(source)
    table = {doc.segments[1].key: "The date is set."}
    html = body_html(doc, "en", table, "de", markdown=True)
    assert html == (
        '<p><span lang="de" class="fallback"><strong>Wichtig.</strong></span> The date is set. '
        '<span lang="de" class="fallback">Mehr unter <a href="https://example.org/a">hier</a>.</span></p>\n'
        '<p lang="de" class="fallback"><em>Alles neu.</em></p>\n'
    )


def test_a_heading_of_two_sentences_is_one_title_joined_as_the_language_joins_sentences(empty_project: Path):
    source = empty_project / "source" / "zwei.md"
    source.write_text("# Neu. Alles anders.\n\nText.\n", encoding="utf-8")
    doc = Project.open(empty_project).load(source)
    en = {doc.segments[0].key: "New.", doc.segments[1].key: "All different."}
    zh = {doc.segments[0].key: "新。", doc.segments[1].key: "全都变了。"}
    assert title_of(doc, "en", en, "de") == Title("New. All different.", "en")
    assert title_of(doc, "zh", zh, "de") == Title("新。全都变了。", "zh")
    assert title_of(doc, "zh", {}, "de") == Title("Neu. Alles anders.", "de")


def test_an_empty_heading_never_replaces_the_title(empty_project: Path):
    (empty_project / "source" / "leer.md").write_text("# \n\nBERLIN. Der Termin steht.\n", encoding="utf-8")
    build_kit(Project.open(empty_project), threshold=0)
    html = read(empty_project, "de/leer.html")
    assert html.count("<h1") == 1 and "<h1>Der Termin steht.</h1>" in html and '<p class="dateline">BERLIN</p>' in html
