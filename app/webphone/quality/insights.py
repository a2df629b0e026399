"""Local call insights: every call's record, quality samples, warnings and feedback in SQLite.

The reference SDK sends these numbers to its vendor's cloud; Webphone keeps them in a
database in the user's data directory (:func:`default_path`) that the GUI and
``webphone-cli history`` / ``insights`` read.

- Schema versioned by ``PRAGMA user_version`` with forward-only migrations
  (:data:`MIGRATIONS`; an older file is upgraded on open, a newer one refused).
- WAL journal, ``synchronous=NORMAL``: every write is its own committed transaction, so a
  process killed mid-call leaves the call recorded up to its last sample (WAL commits
  survive a process crash; only an OS crash can lose the last ones), and a reader (the
  CLI) never blocks the writer.
- A SIGKILL at any moment leaves the last committed version: WAL appends each commit to
  the -wal file before the commit returns and a reader ignores an incomplete frame, so the
  page cache holds every finished transaction; ``synchronous=FULL`` would only add
  survival of the last commits across a power loss, at an fsync per sample.
- The database (and so its -wal/-shm files, which SQLite creates with its mode) is
  ``0600`` in a ``0700`` directory (:mod:`webphone.userfiles`): it names everyone called.
- Parameterised queries only: a note can hold anything a user types.
- One connection guarded by a lock: one writer on the asyncio thread, readers anywhere.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import platformdirs

from ..userfiles import NewerSchema, apply_migrations, connect_private_database, use_wal
from .sample import FIELDS, QualitySample

APP_NAME = "webphone"
FILE_NAME = "insights.sqlite3"

MIGRATIONS: tuple[str, ...] = (
    # 1: calls, their samples and warnings.
    """
    CREATE TABLE calls (
        call_uuid TEXT PRIMARY KEY,
        direction TEXT NOT NULL,
        src TEXT NOT NULL,
        dest TEXT NOT NULL,
        started_at REAL NOT NULL,
        ended_at REAL,
        outcome TEXT,
        cause TEXT,
        codec TEXT,
        bitrate INTEGER,
        mos_min REAL,
        mos_avg REAL
    );
    CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        call_uuid TEXT NOT NULL REFERENCES calls(call_uuid) ON DELETE CASCADE,
        t REAL NOT NULL,
        jitter_local_ms REAL,
        jitter_remote_ms REAL,
        rtt_ms REAL,
        loss_local REAL,
        loss_remote REAL,
        packets_sent INTEGER,
        packets_received INTEGER,
        bytes_sent INTEGER,
        audio_level_local_db REAL,
        audio_level_remote_db REAL,
        mos REAL,
        codec TEXT NOT NULL
    );
    CREATE TABLE warnings (
        id INTEGER PRIMARY KEY,
        call_uuid TEXT NOT NULL REFERENCES calls(call_uuid) ON DELETE CASCADE,
        at REAL NOT NULL,
        payload TEXT NOT NULL
    );
    """,
    # 2: feedback (kept for calls the database never saw, hence no foreign key), crashes,
    # and indexes for the per-call queries.
    """
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        call_uuid TEXT NOT NULL,
        at REAL NOT NULL,
        rating INTEGER NOT NULL,
        issues TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE TABLE crashes (
        id INTEGER PRIMARY KEY,
        at REAL NOT NULL,
        traceback TEXT NOT NULL
    );
    CREATE INDEX samples_by_call ON samples(call_uuid, t);
    CREATE INDEX warnings_by_call ON warnings(call_uuid, at);
    CREATE INDEX feedback_by_call ON feedback(call_uuid, at);
    CREATE INDEX calls_by_start ON calls(started_at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

_CALL_COLUMNS = (
    "call_uuid, direction, src, dest, started_at, ended_at, outcome, cause, codec, "
    "bitrate, mos_min, mos_avg"
)
_SAMPLE_INSERT = (
    f"INSERT INTO samples (call_uuid, {', '.join(FIELDS)}) "
    f"VALUES (?, {', '.join('?' for _ in FIELDS)})"
)


class InsightsError(Exception):
    """The database cannot be used (or a write refers to an unknown call); says why."""


def default_path() -> Path:
    """Where the database lives: ``$WEBPHONE_INSIGHTS_DB``, else the user's data directory
    (``$WEBPHONE_CONFIG_DIR`` replaces it, as for the app's other files)."""
    override = os.environ.get("WEBPHONE_INSIGHTS_DB")
    if override:
        return Path(override)
    base = os.environ.get("WEBPHONE_CONFIG_DIR") or platformdirs.user_data_dir(APP_NAME)
    return Path(base) / FILE_NAME


def migrate(connection: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring *connection*'s schema up to version *target*; the version it had before."""
    try:
        return apply_migrations(connection, MIGRATIONS, target)
    except NewerSchema as exc:
        raise InsightsError(
            f"the insights database has schema version {exc.version}, newer than this "
            f"Webphone's {SCHEMA_VERSION}; upgrade Webphone to read it"
        ) from None


class InsightsStore:
    """The insights database at *path* (created, or migrated, on open)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self._db = connect_private_database(path)
        except (OSError, sqlite3.Error) as exc:
            raise InsightsError(f"cannot open the insights database {self.path}: {exc}") from exc
        try:
            self._db.row_factory = sqlite3.Row
            use_wal(self._db)
            migrate(self._db)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise InsightsError(f"{self.path} is not a usable insights database: {exc}") from exc
        except InsightsError:
            self._db.close()
            raise

    # -- writes (each one committed on its own) -------------------------------------------

    def _write(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        with self._lock:
            try:
                return self._db.execute(sql, params)
            except sqlite3.IntegrityError as exc:
                raise InsightsError(f"insights write refused: {exc}") from exc

    def start_call(
        self, call_uuid: str, direction: str, src: str, dest: str, started_at: float
    ) -> bool:
        """Record a new call; False (and no change) if *call_uuid* is already recorded."""
        cursor = self._write(
            "INSERT INTO calls (call_uuid, direction, src, dest, started_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_uuid) DO NOTHING",
            (call_uuid, direction, src, dest, started_at),
        )
        return cursor.rowcount == 1

    def add_sample(self, call_uuid: str, sample: QualitySample) -> None:
        """Append one quality sample to a started call."""
        self._write(_SAMPLE_INSERT, (call_uuid, *sample.as_dict().values()))

    def add_warning(self, call_uuid: str, payload: Mapping[str, Any], at: float) -> None:
        """Record one mediaMetrics payload (raised or cleared) of a started call."""
        self._write(
            "INSERT INTO warnings (call_uuid, at, payload) VALUES (?, ?, ?)",
            (call_uuid, at, json.dumps(dict(payload), ensure_ascii=False)),
        )

    def end_call(
        self,
        call_uuid: str,
        ended_at: float,
        outcome: str,
        cause: str | None,
        codec: str | None,
        bitrate: int | None,
    ) -> None:
        """Close a call's record with its outcome and the MOS summary of its samples."""
        cursor = self._write(
            "UPDATE calls SET ended_at = ?, outcome = ?, cause = ?, codec = ?, bitrate = ?, "
            "mos_min = (SELECT MIN(mos) FROM samples WHERE call_uuid = calls.call_uuid), "
            "mos_avg = (SELECT AVG(mos) FROM samples WHERE call_uuid = calls.call_uuid) "
            "WHERE call_uuid = ?",
            (ended_at, outcome, cause, codec, bitrate, call_uuid),
        )
        if cursor.rowcount != 1:
            raise InsightsError(f"insights write refused: no call {call_uuid!r} recorded")

    def add_feedback(
        self,
        call_uuid: str,
        rating: int,
        issues: Sequence[str],
        note: str,
        at: float | None = None,
    ) -> None:
        """Record the user's rating of a call (validated by the caller)."""
        self._write(
            "INSERT INTO feedback (call_uuid, at, rating, issues, note) VALUES (?, ?, ?, ?, ?)",
            (call_uuid, time.time() if at is None else at, rating, json.dumps(list(issues)), note),
        )

    def add_crash(self, traceback_text: str, at: float) -> None:
        """Record an unhandled exception's traceback."""
        self._write("INSERT INTO crashes (at, traceback) VALUES (?, ?)", (at, traceback_text))

    # -- queries ----------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(row) for row in self._db.execute(sql, params)]

    def history(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest *limit* calls, newest first, with duration, counts and rating."""
        return self._rows(
            f"SELECT {_CALL_COLUMNS}, ended_at - started_at AS duration, "
            "(SELECT COUNT(*) FROM samples s WHERE s.call_uuid = c.call_uuid) AS samples, "
            "(SELECT COUNT(*) FROM warnings w WHERE w.call_uuid = c.call_uuid) AS warnings, "
            "(SELECT rating FROM feedback f WHERE f.call_uuid = c.call_uuid "
            " ORDER BY f.at DESC, f.id DESC LIMIT 1) AS rating "
            "FROM calls c ORDER BY started_at DESC, rowid DESC LIMIT ?",
            (limit,),
        )

    def insights(self, call_uuid: str) -> dict[str, Any] | None:
        """One call's record with its samples, warnings and feedback; None if unknown."""
        calls = self._rows(
            f"SELECT {_CALL_COLUMNS}, ended_at - started_at AS duration "
            "FROM calls WHERE call_uuid = ?",
            (call_uuid,),
        )
        if not calls:
            return None
        record = calls[0]
        record["samples"] = self._rows(
            f"SELECT {', '.join(FIELDS)} FROM samples WHERE call_uuid = ? ORDER BY t, id",
            (call_uuid,),
        )
        record["warnings"] = [
            {"at": row["at"], **json.loads(row["payload"])}
            for row in self._rows(
                "SELECT at, payload FROM warnings WHERE call_uuid = ? ORDER BY at, id",
                (call_uuid,),
            )
        ]
        record["feedback"] = [
            {**row, "issues": json.loads(row["issues"])}
            for row in self._rows(
                "SELECT at, rating, issues, note FROM feedback WHERE call_uuid = ? ORDER BY at, id",
                (call_uuid,),
            )
        ]
        return record

    def crashes(self, limit: int = 50) -> list[dict[str, Any]]:
        """The latest recorded crashes, newest first."""
        return self._rows(
            "SELECT at, traceback FROM crashes ORDER BY at DESC, id DESC LIMIT ?", (limit,)
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> InsightsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
