"""SIGKILL at random moments while the settings file or the insights database is written.

A real child process saves in a loop (the app's own ``Settings.save`` /
``InsightsStore``) and acknowledges each completed save on stdout; it is killed after a
random delay, many times over the same file. After every kill the file must be a complete
version — the last acknowledged one or the one being written — never empty, partial or
older than a completed save. CI runs 20 kills of each; ``--long`` runs 300.

The figure: how many kills landed mid-write (a temporary file or an uncommitted WAL frame
was left), which shows the kills did hit the dangerous moment.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from webphone.quality.insights import InsightsStore

ROUNDS, LONG_ROUNDS = 20, 300
MAX_DELAY = 0.25  # s after the child's first completed save
BLOB = 300_000  # bytes of settings: big enough that a kill often lands inside a write

SETTINGS_CHILD = """
import sys
from webphone.ui.settings import Settings

start, blob = int(sys.argv[1]), int(sys.argv[2])
settings = Settings()
version = start
while True:
    settings.options = {"version": version, "blob": str(version % 10) * blob}
    settings.history = [f"v{version}"]
    settings.save()
    print(version, flush=True)
    version += 1
"""

INSIGHTS_CHILD = """
import sys
from webphone.quality.insights import InsightsStore

start, path = int(sys.argv[1]), sys.argv[2]
store = InsightsStore(path)
number = start
while True:
    store.start_call(f"c{number:09d}", "outgoing", "alice", "bob" * 100, float(number))
    print(number, flush=True)
    number += 1
"""


def _run_and_kill(code: str, args: list[str], env: dict[str, str], rng: random.Random) -> int:
    """Start the child, kill it (SIGKILL) at a random moment after its first completed
    save; the last number it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = child.stdout.readline() if child.stdout else ""
        assert first.strip(), (
            f"the child never saved: {child.stderr.read() if child.stderr else ''}"
        )
        time.sleep(rng.uniform(0, MAX_DELAY))  # the random moment is the point of the test
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL
    lines = [line for line in [first, *out.splitlines()] if line.strip()]
    return int(lines[-1])


def _child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["WEBPHONE_CONFIG_DIR"] = str(tmp_path / "config")
    env["PYTHONPATH"] = os.pathsep.join([str(Path("app").resolve()), env.get("PYTHONPATH", "")])
    return env


@pytest.mark.timeout(120)
def test_settings_survive_sigkill_at_any_moment(tmp_path: Path, long_mode: bool) -> None:
    rounds = LONG_ROUNDS if long_mode else ROUNDS
    rng = random.Random(1234)
    env = _child_env(tmp_path)
    path = tmp_path / "config" / "settings.json"
    mid_write = 0
    start = 1
    for _ in range(rounds):
        acknowledged = _run_and_kill(SETTINGS_CHILD, [str(start), str(BLOB)], env, rng)
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)  # never empty, never cut off
        version = data["options"]["version"]
        assert acknowledged <= version <= acknowledged + 1, (acknowledged, version)
        assert data["options"]["blob"] == str(version % 10) * BLOB
        assert data["history"] == [f"v{version}"]
        assert oct(path.stat().st_mode & 0o777) == oct(0o600)
        leftovers = [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
        mid_write += bool(leftovers)
        for leftover in leftovers:  # as the sweep would after a minute
            leftover.unlink()
        start = version + 1
    print(f"\nsettings: {rounds} SIGKILLs, {mid_write} landed mid-write, every file complete")
    assert mid_write > 0, "no kill landed inside a save: the test proved nothing"


@pytest.mark.timeout(120)
def test_insights_database_survives_sigkill_at_any_moment(tmp_path: Path, long_mode: bool) -> None:
    rounds = LONG_ROUNDS if long_mode else ROUNDS
    rng = random.Random(5678)
    env = _child_env(tmp_path)
    path = tmp_path / "insights.sqlite3"
    start = 1
    with_wal = 0
    for _ in range(rounds):
        acknowledged = _run_and_kill(INSIGHTS_CHILD, [str(start), str(path)], env, rng)
        wal = path.with_name(path.name + "-wal")
        with_wal += wal.exists() and wal.stat().st_size > 0
        with InsightsStore(path) as store:  # recovers the WAL, as the next start does
            numbers = sorted(int(c["call_uuid"][1:]) for c in store.history(limit=10**9))
        check = sqlite3.connect(path)
        try:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            check.close()
        last = numbers[-1]
        assert acknowledged <= last <= acknowledged + 1, (acknowledged, last)
        assert numbers == list(range(1, last + 1)), "every committed call, none torn"
        start = last + 1
    print(f"\ninsights: {rounds} SIGKILLs ({with_wal} with a live WAL), {start - 1} calls intact")
