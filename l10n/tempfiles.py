"""Temporary files and folders l10n makes beside what it writes, and the clean-up of stale ones.

Every temporary name carries l10n's tag and the writer's process id:
``.<name>.l10n<pid>-<random>[.tmp]``. A run that is killed (``kill -9``, a power cut) cannot
remove its own; a later run removes those whose process is gone, or that are older than
:data:`STALE_SECONDS` (a process id may be reused after a reboot). A live run's files are never
touched, and nothing without the tag is: a user's own dot-files stay.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

TAG = "l10n"
STALE_SECONDS = 24 * 3600
_TEMP = re.compile(rf"^\..*\.{TAG}(\d+)-[^./]+(?:\.tmp)?$")


def temp_prefix(name: str) -> str:
    """The start of a temporary name for ``name``, tagged with this process.

    >>> temp_prefix("a.po").startswith(".a.po.l10n")
    True
    """
    return f".{name}.{TAG}{os.getpid()}-"


def make_temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file in ``folder`` for ``name``: ``(fd, path)`` as :func:`tempfile.mkstemp`."""
    return tempfile.mkstemp(prefix=temp_prefix(name), suffix=".tmp", dir=folder)


def make_temp_dir(folder: Path, name: str) -> Path:
    """A new temporary folder in ``folder`` for ``name``."""
    return Path(tempfile.mkdtemp(prefix=temp_prefix(name), dir=folder))


def is_temp(name: str) -> bool:
    """Whether ``name`` is one of l10n's temporary names.

    >>> is_temp(".a.po.l10n4242-x1y2.tmp"), is_temp(".installing.l10n7-abc"), is_temp(".gitignore")
    (True, True, False)
    """
    return _TEMP.match(name) is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def is_stale(path: Path, now: float | None = None) -> bool:
    """Whether the temporary ``path`` was left by a run that is gone (or is a day old)."""
    found = _TEMP.match(path.name)
    if found is None:
        return False
    try:
        age = (now or time.time()) - path.lstat().st_mtime
    except OSError:
        return False
    pid = int(found.group(1))
    return age > STALE_SECONDS or (pid != os.getpid() and not _alive(pid))


def clean_stale(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Remove stale temporary files and folders in ``folder`` (and below); return what was removed."""
    removed: list[Path] = []
    for top, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(top, name)
            if is_stale(path):
                try:
                    shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
                except OSError:
                    continue  # another run removed it first, or it is not ours to remove
                removed.append(path)
        dirs[:] = [d for d in dirs if recursive and not is_temp(d)]
    return removed
