"""Bad input: a clear error naming file and line, exit code 1, and nothing changed on disk."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest

from l10n.catalog import Catalog, Entry, read_catalog, render
from l10n.cli import main
from l10n.errors import CatalogError

from .conftest import REPO, SEED_DOC


def cli(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``l10n ARGS`` through the real entry point; return (exit code, stdout, stderr)."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    old_argv = sys.argv
    sys.argv = ["l10n", *args]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = old_argv
        for s, handler in saved.items():
            signal.signal(s, handler)
    out = capsys.readouterr()
    return code, out.out, out.err


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but l10n's own state folder (its lock file)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".l10n" not in p.relative_to(root).parts
    }


def fails_cleanly(capsys, root: Path, *expected: str, command: tuple[str, ...] = ("translate", "-e", "pseudo")) -> str:
    """Run ``command`` on ``root``: exit 1, one error line containing ``expected``, no file changed."""
    before = snapshot(root)
    code, out, err = cli(capsys, *command, "-C", str(root))
    assert code == 1, (out, err)
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, err
    assert snapshot(root) == before
    return err


# --- sources -------------------------------------------------------------------------------------

GERMAN = "# Titel\n\nDie Firma eröffnet ein Büro in Düsseldorf. Sie stellt zehn Leute ein.\n"


def add_source(root: Path, name: str, data: bytes) -> Path:
    path = root / "source" / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Grüße aus Köln.\n".encode("cp1252"), ("z-bad.md:1:", "not UTF-8", "Latin-1", "iconv")),
        ("Erste Zeile.\n„Zitat“ – zweite Zeile.\n".encode("cp1252"), ("z-bad.md:2:", "Windows-1252", "iconv -f cp1252")),
        ("Grüße.\n".encode("utf-16"), ("z-bad.md:1:", "UTF-16", "iconv -f utf-16")),
        (bytes(range(256)) * 4, ("z-bad.md:", "binary file")),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", ("z-bad.md:", "binary file")),
        (b"", ("z-bad.md:", "empty file")),
        (b" \n\n\t\n", ("z-bad.md:", "empty file")),
        (("Kurz.\n\n" + "wort " * 9_999 + "wort0\n").encode(), ("z-bad.md:3:", "50,000 characters", "no sentence end")),
    ],
    ids=["latin1", "cp1252-line2", "utf16", "binary", "elf", "empty", "blank", "50k-paragraph"],
)
def test_bad_source_fails_cleanly(capsys, empty_project: Path, data: bytes, expected: tuple[str, ...]):
    # Sorted after the seed document, in the same chunk: the seed's catalogs are not written either.
    add_source(empty_project, "z-bad.md", data)
    fails_cleanly(capsys, empty_project, *expected)


def test_bad_source_leaves_existing_catalogs_untouched(capsys, project_dir: Path):
    add_source(project_dir, "a-bad.md", "Grüße.\n".encode("cp1252"))
    fails_cleanly(capsys, project_dir, "a-bad.md:1:", "not UTF-8")


def test_bom_is_accepted_and_kept_in_the_release(capsys, empty_project: Path):
    add_source(empty_project, "bom.md", b"\xef\xbb\xbf" + GERMAN.encode())
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(empty_project))[0] == 0
    assert cli(capsys, "release", "-C", str(empty_project))[0] == 0
    assert (empty_project / "dist" / "en" / "bom.md").read_bytes() == b"\xef\xbb\xbf" + GERMAN.encode()
    catalog = read_catalog(empty_project / "locales" / "en" / "bom.po")
    assert [e.msgid for e in catalog.active][:2] == ["Titel", "Die Firma eröffnet ein Büro in Düsseldorf."]  # no BOM in a msgid


def test_crlf_line_ends_are_kept_in_the_release(capsys, empty_project: Path):
    crlf = GERMAN.replace("\n", "\r\n").encode()
    add_source(empty_project, "crlf.md", crlf)
    assert cli(capsys, "translate", "-e", "pseudo", "-C", str(empty_project))[0] == 0
    assert cli(capsys, "release", "--include-fuzzy", "-C", str(empty_project))[0] == 0
    released = (empty_project / "dist" / "en" / "crlf.md").read_bytes()
    assert released.count(b"\r\n") == crlf.count(b"\r\n") and b"\n" not in released.replace(b"\r\n", b"")
    assert released != crlf  # translated, not just copied
    assert all("\r" not in e.msgid for e in read_catalog(empty_project / "locales" / "en" / "crlf.po").entries)


def test_source_linked_from_outside_is_refused(capsys, empty_project: Path, tmp_path: Path):
    outside = tmp_path / "outside.md"
    outside.write_text(GERMAN, encoding="utf-8")
    (empty_project / "source" / "linked.md").symlink_to(outside)
    fails_cleanly(capsys, empty_project, "linked.md", "outside the source folder")


# --- catalogs a translator broke ------------------------------------------------------------------


def po_path(root: Path, lang: str = "en") -> Path:
    return root / "locales" / lang / f"{SEED_DOC}.po"


def break_catalog(root: Path, edit) -> tuple[Path, int]:
    """Apply ``edit`` (lines -> lines) to the English catalog; return its path and the edited line."""
    path = po_path(root)
    lines = path.read_text(encoding="utf-8").split("\n")
    new_lines, line = edit(lines)
    path.write_text("\n".join(new_lines), encoding="utf-8")
    return path, line


def first(lines: list[str], prefix: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if lines[i].startswith(prefix))


def _syntax(lines):
    i = first(lines, "msgstr ", first(lines, "msgid ", 5))
    lines[i] = lines[i].replace("msgstr ", "msgstr_oops ", 1)
    return lines, i + 1


def _duplicate(lines):
    start = first(lines, "#.", 5)
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    block = lines[start:end]
    return lines + [""] + block + [""], len(lines) + 2  # an entry's line is its first (comment) line


def _charset(lines):
    i = first(lines, '"Content-Type')
    lines[i] = '"Content-Type: text/plain; charset=ISO-8859-1\\n"'
    return lines, i + 1


def _language(lines):
    i = first(lines, '"Language: ')
    lines[i] = '"Language: fr\\n"'
    return lines, 0


def _newline(lines):
    i = first(lines, "msgstr ", first(lines, "msgid ", 5))
    lines[i] = lines[i][:-1] + '\\n"'
    entry_start = max(j for j in range(i) if not lines[j].strip()) + 1
    return lines, entry_start + 1


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (_syntax, ("syntax error",)),
        (_duplicate, ("duplicate entry", "first at line")),
        (_charset, ("charset ISO-8859-1",)),
        (_language, ("Language: fr", "'en' folder")),
        (_newline, ("newline",)),
    ],
    ids=["syntax", "duplicate", "charset", "language", "newline"],
)
@pytest.mark.parametrize("command", [("translate", "-e", "pseudo"), ("status",), ("release",)], ids=["translate", "status", "release"])
def test_broken_catalog_is_reported_and_never_overwritten(capsys, project_dir: Path, edit, expected, command):
    path, line = break_catalog(project_dir, edit)
    err = fails_cleanly(capsys, project_dir, f"locales/en/{SEED_DOC}.po:", *expected, command=command)
    if line:
        assert f"{SEED_DOC}.po:{line}:" in err
    assert not list(path.parent.glob(".*.tmp"))


def test_nul_in_a_catalog_is_refused(capsys, project_dir: Path):
    path = po_path(project_dir)
    path.write_bytes(path.read_bytes().replace(b"msgstr \"", b"msgstr \"\x00", 3))
    fails_cleanly(capsys, project_dir, "NUL")


def test_text_gettext_cannot_carry_is_refused_before_writing():
    catalog = Catalog({"Content-Type": "text/plain; charset=UTF-8"}, (Entry("Satz\x00Ende", occurrences=(("a.md", "3"),)),))
    with pytest.raises(CatalogError, match="NUL") as info:
        render(catalog)
    assert (info.value.path, info.value.line) == ("a.md", 3)


# --- l10n.toml ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ('[project]\nname = "x"\ntarget_langauges = ["en"]\n', ("l10n.toml:3: [project] target_langauges: unknown key", "did you mean target_languages?")),
        ('[projekt]\nname = "x"\n', ("l10n.toml:1: [projekt]: unknown section",)),
        ('[project]\ntarget_languages = "en"\n', ("target_languages: must be a list of strings",)),
        ("[release]\ninclude_fuzzy = 1\n", ("include_fuzzy: must be true or false",)),
        ('[project]\ntarget_languages = ["en", "xx"]\n', ("xx",)),
        ('[project]\nsource_language = "en"\ntarget_languages = ["en"]\n', ("source language cannot also be a target",)),
        ('[project]\nsource_dir = "../elsewhere"\n', ("outside the project",)),
        ('[release]\nout_dir = "/tmp"\n', ("outside the project",)),
        ('[project]\nname = "x\n', ("l10n.toml:2:", "not valid TOML")),
        ('[project]\nsource_dir = "quellen"\n', ("quellen", "source folder not found")),
    ],
    ids=["unknown-key", "unknown-section", "type-list", "type-bool", "language", "source-is-target", "source-outside", "out-outside", "toml-syntax", "missing-folder"],
)
def test_bad_config_fails_cleanly(capsys, project_dir: Path, toml: str, expected: tuple[str, ...]):
    (project_dir / "l10n.toml").write_text(toml, encoding="utf-8")
    fails_cleanly(capsys, project_dir, *expected)


def test_release_outside_the_project_is_refused(capsys, project_dir: Path, tmp_path: Path):
    fails_cleanly(capsys, project_dir, "outside the project", command=("release", "--out", str(tmp_path / "elsewhere")))
    assert not (tmp_path / "elsewhere").exists()


def test_gettext_escapes_polib_does_not_know_are_read(tmp_path: Path):
    # msgcat writes U+0007 as \a; octal and hex escapes are gettext's too. An escaped backslash
    # followed by "a" is a backslash and an "a", and comments are never unescaped.
    path = tmp_path / "x.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '# a comment with \\a in it\nmsgid "bell\\a \\101\\x42 \\\\a"\nmsgstr "x\\x1e\\036"\n',
        encoding="utf-8",
    )
    (entry,) = read_catalog(path).entries
    assert entry.msgid == "bell\x07 AB \\a" and entry.msgstr == "x\x1e\x1e"
    assert entry.tcomment == "a comment with \\a in it"


def test_a_source_not_in_german_gets_a_warning(capsys, empty_project: Path):
    add_source(empty_project, "english.md", b"The company opens an office in Duesseldorf. It employs twenty people and plans to grow next year.\n")
    code, _, err = cli(capsys, "translate", "-e", "pseudo", "-C", str(empty_project))
    assert code == 0
    assert "warning: source/english.md: looks like 'en'" in err and "not the source language 'de'" in err
    assert "oppo" not in err  # the German document gets none


@pytest.mark.parametrize(
    ("text", "german"),
    [
        ("Die Firma eröffnet im Sommer ein Büro in Köln und stellt dort zehn Leute ein.", True),
        ("The company opens an office in Cologne this summer and hires ten people there.", False),
        ("La société ouvre un bureau à Cologne cet été et embauche dix personnes.", False),
    ],
)
def test_german_is_recognised_without_langdetect(text: str, german: bool):
    from l10n.langid import language_warning, surely_in

    assert surely_in(text, "de") is german
    warning = language_warning([text], "de", "source/x.md")
    assert (warning is None) is german


def test_catalog_saved_with_crlf_or_a_bom_reads_the_same(tmp_path: Path):
    original = po_path(REPO)
    expected = read_catalog(original).entries
    for name, data in (("crlf.po", original.read_bytes().replace(b"\n", b"\r\n")), ("bom.po", b"\xef\xbb\xbf" + original.read_bytes())):
        (tmp_path / name).write_bytes(data)
        assert read_catalog(tmp_path / name).entries == expected, name


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        ('msgid "a \\"quoted\\" \\\\ word"\nmsgstr "x"', True),
        ('msgid "p"\nmsgid_plural "ps"\nmsgstr[0] "x"\nmsgstr[1] "y"', True),
        ('#~ msgid "old"\n#~ msgstr "alt"', True),
        ('msgid ""\n"continued"\nmsgstr "x"', True),
        ('msgid "a"b"\nmsgstr ""', False),
        ('msgid broken\nmsgstr ""', False),
        ('msgid "open\nmsgstr ""', False),
        ("stray text", False),
    ],
    ids=["escapes", "plural", "obsolete", "continued", "extra-quote", "unquoted", "unclosed", "stray"],
)
def test_lines_polib_would_misread_are_syntax_errors(tmp_path: Path, entry: str, ok: bool):
    path = tmp_path / "x.po"
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n{entry}\n', encoding="utf-8")
    if ok:
        assert read_catalog(path).entries
        return
    with pytest.raises(CatalogError, match="syntax error") as info:
        read_catalog(path)
    assert info.value.line == 5
