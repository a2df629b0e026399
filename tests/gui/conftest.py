"""Fixtures for the desktop app tests: offscreen Qt, a private settings directory, a tone
to send as the microphone, and the app started on the embedded demo service."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import StartApp, write_tone
from pytestqt.qtbot import QtBot

from webphone.ui.app import WebphoneApp
from webphone.ui.icons import Status
from webphone.ui.settings import Settings

# Before pytest-qt creates the QApplication: no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LOGIN_TIMEOUT_MS = 20_000


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "config"
    monkeypatch.setenv("WEBPHONE_CONFIG_DIR", str(directory))
    # The sdk's call-quality database (the call history) goes there too: one per test.
    monkeypatch.setenv("WEBPHONE_INSIGHTS_DB", str(directory / "insights.sqlite3"))
    return directory


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    return write_tone(tmp_path / "tone.wav")


@pytest.fixture
def start_app(qtbot: QtBot, config_dir: Path, tone: Path) -> Iterator[StartApp]:
    """Start the app like a first run (no account: demo service, logged in as alice)."""
    started: list[WebphoneApp] = []

    def start(settings: Settings | None = None, **kwargs: Any) -> WebphoneApp:
        kwargs.setdefault("play", str(tone))
        kwargs.setdefault("use_tray", False)
        app = WebphoneApp(settings or Settings.load(), **kwargs)
        started.append(app)
        qtbot.addWidget(app.window)
        app.start()
        qtbot.waitUntil(lambda: app.window.status is Status.REGISTERED, timeout=LOGIN_TIMEOUT_MS)
        qtbot.waitUntil(lambda: app.window.contacts.count() > 0)
        return app

    yield start
    for app in started:
        app.shutdown()
