"""A project in the middle of review, for the ``l10n review`` tests.

The pseudo engine fills every catalog (its output is marked ``mt: pseudo`` and is never a
translation); then, per language, some entries get the seed's human translation and are approved,
one approved translation gets a wrong figure (an error for the numbers check), two are emptied
(untranslated), and one English entry carries markup that must show as text. A second, short
release repeats one sentence with another figure, so the memory has a close match to offer.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from l10n.catalog import read_catalog, write_catalog

from ..conftest import REPO, SEED_DOC
from ..kit_support import cli

SECOND_DOC = "oppo-kurz"
SECOND_SOURCE = "## Kurzporträt OPPO\n\nÜber 250 Millionen Menschen weltweit nutzen Smartphones von OPPO.\n"
APPROVED = (0, 1, 2, 3, 4, 5, 7, 8, 9)
WRONG_FIGURE = 10  # "19,7 Milliarden Euro"; the approved translation says 17.9
UNTRANSLATED = (11, 12)
MARKUP = 6  # "Kurzporträt OPPO"
MARKUP_TEXT = "OPPO <b>at a glance</b> <script>document.title = 'pwned'</script>"


def catalog_path(root: Path, lang: str, doc: str = SEED_DOC) -> Path:
    return root / "locales" / lang / f"{doc}.po"


def in_review(root: Path) -> Path:
    """Turn the empty project at ``root`` into one half-way through review (see the module doc)."""
    (root / "source" / f"{SECOND_DOC}.md").write_text(SECOND_SOURCE, encoding="utf-8")
    result = cli("translate", "--engine", "pseudo", "-C", str(root))
    assert result.exit_code == 0, result.output
    for lang in ("en", "zh"):
        human = read_catalog(REPO / "locales" / lang / f"{SEED_DOC}.po").active
        path = catalog_path(root, lang)
        catalog = read_catalog(path)
        entries = list(catalog.entries)
        for i, entry in enumerate(entries):
            if i in APPROVED:
                entries[i] = replace(entry, msgstr=human[i].msgstr, fuzzy=False).with_provenance(None)
            elif i == WRONG_FIGURE:
                entries[i] = replace(entry, msgstr=human[i].msgstr.replace("19.7", "17.9").replace("197", "179"), fuzzy=False).with_provenance(None)
            elif i in UNTRANSLATED:
                entries[i] = replace(entry, msgstr="", fuzzy=False).with_provenance(None)
            elif i == MARKUP and lang == "en":
                entries[i] = replace(entry, msgstr=MARKUP_TEXT)
        write_catalog(path, replace(catalog, entries=tuple(entries)), catalog)
    return root


def msgfmt_check(path: Path) -> None:
    """The catalog passes GNU gettext's own checks."""
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def entry(root: Path, lang: str, index: int, doc: str = SEED_DOC):
    """The ``index``-th active entry of a catalog, as read from disk now."""
    return read_catalog(catalog_path(root, lang, doc)).active[index]
