"""The user's files: private permissions and durable, atomic replacement.

Every file Webphone writes for the user (settings, contacts, logs, the insights
database) goes through here, so that:

- directories are created ``0700`` and files ``0600``: call history, contacts and logs
  are nobody else's business on a shared machine;
- an existing file or directory that is looser (an older version created it ``0644`` /
  ``0755``, or the user's umask did) is tightened when Webphone next opens it. Only
  Webphone's own entries are touched, never the parents it merely lives under
  (``~/.config``, ``~/.local/share``), and only when the user owns them;
- :func:`atomic_write` replaces a file so that a crash or ``SIGKILL`` at any moment
  leaves either the previous complete version or the new complete version, never an
  empty or partial file: the data goes to a unique temporary file in the same directory,
  is fsynced, renamed over the target (``os.replace`` is atomic on POSIX and Windows),
  and the directory is fsynced so the rename itself survives a power loss.

Stdlib only, no other ``webphone`` import: every layer (quality, sdk, ui) may use it.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
#: A temporary file this old is a leftover of a writer that was killed; it is removed.
STALE_AFTER = 60.0
_TMP_SUFFIX = ".tmp"
_POSIX = sys.platform != "win32"


def _tmp_prefix(target: Path) -> str:
    return f".{target.name}."


def tighten(path: str | Path, mode: int) -> None:
    """Remove every permission bit of *path* that *mode* lacks (owned entries only).

    Windows has no such bits; there the user's profile directory already keeps the
    files private.
    """
    if not _POSIX:
        return
    info = os.stat(path)
    if info.st_uid != os.getuid():
        return  # not ours to change (a shared directory the user pointed us at)
    current = stat.S_IMODE(info.st_mode)
    if current & stat.S_ISVTX or (stat.S_ISDIR(info.st_mode) and _is_home(path)):
        # A shared sticky directory (/tmp, which root owns) or the home directory itself,
        # named as Webphone's by an override such as $WEBPHONE_INSIGHTS_DB=/tmp/x.db:
        # closing them would break everyone else's use of them.
        return
    if current & ~mode:
        os.chmod(path, current & mode)


def _is_home(path: str | Path) -> bool:
    try:
        return os.path.samefile(path, Path.home())
    except (OSError, RuntimeError):  # no home directory to compare with
        return False


def private_dir(path: str | Path) -> Path:
    """*path* as an existing ``0700`` directory: created, or tightened if it is looser.

    Missing parents are created ``0700`` too (``~/.local/state/webphone`` for the log
    directory ``.../webphone/log``); parents that already exist are left as they are."""
    directory = Path(path)
    missing: list[Path] = []
    current = directory
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for step in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            step.mkdir(mode=DIR_MODE)
        tighten(step, DIR_MODE)  # mkdir's mode went through the umask
    tighten(directory, DIR_MODE)
    return directory


def private_file(path: str | Path) -> Path:
    """*path* as an existing ``0600`` file in a private directory: created empty if it
    is missing (before a library such as SQLite creates it with the umask's mode), or
    tightened if it is looser. The content is never touched."""
    target = Path(path)
    private_dir(target.parent)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
    os.close(descriptor)
    tighten(target, FILE_MODE)
    return target


def open_private(path: str | Path, mode: str = "a", encoding: str = "utf-8") -> io.TextIOWrapper:
    """``open(path, mode)`` for writing text (``"a"`` or ``"w"``), with the file created
    ``0600`` (never readable by others, not even for a moment) in a private directory; a
    looser existing file is tightened first."""
    if mode not in ("a", "w"):
        raise ValueError(f"open_private writes text: mode 'a' or 'w', not {mode!r}")
    target = Path(path)
    private_dir(target.parent)
    if target.exists():
        tighten(target, FILE_MODE)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    descriptor = os.open(target, flags, FILE_MODE)
    try:
        # the caller closes it; literal modes keep the text-file type for the checker
        if mode == "a":
            return open(descriptor, "a", encoding=encoding)
        return open(descriptor, "w", encoding=encoding)
    except BaseException:
        os.close(descriptor)
        raise


def _fsync_dir(directory: Path) -> None:
    """Make a rename in *directory* durable (POSIX; Windows cannot open directories)."""
    if not _POSIX:
        return
    descriptor = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sweep(target: Path) -> None:
    """Remove temporary files of *target* left by a writer killed mid-write."""
    prefix, now = _tmp_prefix(target), time.time()
    for leftover in target.parent.glob(f"{prefix}*{_TMP_SUFFIX}"):
        with contextlib.suppress(OSError):  # another writer's, or already gone
            if now - leftover.stat().st_mtime > STALE_AFTER:
                leftover.unlink()


def atomic_write(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Replace *path* with *data*, durably and atomically, as a ``0600`` file in a
    ``0700`` directory. Raises ``OSError`` (the old file is then unchanged).

    A symbolic link (settings kept in a dotfiles repository) stays a link: the file it
    points to is replaced."""
    target = Path(os.path.realpath(path))
    directory = private_dir(target.parent)
    payload = data.encode(encoding) if isinstance(data, str) else data
    # mkstemp: a unique name (two writers never share a temporary file), created 0600.
    descriptor, tmp_name = tempfile.mkstemp(
        dir=directory, prefix=_tmp_prefix(target), suffix=_TMP_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())  # the data is on disk before the name points at it
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(directory)
    _sweep(target)


__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "atomic_write",
    "open_private",
    "private_dir",
    "private_file",
    "tighten",
]


#: SQLite's name for a database that lives in memory only (no file to protect).
MEMORY_DATABASE = ":memory:"


def connect_private_database(path: str | Path) -> sqlite3.Connection:
    """A connection to our SQLite database at *path*, its file 0600 like every user file.

    The file is created 0600 before SQLite opens it, so the -wal and -shm files SQLite
    makes take its mode; companions an older version left looser are tightened. Raises
    ``OSError`` or ``sqlite3.Error``: the caller names the database in its own error.
    """
    if str(path) != MEMORY_DATABASE:
        file = private_file(path)
        for companion in ("-wal", "-shm", "-journal"):
            extra = file.with_name(file.name + companion)
            if extra.exists():
                tighten(extra, FILE_MODE)
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5.0)


def use_wal(db: sqlite3.Connection) -> None:
    """WAL with ``synchronous = NORMAL``, and foreign keys on: a SIGKILL at any point
    leaves the last committed transaction (each commit reaches the WAL before it
    returns); ``FULL`` would add only survival of a power cut, at an fsync per write.
    Raises ``sqlite3.DatabaseError`` when the file is not a database."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")


class NewerSchema(Exception):
    """The database was written by a newer Webphone: its schema *version* is past the
    *supported* one."""

    def __init__(self, version: int, supported: int) -> None:
        super().__init__(f"schema version {version}, newer than {supported}")
        self.version = version
        self.supported = supported


def apply_migrations(
    db: sqlite3.Connection, migrations: Sequence[str], target: int | None = None
) -> int:
    """Bring *db*'s schema (``PRAGMA user_version``) up to *target* (default: all of
    *migrations*, the SQL of version 1, 2, ...); returns the version it had before.
    Raises :class:`NewerSchema` when it is past them."""
    supported = len(migrations)
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version > supported:
        raise NewerSchema(int(version), supported)
    for number in range(version + 1, (supported if target is None else target) + 1):
        # executescript commits first; the version bump is part of the same script, so a
        # crash in between leaves the old version and the migration is redone.
        db.executescript(f"BEGIN; {migrations[number - 1]} PRAGMA user_version = {number}; COMMIT;")
    return int(version)
