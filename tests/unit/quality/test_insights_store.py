"""The local insights database: round trip, anything a user types, migrations, SIGKILL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from webphone.quality.insights import (
    SCHEMA_VERSION,
    InsightsError,
    InsightsStore,
    default_path,
    migrate,
)
from webphone.quality.sample import QualitySample

ROOT = Path(__file__).resolve().parents[3]
NASTY = [
    "Robert'); DROP TABLE calls;--",
    "a \"quoted\" note with 'single' quotes, 100% _wild_ [chars] \\ backslash",
    "ünïcödé, 中文, العربية, emoji 📞🔇, zero\u200bwidth",
    "line one\nline two\r\n\ttabbed; SELECT * FROM feedback WHERE 1=1 OR ''='",
    "nul \x00 inside",
    "",
]


def sample(t: float, mos: float | None = 4.2, **kw: object) -> QualitySample:
    return QualitySample(t=t, jitter_local_ms=3.5, rtt_ms=42.0, loss_local=0.01, mos=mos, **kw)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[InsightsStore]:
    db = InsightsStore(tmp_path / "sub" / "insights.sqlite3")
    yield db
    db.close()


def test_a_call_round_trips(store: InsightsStore) -> None:
    assert store.start_call("c1", "OUTGOING", "alice", "sip:echo@demo", 1000.0)
    for i, m in enumerate([4.3, 3.1, None, 3.8]):
        store.add_sample("c1", sample(5.0 * (i + 1), m, codec="pcmu", bytes_sent=9000))
    payload = {"group": "network", "level": "warning", "type": "high_rtt", "value": "512.00",
               "active": True, "desc": "high latency", "stream": "None"}  # fmt: skip
    store.add_warning("c1", payload, 1012.5)
    store.end_call("c1", 1030.0, "answered", "NORMAL_CLEARING", "pcmu", 64000)
    store.add_feedback("c1", 3, ["ECHO", "AUDIO_LAG"], "echo on my side", at=1031.0)

    [row] = store.history()
    assert row["call_uuid"] == "c1"
    assert row["direction"] == "OUTGOING"
    assert row["duration"] == pytest.approx(30.0)
    assert row["mos_min"] == pytest.approx(3.1)
    assert row["mos_avg"] == pytest.approx((4.3 + 3.1 + 3.8) / 3)  # unknown MOS not counted
    assert (row["samples"], row["warnings"], row["rating"]) == (4, 1, 3)
    assert (row["outcome"], row["cause"], row["codec"], row["bitrate"]) == (
        "answered", "NORMAL_CLEARING", "pcmu", 64000
    )  # fmt: skip

    record = store.insights("c1")
    assert record is not None
    assert [s["t"] for s in record["samples"]] == [5.0, 10.0, 15.0, 20.0]
    assert record["samples"][0] == sample(5.0, 4.3, codec="pcmu", bytes_sent=9000).as_dict()
    assert record["samples"][2]["mos"] is None
    assert record["warnings"] == [{"at": 1012.5, **payload}]
    assert record["feedback"] == [
        {"at": 1031.0, "rating": 3, "issues": ["ECHO", "AUDIO_LAG"], "note": "echo on my side"}
    ]
    assert store.insights("nope") is None


def test_history_is_newest_first_and_limited(store: InsightsStore) -> None:
    for i in range(5):
        store.start_call(f"c{i}", "INCOMING", f"caller{i}", "alice", 100.0 + i)
    assert [r["call_uuid"] for r in store.history(limit=3)] == ["c4", "c3", "c2"]
    assert store.history(limit=3)[0]["duration"] is None  # still running


@pytest.mark.parametrize("text", NASTY)
def test_anything_a_user_types_is_stored_verbatim(store: InsightsStore, text: str) -> None:
    store.start_call(text or "empty", "INCOMING", text, text, 1.0)
    store.add_feedback(text or "empty", 1, ["OTHERS"], text)
    record = store.insights(text or "empty")
    assert record is not None
    assert (record["src"], record["dest"]) == (text, text)
    assert record["feedback"][0]["note"] == text
    assert len(store.history()) == 1  # the tables are all still there


def test_feedback_for_a_call_the_database_never_saw_is_kept(store: InsightsStore) -> None:
    store.add_feedback("older-call", 5, [], "")
    assert store.insights("older-call") is None
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("SELECT call_uuid, rating FROM feedback").fetchall() == [
            ("older-call", 5)
        ]


def test_writes_for_unknown_calls_are_clear_errors(store: InsightsStore) -> None:
    with pytest.raises(InsightsError, match="insights write refused: FOREIGN KEY"):
        store.add_sample("ghost", sample(1.0))
    with pytest.raises(InsightsError, match="insights write refused: FOREIGN KEY"):
        store.add_warning("ghost", {"type": "x"}, 1.0)
    with pytest.raises(InsightsError) as info:
        store.end_call("ghost", 2.0, "failed", None, None, None)
    assert str(info.value) == "insights write refused: no call 'ghost' recorded"


def test_a_call_uuid_is_recorded_once(store: InsightsStore) -> None:
    assert store.start_call("dup", "INCOMING", "bob", "alice", 1.0)
    assert not store.start_call("dup", "OUTGOING", "x", "y", 2.0)
    record = store.insights("dup")
    assert record is not None and record["src"] == "bob"


def test_crashes_are_recorded(store: InsightsStore) -> None:
    store.add_crash("Traceback (most recent call last):\n  ...\nKeyError: 'x'", 10.0)
    store.add_crash("second", 11.0)
    assert [c["traceback"] for c in store.crashes()] == [
        "second",
        "Traceback (most recent call last):\n  ...\nKeyError: 'x'",
    ]


def test_wal_mode_and_schema_version(store: InsightsStore) -> None:
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_reader_sees_each_sample_as_soon_as_it_is_written(store: InsightsStore) -> None:
    store.start_call("live", "OUTGOING", "a", "b", 1.0)
    reader = InsightsStore(store.path)
    try:
        for i in range(3):
            store.add_sample("live", sample(float(i)))
            record = reader.insights("live")
            assert record is not None and len(record["samples"]) == i + 1
    finally:
        reader.close()


def test_migration_from_version_1_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as raw:
        assert migrate(raw, target=1) == 0
        raw.execute(
            "INSERT INTO calls (call_uuid, direction, src, dest, started_at, ended_at, "
            "mos_min, mos_avg) VALUES ('old', 'INCOMING', 'bob', 'alice', 5, 65, 3.9, 4.1)"
        )
        raw.execute("INSERT INTO samples (call_uuid, t, mos, codec) VALUES ('old', 5, 3.9, 'opus')")
        raw.commit()
        assert raw.execute("PRAGMA user_version").fetchone() == (1,)
    raw.close()
    with InsightsStore(path) as store:
        [row] = store.history()
        assert (row["call_uuid"], row["duration"], row["samples"]) == ("old", 60.0, 1)
        store.add_feedback("old", 4, ["ECHO"], "after the upgrade")
        store.add_crash("tb", 1.0)
        record = store.insights("old")
        assert record is not None and record["feedback"][0]["note"] == "after the upgrade"
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        indexes = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "samples_by_call" in indexes
    raw.close()


def test_a_newer_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(InsightsError) as info:
        InsightsStore(path)
    assert str(info.value) == (
        f"the insights database has schema version 99, newer than this Webphone's "
        f"{SCHEMA_VERSION}; upgrade Webphone to read it"
    )


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(InsightsError) as info:
        InsightsStore(path)
    assert str(info.value) == f"{path} is not a usable insights database: file is not a database"


def test_an_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InsightsError, match="cannot open the insights database"):
        InsightsStore(blocker / "insights.sqlite3")


def test_default_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("WEBPHONE_INSIGHTS_DB", str(tmp_path / "x.db"))
    assert default_path() == tmp_path / "x.db"
    monkeypatch.delenv("WEBPHONE_INSIGHTS_DB")
    monkeypatch.setenv("WEBPHONE_CONFIG_DIR", str(tmp_path))
    assert default_path() == tmp_path / "insights.sqlite3"
    monkeypatch.delenv("WEBPHONE_CONFIG_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "webphone" / "insights.sqlite3"


WRITER = textwrap.dedent(
    """
    import sys, time
    from webphone.quality.insights import InsightsStore
    from webphone.quality.sample import QualitySample

    store = InsightsStore(sys.argv[1])
    store.start_call("killed", "OUTGOING", "alice", "echo", time.time())
    i = 0
    while True:
        i += 1
        store.add_sample("killed", QualitySample(t=float(i), rtt_ms=40.0, mos=4.0,
                                                 bytes_sent=i * 100))
        print(i, flush=True)
        time.sleep(0.005)
    """
)


def test_sigkill_mid_call_keeps_every_sample_up_to_the_last(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'app'}{os.pathsep}{ROOT}"}
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    last = 0
    deadline = time.monotonic() + 60
    while last < 40 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        last = int(line)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert last >= 40, "the writer did not get going"

    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    raw.close()
    with InsightsStore(path) as store:
        record = store.insights("killed")
        assert record is not None
        ts = [s["t"] for s in record["samples"]]
        # Everything acknowledged before the kill is there, in order, with no gaps (at
        # most the one committed after the last line we read).
        assert len(ts) in (last, last + 1)
        assert ts == [float(i) for i in range(1, len(ts) + 1)]
        assert record["samples"][-1]["bytes_sent"] == len(ts) * 100
        assert record["ended_at"] is None
        # And the database is still writable: the next launch can close the call.
        store.end_call("killed", time.time(), "failed", "process killed", "opus", None)
        assert store.history()[0]["mos_min"] == 4.0
