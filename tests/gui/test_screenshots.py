"""Screenshots of the real app on an X server (Xvfb + xcb): idle, in a call with charts,
three ringing calls. Saved in tests/gui/screenshots/ for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
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


def test_screenshots_idle_in_call_three_ringing(tmp_path: Path, tone: Path) -> None:
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
            [sys.executable, str(HERE / "screenshot_run.py"), str(SHOTS), str(tone)],
            env=env,
            capture_output=True,
            text=True,
            timeout=100,
        )
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("idle", "in_call", "in_call_quality", "three_ringing"):
        image = QImage(str(SHOTS / f"{name}.png"))
        assert not image.isNull(), f"{name}.png missing"
        assert image.width() >= 900 and image.height() >= 600
        # A real window, not a blank or black capture.
        assert _distinct_colours(image) > 20, f"{name}.png looks empty"
