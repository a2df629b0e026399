"""Settings → Ringtone: a sound file is picked with the file chooser, previewed once on the
ringtone device (and stopped), remembered, and rings the next incoming call; a file that
cannot be played is said in words in the dialog; "Off" at start-up rings silently.

What was played is read from the speakers of the test's own PulseAudio."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from gui_helpers import StartApp, click, write_tone
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from tests.rig.pulse import PulseServer

from webphone.ui.app import WebphoneApp
from webphone.ui.dialogs import SettingsDialog
from webphone.ui.ringtone import PreviewState, RingtoneChoice, ring_tone_value
from webphone.ui.settings import Settings

# The thread method: a test stuck in a nested modal's exec() never runs Python code again,
# so the signal method's timeout would never be raised.
pytestmark = pytest.mark.timeout(120, method="thread")
RATE = 48000
FILE_HZ = 660.0  # the file's tone; the built-in ringtone is an 800/1000 Hz trill
RINGER = "speaker_b"  # the ringtone device, not the default speaker
CALL_TIMEOUT_MS = 15_000
MODAL_TIMEOUT_S = 20


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run *act* on the next modal *kind* as soon as it is open.

    *act* runs inside the dialog's ``exec()``: if it fails, every open modal is closed,
    so that ``exec()`` returns and the failure is reported (pytest-qt), not a test that
    never ends (pytest-timeout's signal cannot reach a thread waiting in Qt's loop)."""
    deadline = time.monotonic() + MODAL_TIMEOUT_S

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            if time.monotonic() > deadline:
                close_modals()
                raise AssertionError(f"no {kind.__name__} opened, the modal is {dialog!r}")
            QTimer.singleShot(50, look)
            return
        try:
            act(dialog)
            # *act* ends with the dialog closed (OK, Open, Cancel): one still open would
            # keep its exec() waiting for ever.
            assert not dialog.isVisible(), f"{kind.__name__} is still open after the test's act"
        except BaseException:
            close_modals()
            raise

    QTimer.singleShot(50, look)


def close_modals() -> None:
    for _ in range(10):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            return
        dialog.reject()


def choose_in(qtbot: QtBot, chooser: QWidget, path: Path) -> None:
    """What a user does in the file chooser: types the file's path as its name, clicks
    Open. (``selectFile`` of a folder the dialog has not listed yet selects nothing, and
    ``accept()`` with nothing selected leaves the dialog open.)"""
    assert isinstance(chooser, QFileDialog)
    name = chooser.findChild(QLineEdit, "fileNameEdit")
    buttons = chooser.findChild(QDialogButtonBox, "buttonBox")
    assert name is not None and buttons is not None, "not Qt's own file dialog"
    name.setText(str(path))
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Open))


def level_db(samples: np.ndarray) -> float:
    rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float64))))) if samples.size else 0.0
    return 20 * np.log10(max(rms, 1e-3) / 32768)


def dominant_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples.astype(np.float64)))
    return float(np.fft.rfftfreq(samples.size, 1 / RATE)[int(np.argmax(spectrum))])


def use_ringer(qtbot: QtBot, app: WebphoneApp) -> None:
    """The ringtone device is the second speaker (as the Audio devices dialog sets it)."""
    task = app.tasks.spawn(app.bridge.run(lambda c: c.audio.ringtone_devices.set(RINGER)))
    qtbot.waitUntil(task.done, timeout=5000)
    assert task.result() is True


def ring_and_listen(qtbot: QtBot, pulse: PulseServer, app: WebphoneApp) -> np.ndarray:
    """Have the demo's ring bot call, and return one second of the ringtone device while
    it rings (the call is then rejected)."""
    window = app.window
    window.destination.setText("ring")  # the bot rejects and calls back
    window.place_call()
    qtbot.waitUntil(lambda: len(window.incoming.rows) == 1, timeout=CALL_TIMEOUT_MS)
    qtbot.wait(300)  # the ringer's stream opens
    mark = pulse.mark(RINGER)
    qtbot.waitUntil(lambda: pulse.mark(RINGER) - mark >= RATE, timeout=5000)
    played = pulse.played(RINGER, mark)[:RATE]
    row = next(iter(window.incoming.rows.values()))
    click(qtbot, row.reject_button)
    qtbot.waitUntil(lambda: not window.incoming.rows, timeout=CALL_TIMEOUT_MS)
    return played


def test_a_picked_file_is_previewed_stopped_remembered_and_rings(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp, tmp_path: Path, config_dir: Path
) -> None:
    sound = write_tone(tmp_path / "my ringtone.wav", seconds=8.0, frequency=FILE_HZ)
    app = start_app(Settings(ask_feedback=False), play=None)
    use_ringer(qtbot, app)
    seen: dict[str, object] = {}

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        picker = dialog.ringtone
        assert picker is not None
        assert picker.chosen() == (RingtoneChoice.BUILT_IN.value, "")
        assert not picker.browse.isEnabled()  # no file to choose for the built-in tone
        picker.choice.setCurrentIndex(picker.choice.findData(RingtoneChoice.FILE.value))
        when_modal(QFileDialog, lambda chooser: choose_in(qtbot, chooser, sound))
        click(qtbot, picker.browse)
        assert picker.chosen() == (RingtoneChoice.FILE.value, str(sound))
        # Preview: the file sounds on the ringtone device, the button offers to stop it.
        mark = pulse.mark(RINGER)
        click(qtbot, picker.preview_button)
        assert picker.preview_button.text() == "Stop"
        qtbot.waitUntil(lambda: pulse.mark(RINGER) - mark >= RATE, timeout=5000)
        qtbot.waitUntil(lambda: level_db(pulse.played(RINGER, mark)[-RATE // 4 :]) > -30)
        heard = pulse.played(RINGER, mark)
        seen["preview_hz"] = dominant_hz(heard[-RATE // 2 :])
        seen["default_speaker_db"] = level_db(pulse.played("speaker_a", mark))
        click(qtbot, picker.preview_button)  # Stop, long before the 8 s file ends
        qtbot.waitUntil(lambda: picker.state is PreviewState.IDLE, timeout=5000)
        assert picker.preview_button.text() == "Preview"
        qtbot.wait(300)  # what the sink still had buffered
        after = pulse.mark(RINGER)
        qtbot.waitUntil(lambda: pulse.mark(RINGER) - after >= RATE // 2, timeout=5000)
        seen["after_stop_db"] = level_db(pulse.played(RINGER, after))
        assert not picker.message.isVisible()
        dialog.ok_button.click()

    when_modal(SettingsDialog, act)
    app.window.settingsDialogRequested.emit()
    assert abs(float(seen["preview_hz"]) - FILE_HZ) < 15, seen  # type: ignore[arg-type]
    assert float(seen["default_speaker_db"]) < -60, seen  # type: ignore[arg-type]
    assert float(seen["after_stop_db"]) < -60, seen  # type: ignore[arg-type]
    stored = json.loads((config_dir / "settings.json").read_text(encoding="utf-8"))
    assert (stored["ringtone"], stored["ringtone_file"]) == ("file", str(sound))
    # The next call rings with the file on the ringtone device.
    ringing = ring_and_listen(qtbot, pulse, app)
    assert level_db(ringing) > -30
    assert abs(dominant_hz(ringing) - FILE_HZ) < 15


def test_a_file_that_cannot_be_played_is_said_in_the_dialog(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really a sound")
    app = start_app(Settings(ask_feedback=False), play=None)
    seen: dict[str, object] = {}

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        picker = dialog.ringtone
        assert picker is not None
        picker.choice.setCurrentIndex(picker.choice.findData(RingtoneChoice.FILE.value))
        picker.file.setText(str(tmp_path / "nowhere.wav"))
        click(qtbot, picker.preview_button)  # a file that is not there: said at once
        seen["missing"] = picker.message.text()
        picker.file.setText(str(broken))
        click(qtbot, picker.preview_button)
        qtbot.waitUntil(lambda: picker.state is PreviewState.IDLE, timeout=10_000)
        seen["broken"] = picker.message.text()
        seen["visible"] = picker.message.isVisible()
        seen["button"] = picker.preview_button.text()
        # OK with a file that is not there is refused with the reason.
        picker.file.setText(str(tmp_path / "nowhere.wav"))
        dialog.ok_button.click()
        seen["still_open"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        dialog.reject()

    when_modal(SettingsDialog, act)
    app.window.settingsDialogRequested.emit()
    assert "nowhere.wav" in str(seen["missing"]) and "does not exist" in str(seen["missing"])
    assert str(seen["broken"]).startswith("This ringtone cannot be played:"), seen
    assert "broken.wav" in str(seen["broken"]), seen
    assert seen["visible"] is True and seen["button"] == "Preview"
    assert seen["still_open"] is True and "nowhere.wav" in str(seen["error"])
    assert Settings.load().ringtone == "builtin"  # nothing was kept


def test_closing_the_dialog_stops_the_preview(
    qtbot: QtBot, pulse: PulseServer, start_app: StartApp
) -> None:
    app = start_app(Settings(ask_feedback=False), play=None)
    use_ringer(qtbot, app)
    seen: dict[str, float] = {}

    def act(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        picker = dialog.ringtone
        assert picker is not None
        mark = pulse.mark(RINGER)
        click(qtbot, picker.preview_button)  # the built-in tone: 2 s of trill
        qtbot.waitUntil(lambda: pulse.mark(RINGER) - mark >= RATE // 4, timeout=5000)
        qtbot.waitUntil(lambda: level_db(pulse.played(RINGER, mark)[-RATE // 4 :]) > -30)
        seen["preview_hz"] = dominant_hz(pulse.played(RINGER, mark)[-RATE // 4 :])
        dialog.reject()  # Cancel while it plays

    when_modal(SettingsDialog, act)
    app.window.settingsDialogRequested.emit()
    assert 780 < seen["preview_hz"] < 1020, seen  # the trill, on the ringtone device
    qtbot.waitUntil(lambda: len(app.tasks) == 0, timeout=5000)  # the preview has ended
    qtbot.wait(300)  # what the sink still had buffered
    after = pulse.mark(RINGER)
    qtbot.waitUntil(lambda: pulse.mark(RINGER) - after >= RATE // 2, timeout=5000)
    assert level_db(pulse.played(RINGER, after)) < -60


def test_off_is_applied_at_start_up(qtbot: QtBot, pulse: PulseServer, start_app: StartApp) -> None:
    app = start_app(Settings(ask_feedback=False, ringtone="off"), play=None)
    use_ringer(qtbot, app)
    assert level_db(ring_and_listen(qtbot, pulse, app)) < -60


def test_the_stored_choice_survives_a_damaged_file(config_dir: Path) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "settings.json").write_text(
        json.dumps({"ringtone": "loud", "ringtone_file": 42}), encoding="utf-8"
    )
    loaded = Settings.load()
    assert (loaded.ringtone, loaded.ringtone_file) == ("builtin", "")
    assert ring_tone_value("file", "") is True  # no file: the built-in tone, never silence
    assert ring_tone_value("off", "/x.wav") is False
    assert ring_tone_value("file", " /x.wav ") == "/x.wav"
