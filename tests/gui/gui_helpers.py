"""Helpers for the desktop app tests: what a user does (click) and a test tone."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from webphone.ui.app import WebphoneApp

#: start_app(settings=None, **WebphoneApp keyword arguments) -> a logged-in app
StartApp = Callable[..., WebphoneApp]


def write_tone(path: Path, seconds: float = 3.0, frequency: float = 440.0) -> Path:
    """A 16-bit mono 48 kHz sine at -10 dBFS: what the 'microphone' says in these tests."""
    t = np.arange(int(48000 * seconds)) / 48000
    samples = (np.sin(2 * np.pi * frequency * t) * 0.3 * 32767).astype(np.int16)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(48000)
        handle.writeframes(samples.tobytes())
    return path


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isEnabled(), f"{widget.objectName() or widget} is disabled"
    assert widget.isVisible(), f"{widget.objectName() or widget} is not visible"
    # A widget its layout squeezed to nothing is on screen but can't be clicked; one just
    # added gets its size at the next layout pass, as a user sees it drawn.
    try:
        qtbot.waitUntil(lambda: not widget.rect().isEmpty(), timeout=2000)
    except QtBot.TimeoutError as exc:
        raise AssertionError(f"{widget.objectName() or widget} has no size") from exc
    if isinstance(widget, QAbstractButton) and widget.isCheckable() and widget.text():
        # A check box reacts on its box and label only, not on the empty space right of it.
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(6, widget.height() // 2))
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot: QtBot, view: QListWidget, text: str) -> None:
    """Click the first row whose text starts with *text*."""
    items = view.findItems(text, Qt.MatchFlag.MatchStartsWith)
    assert items, f"{text!r} not in the list"
    rect = view.visualItemRect(items[0])
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press(qtbot: QtBot, window: QWidget, key: Qt.Key | str) -> None:
    """A key press in *window*, as the user makes it: with the window active."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, key)
