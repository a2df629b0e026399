"""The user's files: atomic, durable replacement and private permissions.

Decision (documented in :mod:`webphone.userfiles`): files are ``0600`` and Webphone's own
directories ``0700``; a file or directory of ours that an older version (or a loose umask)
left readable by others is tightened when Webphone next opens it. Parents Webphone merely
lives under (``~/.config``) are never changed.
"""

from __future__ import annotations

import json
import logging
import os
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from webphone import userfiles
from webphone.quality.insights import InsightsStore
from webphone.sdk.core.log import SECRETS, PrivateLogFile
from webphone.ui.settings import Settings
from webphone.userfiles import atomic_write, open_private, private_dir, private_file


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def loose_umask() -> Iterator[None]:
    """The common desktop umask: without our care files would come out 0644 / 0755."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def loose_dir(tmp_path: Path) -> Path:
    """A directory an older version created world-readable, holding a 0644 file."""
    directory = tmp_path / "webphone"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    return directory


def _loose_file(path: Path, text: str = "old") -> Path:
    path.write_text(text)
    os.chmod(path, 0o644)
    return path


# -- atomic_write ---------------------------------------------------------------------------


def test_new_file_is_private_in_new_private_dirs(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "settings.json"
    atomic_write(target, '{"x": 1}\n')
    assert target.read_text() == '{"x": 1}\n'
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert os.listdir(target.parent) == ["settings.json"], "no temporary file is left"


def test_looser_existing_file_and_dir_are_tightened(loose_dir: Path) -> None:
    target = _loose_file(loose_dir / "settings.json")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert (mode(target), mode(loose_dir)) == (0o600, 0o700)


def test_parent_directories_we_do_not_own_keep_their_mode(tmp_path: Path) -> None:
    shared = tmp_path / "config"
    shared.mkdir(mode=0o755)
    atomic_write(shared / "webphone" / "settings.json", "{}")
    assert mode(shared) == 0o755, "~/.config-like parents stay as they are"
    assert mode(shared / "webphone") == 0o700
    private_dir(shared / "state" / "webphone" / "log")
    created = [shared / "state", shared / "state" / "webphone", shared / "state/webphone/log"]
    assert [mode(d) for d in created] == [0o700] * 3, "what we create is private"


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "settings.json"
    atomic_write(target, "good")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(userfiles.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        atomic_write(target, "half-written")
    assert target.read_text() == "good"
    assert os.listdir(tmp_path) == ["settings.json"], "the temporary file is removed"


def test_concurrent_writers_never_collide(tmp_path: Path) -> None:
    """A fixed temporary name (``settings.tmp``) made one writer rename the other's file
    away: each writer must get its own."""
    target = tmp_path / "settings.json"
    versions = {f"writer {n} " * 1000 for n in range(4)}
    errors: list[BaseException] = []

    def write(text: str) -> None:
        try:
            for _ in range(50):
                atomic_write(target, text)
                assert target.read_text() in versions
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(text,)) for text in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_text() in versions


def test_stale_temporary_files_are_swept_fresh_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    stale = tmp_path / ".settings.json.killed.tmp"  # a writer SIGKILLed mid-write
    fresh = tmp_path / ".settings.json.writing.tmp"  # another writer, busy right now
    other = tmp_path / ".contacts.json.old.tmp"  # another file's: not ours to judge
    for path in (stale, fresh, other):
        path.write_text("partial")
    old = time.time() - userfiles.STALE_AFTER - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write(target, "{}")
    assert not stale.exists()
    assert fresh.exists() and other.exists()


def test_shared_sticky_dirs_and_home_are_never_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``$WEBPHONE_INSIGHTS_DB=/tmp/x.db`` must not close /tmp (1777) to everyone else,
    nor ``$WEBPHONE_CONFIG_DIR=$HOME`` the home directory."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    atomic_write(shared / "x.json", "{}")
    assert mode(shared) == 0o1777
    assert mode(shared / "x.json") == 0o600
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    monkeypatch.setenv("HOME", str(home))
    atomic_write(home / "settings.json", "{}")
    assert mode(home) == 0o755


def test_a_symlinked_file_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.json"
    atomic_write(real, "old")
    link = tmp_path / "config" / "settings.json"
    link.parent.mkdir()
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


# -- private files, log files -------------------------------------------------------------


def test_private_file_creates_or_tightens_without_touching_content(loose_dir: Path) -> None:
    new = private_file(loose_dir / "new.db")
    assert new.read_bytes() == b"" and mode(new) == 0o600
    old = private_file(_loose_file(loose_dir / "old.db", "keep me"))
    assert old.read_text() == "keep me" and mode(old) == 0o600
    assert mode(loose_dir) == 0o700


def test_open_private_appends_to_a_private_file(loose_dir: Path) -> None:
    path = _loose_file(loose_dir / "x.log", "one\n")
    with open_private(path) as handle:
        handle.write("two\n")
    assert path.read_text() == "one\ntwo\n" and mode(path) == 0o600
    with pytest.raises(ValueError, match="mode"):
        open_private(path, "rb")


def test_log_file_and_its_backups_are_private_and_redacted(loose_dir: Path) -> None:
    logs = private_dir(loose_dir / "logs")
    os.chmod(logs, 0o755)
    old_backup = _loose_file(logs / "webphone.log.1", "an older version's log\n")
    handler = PrivateLogFile(logs / "webphone.log", 300, 3, "%(name)s: %(message)s")
    logger = logging.getLogger("tests.plain.logger")  # not a SafeLogger: no redaction of its own
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    SECRETS.add("hunter2-file-secret")
    try:
        for n in range(20):  # several rollovers
            logger.info('line %d password hunter2-file-secret response="abc%d"', n, n)
    finally:
        logger.removeHandler(handler)
        handler.close()
        SECRETS.discard("hunter2-file-secret")
    files = sorted(logs.iterdir())
    assert [f.name for f in files] == [
        "webphone.log",
        "webphone.log.1",
        "webphone.log.2",
        "webphone.log.3",
    ]
    assert mode(logs) == 0o700
    assert all(mode(f) == 0o600 for f in files), {f.name: oct(mode(f)) for f in files}
    text = "".join(f.read_text() for f in files)
    assert "line 19" in text
    assert "hunter2-file-secret" not in text and 'response="abc' not in text
    assert old_backup.exists()


# -- settings and the insights database ------------------------------------------------------


def test_settings_are_private_and_loading_tightens_an_old_install(
    loose_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBPHONE_CONFIG_DIR", str(loose_dir))
    old = _loose_file(loose_dir / "settings.json", json.dumps({"history": ["bob"]}))
    assert Settings.load().history == ["bob"]
    assert (mode(old), mode(loose_dir)) == (0o600, 0o700)
    settings = Settings(history=["carol"])
    settings.save()
    assert json.loads(old.read_text())["history"] == ["carol"]
    assert mode(old) == 0o600
    assert sorted(os.listdir(loose_dir)) == ["settings.json"]


def test_insights_database_and_journal_are_private(loose_dir: Path) -> None:
    path = loose_dir / "insights.sqlite3"
    with InsightsStore(path) as store:
        store.start_call("c1", "outgoing", "alice", "bob", 1.0)
        files = sorted(p.name for p in loose_dir.iterdir())
        assert files == ["insights.sqlite3", "insights.sqlite3-shm", "insights.sqlite3-wal"]
        assert all(mode(loose_dir / f) == 0o600 for f in files)
    assert mode(loose_dir) == 0o700
    # An older version's world-readable database is tightened on open, data kept.
    for name in os.listdir(loose_dir):
        os.chmod(loose_dir / name, 0o644)
    os.chmod(loose_dir, 0o755)
    with InsightsStore(path) as store:
        assert [c["call_uuid"] for c in store.history()] == ["c1"]
        assert all(mode(p) == 0o600 for p in loose_dir.iterdir())
    assert mode(loose_dir) == 0o700


def test_an_in_memory_database_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with InsightsStore(":memory:") as store:
        store.start_call("c1", "outgoing", "alice", "bob", 1.0)
    assert os.listdir(tmp_path) == []
