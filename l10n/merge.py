"""msgmerge-style merging of a template into a language's catalog.

Exact matches keep everything a translator did; a changed sentence is paired with its most similar
old entry (at least ``FUZZY_THRESHOLD`` similar) and becomes fuzzy with gettext's previous-msgid
(``#|``); old entries with a translation that no sentence uses any more become obsolete (``#~``) and
come back if their sentence does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from operator import itemgetter
from typing import Callable, Generic, Iterable, TypeVar

from .catalog import Catalog, Entry

T = TypeVar("T")

# Two sentences this similar (difflib ratio over characters) are "the same sentence, edited".
# 0.75 matches one changed figure or word in a press-release sentence and rejects unrelated ones.
FUZZY_THRESHOLD = 0.75
# Translator-comment line holding a fresh machine suggestion for a changed sentence; a later
# fuzzy match drops it, as it was made for a sentence that changed again.
SUGGESTION_PREFIX = "mt-suggestion:"
# Only this many best candidates from the n-gram index get the (costly) difflib comparison.
CANDIDATES = 5
# Candidates (by rare trigrams in common) that get an exact trigram overlap before difflib.
SHORTLIST = 200
# Postings a lookup walks, rarest trigrams first: bounds a lookup's cost whatever the index's size.
POSTINGS_BUDGET = 16384


@dataclass(frozen=True)
class MergeResult:
    """The merged catalog and what happened to its entries."""

    catalog: Catalog
    kept: int = 0
    fuzzy_matched: int = 0
    new: int = 0
    obsoleted: int = 0
    revived: int = 0


def similarity(a: str, b: str) -> float:
    """Similarity of two sentences in [0, 1]."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def merge(old: Catalog | None, template: Catalog, header: dict[str, str]) -> MergeResult:
    """Merge ``template`` into ``old`` (None for a new catalog) with the given ``header``."""
    old_entries = list(old.entries) if old else []
    active = {e.key: e for e in old_entries if not e.obsolete}
    obsolete = {e.key: e for e in old_entries if e.obsolete}
    used: set[tuple] = set()
    counts = {"kept": 0, "fuzzy_matched": 0, "new": 0, "revived": 0}
    merged: list[Entry] = []
    unmatched: list[tuple[int, Entry]] = []
    for t in template.entries:
        found = active.get(t.key) or obsolete.get(t.key)
        if found is not None and found.msgid_plural is None:
            counts["revived" if found.obsolete else "kept"] += 1
            used.add(found.key)
            merged.append(_update(found, t))
        else:
            unmatched.append((len(merged), t))
            merged.append(t)
    pool = FuzzyIndex(e for e in old_entries if e.key not in used and e.msgstr and e.msgid_plural is None)
    for index, t in unmatched:
        best = pool.take(t.msgid)
        if best is not None:
            used.add(best.key)
            counts["fuzzy_matched"] += 1
            merged[index] = replace(
                _update(best, t),
                msgid=t.msgid,
                msgctxt=t.msgctxt,
                fuzzy=True,
                tcomment="\n".join(ln for ln in best.tcomment.splitlines() if not ln.startswith(SUGGESTION_PREFIX)),
                previous_msgid=best.previous_msgid if best.fuzzy and best.previous_msgid else best.msgid,
                previous_msgctxt=best.msgctxt,
            )
        else:
            counts["new"] += 1
    # As msgmerge does: a translated entry no sentence uses (one a translator added by hand, a
    # plural entry) stays as obsolete with its comments and flags; an untranslated one goes.
    gone = [replace(e, obsolete=True, occurrences=()) for e in old_entries if e.key not in used and e.translated]
    entries = tuple(merged) + tuple(gone)
    if old is not None and len(entries) == len(old.entries) and set(entries) == set(old.entries):
        # Same entries, other order (a translator sorted the file, msgcat reordered it): keep
        # theirs, so that a run with nothing to do writes nothing.
        entries = old.entries
    catalog = Catalog(header, entries, old.header_comment if old else template.header_comment)
    obsoleted = sum(1 for e in old_entries if not e.obsolete and e.key not in used and e.translated)
    return MergeResult(catalog, obsoleted=obsoleted, **counts)


def _update(found: Entry, t: Entry) -> Entry:
    """``found`` with the template's comment and references; translation and flags as they were."""
    return replace(
        found,
        comment=t.comment,
        occurrences=t.occurrences,
        obsolete=False,
        previous_msgid=found.previous_msgid if found.fuzzy else None,
        previous_msgctxt=found.previous_msgctxt if found.fuzzy else None,
    )


def trigrams(text: str) -> set[str]:
    """Character trigrams of ``text`` (padded, case-folded): the fuzzy index's keys.

    >>> sorted(trigrams("ab"))
    [' ab', 'ab ']
    """
    padded = f" {text.casefold()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class FuzzyIndex(Generic[T]):
    """Items indexed by the character trigrams of their text, so a sentence meets few candidates.

    Comparing every new sentence with every old one is O(n*m) difflib calls, and so is counting
    shared trigrams over every posting list when the sentences are alike (a memory of 30,000
    sentences from one template shares " die" with all of them). A lookup therefore walks the
    query's trigrams rarest first and stops after :data:`POSTINGS_BUDGET` postings: the rare
    trigrams (a name, a figure) are the ones that tell an edited sentence's original from its
    siblings. Of those candidates the :data:`SHORTLIST` with most rare trigrams in common get an
    exact trigram overlap; the best :data:`CANDIDATES` whose overlap could still reach the
    threshold get :func:`similarity`. The merge :meth:`take` s each old entry at most once, as
    msgmerge does; translation memory only :meth:`find` s.
    """

    def __init__(self, items: Iterable[T], text: Callable[[T], str] = lambda e: e.msgid) -> None:
        self._items: list[T | None] = []
        self._texts: list[str] = []
        self._grams: list[set[str]] = []
        self._postings: dict[str, list[int]] = {}
        self._taken = 0  # items taken out: the shortlist grows by as many, so it still holds live ones
        for item in items:
            string = text(item)
            grams = trigrams(string)
            index = len(self._items)
            for gram in grams:
                self._postings.setdefault(gram, []).append(index)
            self._items.append(item)
            self._texts.append(string)
            self._grams.append(grams)

    def _shared(self, grams: set[str]) -> Counter[int]:
        """Rare trigrams in common per item, walking at most about :data:`POSTINGS_BUDGET` postings."""
        lists = sorted((self._postings[g] for g in grams if g in self._postings), key=len)
        shared: Counter[int] = Counter()
        walked = 0
        for postings in lists:
            if walked and walked + len(postings) > POSTINGS_BUDGET:
                break
            shared.update(postings)
            walked += len(postings)
        return shared

    def _best(self, text: str) -> tuple[int, float] | None:
        grams = trigrams(text)
        shared = self._shared(grams)
        ranked = []
        for i, _ in sorted(shared.items(), key=itemgetter(1), reverse=True)[: SHORTLIST + self._taken]:
            if self._items[i] is None:
                continue
            common = len(grams & self._grams[i])
            # Dice over trigrams bounds how alike two strings can be: far below, not a candidate.
            if 2 * common / (len(grams) + len(self._grams[i])) >= FUZZY_THRESHOLD - 0.25:
                ranked.append((common, i))
        ranked.sort(key=lambda c: -c[0])
        best, best_score = None, FUZZY_THRESHOLD
        for _, i in ranked[:CANDIDATES]:
            score = similarity(self._texts[i], text)
            if score >= best_score:
                best, best_score = i, score
        return None if best is None else (best, best_score)

    def find(self, text: str) -> tuple[T, float] | None:
        """The item most similar to ``text`` and its similarity, if any reaches the threshold."""
        found = self._best(text)
        return None if found is None else (self._items[found[0]], found[1])

    def take(self, text: str) -> T | None:
        """Like :meth:`find`, but remove the item: it cannot be matched again."""
        found = self._best(text)
        if found is None:
            return None
        item, self._items[found[0]] = self._items[found[0]], None
        self._taken += 1
        return item
