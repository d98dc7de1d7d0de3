"""``l10n release`` in one pass: every document in every language, read once, written twice.

For each source document :func:`release` makes one :class:`~l10n.release.plan.DocumentPlan`
(the source file and each catalog read once, counted, judged by the release policy and localized
once by the document's format) and hands it to both writers: the plain release
``<out>/<lang>/<file>`` (every language, whatever the policy says, with what has no usable
translation left in the source language) and the press kit ``<out>/<kit name>/``, its zip and the
team's status page (:class:`l10n.kit.build.KitWriter`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..fs import atomic_write, clean_stale
from ..kit.build import KitReport, KitWriter
from ..outputs import check_release_paths
from ..project import Project
from .plan import DocumentPlan, LanguagePlan, Settings, decide, plan_document, settings_for, translations

__all__ = ["DocumentPlan", "LanguagePlan", "ReleaseReport", "ReleasedFile", "Settings", "decide", "release", "translations"]


@dataclass(frozen=True)
class ReleasedFile:
    """One file of the plain release and how much of it is translated."""

    lang: str
    path: str
    translated: int
    fallback: int


@dataclass(frozen=True)
class ReleaseReport:
    """What a release wrote: the plain release's files, and the press kit."""

    files: tuple[ReleasedFile, ...]
    kit: KitReport


def release(
    project: Project,
    out_dir: Path | None = None,
    *,
    threshold: int | None = None,
    include_fuzzy: bool | None = None,
    kit_name: str | None = None,
) -> ReleaseReport:
    """Write every document in every target language to ``<out>/<lang>/<file>`` and build the
    press kit ``<out>/<kit name>/``, ``<out>/<kit name>.zip`` and ``<out>/<kit name>-status.html``.

    Arguments left ``None`` come from ``[release]`` in ``l10n.toml``. Everything is checked before
    anything is written; the kit is built aside and swapped in whole, so a failed release leaves
    the previous kit as it was.
    """
    config = project.config
    settings = settings_for(config, out_dir, threshold=threshold, include_fuzzy=include_fuzzy, kit_name=kit_name)
    kit = KitWriter(project, settings)
    check_release_paths(config, settings.out, settings.kit_name, settings.out_key)
    for lang in config.target_languages:
        clean_stale(settings.out / lang, recursive=True)  # what a killed release left
    files: list[ReleasedFile] = []
    with kit.staged():
        for path in project.source_files():
            plan = plan_document(project, path, settings)
            files.extend(write_plain(project, settings.out, plan))
            kit.add(plan)
        report = kit.finish()
    return ReleaseReport(tuple(files), report)


def write_plain(project: Project, out: Path, plan: DocumentPlan) -> list[ReleasedFile]:
    """Write ``plan``'s document in each target language to ``out/<lang>/<file>``."""
    written = []
    for language in plan.targets:
        target = out / language.lang / plan.rel
        atomic_write(target, language.data)
        fallback = len(plan.document.segments) - language.translated
        written.append(ReleasedFile(language.lang, project.display(target), language.translated, fallback))
    return written
