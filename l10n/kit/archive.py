"""A reproducible zip: the same files give the same bytes.

Entries are sorted, every timestamp is the kit's build time (see :func:`l10n.kit.build.build_time`),
permissions are fixed (0644 files, 0755 folders) and the creating system is always Unix, so
nothing of the machine or the moment of the build leaks into the archive.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Iterable

from ..fs import atomic_writer

# The zip format cannot store times before 1980.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def zip_time(moment: datetime) -> tuple[int, int, int, int, int, int]:
    """``moment`` as a zip entry's date_time (clamped to the format's range; seconds made even)."""
    stamp = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second - moment.second % 2)
    return max(_ZIP_EPOCH, min(stamp, (2107, 12, 31, 23, 59, 58)))


def write_reproducible_zip(target: BinaryIO, root: Path, names: Iterable[str], prefix: str, moment: datetime) -> None:
    """Zip the files ``names`` (relative to ``root``) into ``target`` as ``<prefix>/<name>``.

    Folder entries are added, everything is sorted and stamped ``moment``. Files are read one at a
    time, so memory does not grow with the size of the kit.
    """
    date_time = zip_time(moment)
    files = [f"{prefix}/{name}" for name in names]
    folders = {"/".join(path.split("/")[:i]) + "/" for path in files for i in range(1, path.count("/") + 1)}
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted([*folders, *files]):
            info = zipfile.ZipInfo(path, date_time)
            info.create_system = 3  # Unix, whatever builds it
            if path.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            # One file in memory at a time: a page of one document.
            archive.writestr(info, (root / path[len(prefix) + 1 :]).read_bytes(), compresslevel=9)


def write_archive(archive: Path, root: Path, names: list[str], prefix: str, moment: datetime) -> None:
    """:func:`write_reproducible_zip` into the file ``archive``, atomically (a temporary file,
    fsync, rename): a failed build leaves the previous archive as it was."""
    with atomic_writer(archive, "w+b") as handle:
        write_reproducible_zip(handle, root, names, prefix, moment)
