"""The project lock: one writing run (``l10n translate``) at a time per project.

A second run either stops at once with a clear message or waits up to a timeout. The lock is an
``fcntl.flock`` on ``.l10n/lock``, so the kernel releases it when the holder dies, even by
``kill -9``: a stale lock file never blocks a later run. The file also records who holds it, only
for the message.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import L10nError

LOCK_NAME = "lock"
POLL_SECONDS = 0.1


class LockedError(L10nError):
    """Another l10n run holds the project lock."""


def refuse_link(path: Path) -> None:
    """Raise :class:`L10nError` if ``path`` (a file in ``.l10n/``) is a symbolic link.

    l10n writes, truncates and replaces its state files; following a link there would damage
    whatever the link points at (a catalog, say).
    """
    if path.is_symlink():
        raise L10nError(
            "is a symbolic link; l10n does not follow links in its state folder",
            path=path,
            hint=f"delete the link ({path.name} is l10n's own file and is made again)",
        )


@contextmanager
def project_lock(state_dir: Path, *, wait: float = 0.0, what: str = "l10n translate") -> Iterator[Path]:
    """Hold the project lock in ``state_dir`` for the ``with`` block.

    ``wait`` is how many seconds to wait for another run to finish; 0 stops at once.
    Raises :class:`LockedError` naming the holder if the lock is not free in time.
    """
    path = state_dir / LOCK_NAME
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        refuse_link(path)
        # O_NOFOLLOW as well: a link made between the check and the open is not followed either.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            refuse_link(path)
        raise L10nError(f"cannot create the project lock: {exc.strerror}", path=path, hint="l10n needs a writable project folder") from None
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise L10nError(f"cannot lock: {exc.strerror}", path=path) from None
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another run is working on this project ({_holder(path)})",
                        path=path,
                        hint="wait for it to finish, or pass --wait SECONDS",
                    ) from None
                time.sleep(POLL_SECONDS)
        # Who holds it, for the other run's message; written only once we hold the lock.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{what}; pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing releases the flock


@contextmanager
def folder_lock(folder: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file is left in it); stop at once if taken."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise L10nError(f"cannot open: {exc.strerror}", path=folder) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise L10nError(f"cannot lock: {exc.strerror}", path=folder) from None
            raise LockedError(f"another {what} is working in this folder", path=folder, hint="wait for it to finish") from None
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "holder unknown"
