"""What a reviewer's change does to one entry (no web server involved)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from l10n.catalog import Entry
from l10n.errors import L10nError
from l10n.review.store import Change

from ..conftest import REPO

MACHINE = Entry("Hallo Welt.", "[Ĥåļļö Ŵéļţ.]", fuzzy=True, tcomment="mt: pseudo; pseudo-en v1; 2026-11-30")


def test_approve_clears_fuzzy_and_the_old_german():
    changed = Entry("Neu.", "Old.", fuzzy=True, previous_msgid="Alt.")
    done = Change(msgstr="New.", approved=True).apply(changed)
    assert (done.fuzzy, done.previous_msgid, done.msgstr) == (False, None, "New.")


def test_rewriting_machine_text_keeps_what_the_machine_said():
    done = Change(msgstr="Hello world.", approved=True).apply(MACHINE)
    assert done.provenance.engine == "pseudo"  # it is still post-edited machine text,
    assert not done.machine_text  # but no longer the machine's own wording
    assert "mt-suggestion: [Ĥåļļö Ŵéļţ.]" in done.tcomment.splitlines()
    assert Change(msgstr="Hello again.").apply(done).tcomment == done.tcomment  # kept once


def test_saving_text_without_approval():
    assert Change(msgstr="Hello.", approved=False).apply(Entry("Hallo.")).fuzzy
    assert Change(msgstr="Hello.").apply(Entry("Hallo.")).fuzzy  # new text waits for review
    assert not Change(msgstr="", approved=False).apply(Entry("Hallo.", "Hi.")).fuzzy  # emptied: untranslated


@pytest.mark.parametrize("text, message", [
    ("", "empty translation"),
    ("Hello\x00", "NUL"),
    ("Hello.\n", "line break"),
])
def test_text_gettext_cannot_take_is_refused(text: str, message: str):
    with pytest.raises(L10nError, match=message):
        Change(msgstr=text, approved=True).apply(Entry("Hallo."))


def test_ignore_adds_one_flag():
    once = Change(ignore="numbers").apply(Entry("a", "b", flags=("mt-loop",)))
    assert once.flags == ("mt-loop", "ignore-numbers") and Change(ignore="numbers").apply(once).flags == once.flags


def test_other_commands_do_not_load_the_web_stack():
    probe = "import json, sys; import l10n.cli; print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {'starlette', 'uvicorn', 'jinja2', 'l10n'} and (m.startswith('l10n.review') or not m.startswith('l10n')))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert json.loads(done.stdout) == [], done.stderr
