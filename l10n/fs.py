"""Writing files safely: atomic replacement, and the temporary files and folders l10n makes beside
what it writes, with the clean-up of stale ones.

:func:`atomic_write` is the one way l10n replaces a file: readers see the old file or the new one,
never half, and a failed write leaves the old one as it was.

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
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from .errors import cannot_write

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


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    A write that fails (a full disk, a read-only folder, a folder in the file's place) leaves the
    old file as it was and raises :class:`~l10n.errors.L10nError` naming the file.
    """
    with atomic_writer(path) as handle:
        handle.write(data)


@contextmanager
def atomic_writer(path: Path, mode: str = "wb", **options) -> Iterator[IO]:
    """A file handle whose content replaces ``path`` atomically when the block ends without error.

    For content written piece by piece (a zip, a page streamed from temporary parts). The file
    keeps the old file's permissions (0644 for a new one); an exception inside the block, or a
    failed write, leaves the old file as it was and removes the temporary one. ``OSError`` becomes
    :class:`~l10n.errors.L10nError` naming the file.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_writer(target, "w", encoding="utf-8") as out:
    ...     _ = out.write("eins")
    >>> target.read_text(encoding="utf-8")
    'eins'
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = make_temp_file(path.parent, path.name)
    except OSError as exc:
        raise cannot_write(exc, path) from None
    try:
        with os.fdopen(fd, mode, **options) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise cannot_write(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


