"""Media timing while the GUI is busy: the interval at which the RTP sender pulls 20 ms
frames from the microphone source during an echo call, (a) with the window idle and
(b) with the level chart redrawing at 60 Hz while the window is resized every 16 ms.

The sdk runs on its own asyncio loop in a worker thread (webphone.ui.bridge), so (b)
should look like (a). Issue #6 target: p99 deviation from 20 ms ≤ 5 ms. Reported as JSON
and a table, never asserted on time.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from av import AudioFrame
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from report import table, write_report

from webphone.media.tracks import GeneratedAudioTrack
from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.icons import Status
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(120)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt's QApplication
SECONDS = 8
TARGET_P99_MS = 5.0


class TimedTrack(GeneratedAudioTrack):
    """The microphone stand-in, noting when the RTP sender asks for each frame."""

    pulls: list[float] = []

    async def recv(self) -> AudioFrame:
        frame = await super().recv()
        TimedTrack.pulls.append(time.perf_counter())
        return frame


def deviations_ms(pulls: list[float]) -> dict[str, float]:
    intervals = np.diff(np.array(pulls)) * 1000
    deviation = np.abs(intervals - 20.0)
    return {
        "frames": len(pulls),
        "p50_ms": float(np.percentile(deviation, 50)),
        "p99_ms": float(np.percentile(deviation, 99)),
        "max_ms": float(deviation.max()),
    }


def test_media_timing_with_busy_gui(qtbot: QtBot, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("WEBPHONE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("WEBPHONE_INSIGHTS_DB", str(tmp_path / "data" / "insights.sqlite3"))
    app = WebphoneApp(Settings(ask_feedback=False), use_tray=False)
    qtbot.addWidget(app.window)
    window = app.window
    try:
        app.start()
        qtbot.waitUntil(lambda: window.status is Status.REGISTERED, timeout=20_000)

        async def use_timed_source() -> None:
            session = app.bridge.session
            assert session is not None
            session.client.audio_source_factory = lambda: TimedTrack(440.0)

        app.bridge.core.submit(use_timed_source()).result(5)
        window.destination.setText("echo")
        window.place_call()
        qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=15_000)
        qtbot.waitUntil(lambda: window.level_chart.peak("outputVolume", 0.5) > 0.5, timeout=15_000)

        TimedTrack.pulls = []
        qtbot.wait(SECONDS * 1000)
        idle = deviations_ms(TimedTrack.pulls)

        chart = window.level_chart
        chart._timer.setInterval(1000 // 60)  # the seed's volume rate, as fast as it gets
        sizes = [(960, 640), (1200, 800), (800, 600)]
        step = [0]

        def resize() -> None:
            step[0] += 1
            window.resize(*sizes[step[0] % len(sizes)])

        resizer = QTimer()
        resizer.timeout.connect(resize)
        resizer.start(16)
        frames_before = chart.frames
        TimedTrack.pulls = []
        qtbot.wait(SECONDS * 1000)
        resizer.stop()
        busy = deviations_ms(TimedTrack.pulls)
        chart_fps = (chart.frames - frames_before) / SECONDS
    finally:
        app.shutdown()
    write_report(
        "gui_media_timing",
        {
            "idle": idle,
            "busy_gui": busy,
            "chart_fps": chart_fps,
            "resizes": step[0],
            "target_p99_ms": TARGET_P99_MS,
            "ratio_busy_p99": busy["p99_ms"] / TARGET_P99_MS,
        },
    )
    print()
    print(
        table(
            [
                ("GUI", "frames", "p50 dev", "p99 dev", "max dev", "target p99"),
                *[
                    (
                        name,
                        str(r["frames"]),
                        f"{r['p50_ms']:.2f} ms",
                        f"{r['p99_ms']:.2f} ms",
                        f"{r['max_ms']:.2f} ms",
                        f"{TARGET_P99_MS:.0f} ms",
                    )
                    for name, r in (("idle", idle), (f"60 Hz chart + {step[0]} resizes", busy))
                ],
            ]
        )
    )
    assert idle["frames"] > SECONDS * 40 and busy["frames"] > SECONDS * 40, "media stalled"
