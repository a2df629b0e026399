"""Screenshots of the real app on an X server (Xvfb + xcb): idle, in a call with charts,
three ringing calls, the call history, one past call, the audio devices. Saved in
tests/gui/screenshots/ for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from tests.rig.pulse import RATE, PulseServer
from xserver import xvfb

pytestmark = pytest.mark.timeout(120)
HERE = Path(__file__).parent
SHOTS = HERE / "screenshots"
ROOT = HERE.parents[1]


def _distinct_colours(image: QImage) -> int:
    step = 7
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_screenshots_idle_in_call_three_ringing(tmp_path: Path, pulse: PulseServer) -> None:
    # Sound devices for the app (the fixture put its server in os.environ). The default
    # microphone hears a tone that swells and fades (-66..-30 dBFS), as speech would move
    # the level curves; the echo bot returns it to the speaker.
    t = np.arange(RATE * 90) / RATE
    envelope = 0.0005 + 0.03 * np.abs(np.sin(2 * np.pi * 0.4 * t))
    pulse.play("mic_a", (np.sin(2 * np.pi * 300 * t) * envelope * 32767).astype(np.int16))
    with xvfb() as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "WEBPHONE_CONFIG_DIR": str(tmp_path / "config"),
            "WEBPHONE_INSIGHTS_DB": str(tmp_path / "data" / "insights.sqlite3"),  # the call history
            "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
        }
        result = subprocess.run(
            [sys.executable, str(HERE / "screenshot_run.py"), str(SHOTS)],
            env=env,
            capture_output=True,
            text=True,
            timeout=100,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (
        "idle",
        "in_call",
        "in_call_quality",
        "three_ringing",
        "dial_search",
        "ringing_contact",
    ):
        image = QImage(str(SHOTS / f"{name}.png"))
        assert not image.isNull(), f"{name}.png missing"
        assert image.width() >= 900 and image.height() >= 600
        # A real window, not a blank or black capture.
        assert _distinct_colours(image) > 20, f"{name}.png looks empty"
    for name in (
        "history",
        "call_details",
        "audio_devices",
        "contacts",
        "contact_editor",
        "import_problems",
    ):
        image = QImage(str(SHOTS / f"{name}.png"))
        assert not image.isNull(), f"{name}.png missing"
        assert image.width() >= 400 and image.height() >= 200
        # A real window, not a blank or black capture.
        assert _distinct_colours(image) > 20, f"{name}.png looks empty"
