"""The errors l10n raises. Each carries a message a user can act on.

Library code raises these and never prints or exits; the CLI turns them into one line on stderr
and exit code 1.
"""

from __future__ import annotations

import errno
from pathlib import Path


class L10nError(Exception):
    """A problem the user can fix: bad input, a missing model, a broken catalog.

    ``path`` and ``line`` point at the offending input when there is one; ``hint`` says what to do.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class ConfigError(L10nError):
    """``l10n.toml`` is missing, malformed or names something that does not exist."""


class SourceError(L10nError):
    """A source document cannot be read or segmented."""


class CatalogError(L10nError):
    """A PO/POT file is broken or does not belong where it is."""


class EngineError(L10nError):
    """A translation engine is unknown, unavailable or has no model for a language pair."""


class ModelMissing(EngineError):
    """No model is installed for ``source`` -> ``target``: sentences wait, nothing is wrong.

    ``l10n translate`` reports how many sentences wait and still writes templates and catalogs.
    """

    def __init__(self, message: str, *, source: str, target: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.source = source
        self.target = target


def cannot_read(exc: OSError, path: str | Path, kind: type[L10nError] = L10nError) -> L10nError:
    """The one-line error for a file that could not be read, of class ``kind``.

    >>> print(cannot_read(FileNotFoundError(2, "No such file or directory"), "memory.tmx"))
    memory.tmx: file not found
    >>> print(cannot_read(PermissionError(13, "Permission denied"), "en/a.po"))
    en/a.po: cannot read: Permission denied
    """
    if isinstance(exc, FileNotFoundError):
        return kind("file not found", path=path)
    if isinstance(exc, IsADirectoryError):
        return kind("is a folder, not a file", path=path)
    return kind(f"cannot read: {exc.strerror}", path=path)


def cannot_write(exc: OSError, path: str | Path, kind: type[L10nError] = L10nError) -> L10nError:
    """The one-line error for a write that failed (nothing was changed: writes are atomic).

    >>> print(cannot_write(OSError(28, "No space left on device"), "en/a.po"))
    en/a.po: cannot write: No space left on device (free some disk space and run again)
    """
    hints = {errno.ENOSPC: "free some disk space and run again", errno.EDQUOT: "free some disk space and run again",
             errno.EROFS: "the file system is read-only", errno.EACCES: "make it writable", errno.EPERM: "make it writable",
             errno.EISDIR: "a folder is in the way: name a file", errno.ENOTDIR: "a file is in the way of a folder"}
    return kind(f"cannot write: {exc.strerror or exc}", path=path, hint=hints.get(exc.errno, "nothing was changed"))
