"""``webphone-cli history`` / ``insights`` as subprocesses on a temporary database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from webphone.quality.insights import InsightsStore
from webphone.quality.sample import QualitySample

ROOT = Path(__file__).resolve().parents[3]
NOTE = 'coupé; DROP TABLE calls; -- "it\'s"\nsecond line'
WARNING = {"group": "network", "level": "warning", "type": "high_jitter", "value": "41.50",
           "active": True, "desc": "jitterLocalMeasures", "stream": "local"}  # fmt: skip


def cli(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'app'}{os.pathsep}{ROOT}", "TZ": "UTC"}
    env.pop("WEBPHONE_INSIGHTS_DB", None)
    if db is not None:
        env["WEBPHONE_INSIGHTS_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "webphone.cli.main", *args],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "insights.sqlite3"
    with InsightsStore(path) as store:
        store.start_call("call-1", "OUTGOING", "alice", "sip:echo@127.0.0.1", 1_700_000_000.0)
        for i, mos in enumerate([4.3, 3.6]):
            store.add_sample(
                "call-1",
                QualitySample(t=5.0 * (i + 1), jitter_local_ms=41.5, rtt_ms=80.0,
                              loss_local=0.012, mos=mos),
            )  # fmt: skip
        store.add_warning("call-1", WARNING, 1_700_000_010.0)
        store.end_call("call-1", 1_700_000_075.0, "answered", "NORMAL_CLEARING", "opus", 48000)
        store.add_feedback("call-1", 2, ["ECHO", "AUDIO_LAG"], NOTE, at=1_700_000_080.0)
        store.start_call("call-2", "INCOMING", "bob", "alice", 1_700_000_100.0)
    return path


def test_history_table(db: Path) -> None:
    result = cli("history", "--db", str(db))
    assert result.returncode == 0, result.stderr
    header, rule, newest, older = result.stdout.splitlines()
    assert header.split() == ["started", "direction", "from", "to", "duration", "outcome",
                              "codec", "MOS", "min", "MOS", "avg", "warnings", "rating",
                              "call", "UUID"]  # fmt: skip
    assert set(rule.replace(" ", "")) == {"-"}
    assert newest.split() == ["2023-11-14", "22:15:00", "INCOMING", "bob", "alice", "-", "-",
                              "-", "-", "-", "0", "-", "call-2"]  # fmt: skip
    assert older.split() == ["2023-11-14", "22:13:20", "OUTGOING", "alice",
                             "sip:echo@127.0.0.1", "1:15", "answered", "opus", "3.60", "3.95",
                             "1", "2", "call-1"]  # fmt: skip


def test_history_json_from_the_environment_variable(db: Path) -> None:
    result = cli("history", "--json", "--limit", "1", db=db)
    assert result.returncode == 0, result.stderr
    [call] = json.loads(result.stdout)
    assert call["call_uuid"] == "call-2"
    assert call["duration"] is None


def test_insights_table(db: Path) -> None:
    result = cli("insights", "call-1", "--db", str(db))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "call UUID:     call-1" in out
    assert "duration:      1:15" in out
    assert "MOS min / avg: 3.60 / 3.95" in out
    assert "samples (2):" in out and "warnings (1):" in out and "feedback (1):" in out
    sample_row = next(line for line in out.splitlines() if line.startswith("10.0 "))
    assert sample_row.split() == ["10.0", "41.5", "-", "80.0", "0.012", "-", "-", "-", "3.60"]
    assert "high_jitter  local   raised  41.50" in out
    # The note's newline does not break the table; its text is all there.
    feedback_row = next(line for line in out.splitlines() if "ECHO,AUDIO_LAG" in line)
    assert feedback_row.endswith('coupé; DROP TABLE calls; -- "it\'s" second line')


def test_insights_json_is_the_whole_record(db: Path) -> None:
    result = cli("insights", "call-1", "--json", db=db)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["outcome"] == "answered"
    assert [s["mos"] for s in record["samples"]] == [4.3, 3.6]
    assert record["warnings"] == [{"at": 1_700_000_010.0, **WARNING}]
    assert record["feedback"][0]["note"] == NOTE
    assert record["feedback"][0]["issues"] == ["ECHO", "AUDIO_LAG"]


def test_unknown_call(db: Path) -> None:
    result = cli("insights", "nope", "--db", str(db))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: no call 'nope' in {db}"


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "none.sqlite3"
    result = cli("history", "--db", str(missing))
    assert (result.returncode, result.stdout.strip()) == (
        0, f"No calls recorded yet ({missing} does not exist)."
    )  # fmt: skip
    assert cli("history", "--json", db=missing).stdout.strip() == "[]"
    result = cli("insights", "x", db=missing)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: no call 'x': {missing} does not exist"
    assert not missing.exists()


def test_a_broken_database_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"garbage" * 200)
    result = cli("history", "--db", str(broken))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"error: {broken} is not a usable insights database: file is not a database"
    )


def test_usage_errors() -> None:
    result = cli("insights")
    assert result.returncode == 2
    assert "the following arguments are required: CALL_UUID" in result.stderr
