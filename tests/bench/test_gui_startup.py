"""Desktop app start-up: time to the first shown window and idle RSS (issue #6 targets:
≤ 1.0 s and ≤ 150 MB). Each run is a fresh process (offscreen Qt) on the demo service;
reported as JSON and a table, never asserted on time."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from report import table, write_report

RUNS = 3
TARGET_SHOWN_S = 1.0
TARGET_RSS_MB = 150.0
HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def _run(tmp: Path) -> dict[str, float]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WEBPHONE_CONFIG_DIR": str(tmp),
        "WEBPHONE_INSIGHTS_DB": str(tmp / "data" / "insights.sqlite3"),  # the call history
        "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
    }
    launched = time.time()
    result = subprocess.run(
        [sys.executable, str(HERE / "gui_startup_probe.py"), repr(launched)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    data: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def test_gui_startup(tmp_path: Path) -> None:
    runs = [_run(tmp_path / f"run{n}") for n in range(RUNS)]
    assert all(run["charts_loaded"] for run in runs), "charts never loaded"
    assert all(run["registered_s"] is not None for run in runs), "never registered"
    shown = statistics.median(run["shown_s"] for run in runs)
    registered = statistics.median(run["registered_s"] for run in runs)
    rss = statistics.median(run["idle_rss_mb"] for run in runs)
    write_report(
        "gui_startup",
        {
            "runs": runs,
            "shown_median_s": shown,
            "registered_median_s": registered,
            "idle_rss_median_mb": rss,
            "targets": {"shown_s": TARGET_SHOWN_S, "idle_rss_mb": TARGET_RSS_MB},
            "ratio_shown": shown / TARGET_SHOWN_S,
            "ratio_rss": rss / TARGET_RSS_MB,
        },
    )
    print()
    print(
        table(
            [
                ("measure", "median", "target", "ratio"),
                (
                    "first window shown",
                    f"{shown:.2f} s",
                    f"{TARGET_SHOWN_S:.1f} s",
                    f"{shown / TARGET_SHOWN_S:.2f}",
                ),
                ("registered on demo", f"{registered:.2f} s", "-", "-"),
                (
                    "idle RSS",
                    f"{rss:.0f} MB",
                    f"{TARGET_RSS_MB:.0f} MB",
                    f"{rss / TARGET_RSS_MB:.2f}",
                ),
            ]
        )
    )
