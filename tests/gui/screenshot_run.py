"""Drives the real app on an X display and saves screenshots of what the screen shows.

Run by test_screenshots.py under Xvfb (QT_QPA_PLATFORM=xcb): ``python screenshot_run.py
OUTDIR [TONE.wav] [--appearance light|dark] [--brief]`` (without a WAV file the
microphone is the sound server's; QT_SCALE_FACTOR=2 in the environment gives the 200 %
pictures). Saves ``idle.png``, ``in_call_compact.png`` (the echo call, charts folded),
``in_call.png`` and ``in_call_quality.png`` (charts unfolded, running on the sdk's real
samples, a quality warning raised), ``contacts.png``, ``network_check.png`` (Phone → Check
my connection on the demo service), ``settings.png`` and ``three_ringing.png``; without
``--brief`` also ``history.png``
and ``call_details.png`` (the echo call as the history shows it), ``audio_devices.png``,
``contacts.png``, ``contact_editor.png``, ``import_problems.png`` (the address book),
``dial_search.png`` (the dial field's suggestions) and ``ringing_contact.png`` (a call
from a contact, named); exits non-zero with the reason when something the screenshots
should show did not happen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from webphone.contacts import Contact
from webphone.ui.app import WebphoneApp
from webphone.ui.call_panel import PanelState
from webphone.ui.dialogs import SettingsDialog
from webphone.ui.icons import Status
from webphone.ui.network_check import show_network_check
from webphone.ui.settings import Settings


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("tone", nargs="?")  # else: the sound server's microphone
    parser.add_argument("--appearance", choices=("light", "dark"), default="light")
    parser.add_argument("--brief", action="store_true", help="the main window and dialogs only")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication(sys.argv[:1])
    app = WebphoneApp(Settings(appearance=args.appearance), play=args.tone, use_tray=False)
    window = app.window

    def wait(what: str, condition: Callable[[], bool], seconds: float = 20) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if condition():
                return
        raise SystemExit(f"timed out waiting for: {what}")

    def pause(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            qt_app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def shot(name: str, widget: QWidget | None = None) -> None:
        pause(0.4)
        widget = widget or window
        screen = widget.screen()
        geometry = widget.frameGeometry()
        image = screen.grabWindow(
            0, geometry.x(), geometry.y(), geometry.width(), geometry.height()
        )
        if not image.save(str(out / f"{name}.png")):
            raise SystemExit(f"could not save {name}.png")

    try:
        app.start()
        window.move(20, 20)
        wait("registered", lambda: window.status is Status.REGISTERED)
        wait("charts", lambda: window.level_chart is not None)
        shot("idle")

        window.destination.setText("echo")
        window.call_button.click()
        wait("echo answers", lambda: window.call_panel.state is PanelState.ANSWERED)
        wait("levels move", lambda: window.level_chart.peak("outputVolume", 1) > 0.5)
        wait("microphone level", lambda: window.level_chart.peak("inputVolume", 1) > 0.5)
        window.dialpad.buttons["4"].click()
        window.dialpad.buttons["2"].click()
        wait("DTMF echoed", lambda: "received: 42" in window.call_panel.dtmf.text())
        # The sdk's own samples, one a second; then a warning as the core sends it.
        samples = 4 if args.brief else 10
        wait("quality samples", lambda: len(window.quality_chart.values("mos")) >= samples)
        warning = {"group": "network", "level": "warning", "type": "high_jitter", "value": "44",
                   "active": True, "desc": "jitterLocalMeasures", "stream": "local"}  # fmt: skip
        app.bridge.sdkEvent.emit("mediaMetrics", [warning])
        pause(1.5)
        shot("in_call_compact")
        window.charts_button.click()  # unfold the charts
        wait("charts unfolded", lambda: window.chart_tabs.isVisible())
        pause(1.0)
        shot("in_call")
        window.chart_tabs.setCurrentIndex(1)
        shot("in_call_quality")
        window.chart_tabs.setCurrentIndex(0)
        window.charts_button.click()  # and fold them away again
        wait("charts folded", lambda: not window.chart_tabs.isVisible())
        window.call_panel.hangup_button.click()
        wait("hung up", lambda: window.call_panel.state is PanelState.ENDED)
        wait("feedback asked", lambda: app.feedback_dialog is not None)
        feedback = app.feedback_dialog
        feedback.stars.button(4).click()
        feedback.issues["AUDIO_LAG"].click()
        feedback.submit_button.click()
        wait("feedback sent", lambda: app.feedback_dialog is None)

        check = show_network_check(window)
        wait("network check", lambda: check.report is not None, 60)
        check.move(60, 40)
        shot("network_check", check)
        check.close()

        s = app.settings
        settings = SettingsDialog(
            s.effective_options, Settings().effective_options, s.language, s.ask_feedback,
            s.minimize_to_tray, s.confirm_call_links, False, window, appearance=s.appearance,
        )  # fmt: skip
        settings.move(60, 20)
        settings.show()
        shot("settings", settings)
        settings.close()

        if args.brief:
            show_contacts(window, shot).close()
            ring_multi(window, wait, shot)
            return 0

        # The test feeds a tone into the default microphone of its PulseAudio.
        window.show_audio_devices()
        dialog = window.devices_dialog
        wait("devices listed", lambda: dialog.combos["microphone_devices"].count() > 1)
        dialog.test_button.click()
        wait("microphone level", lambda: dialog.meter.value() > 50)
        dialog.move(60, 60)
        shot("audio_devices", dialog)
        if dialog.meter.value() < 50:
            raise SystemExit("the microphone level dropped while the test ran")
        dialog.close()

        app.show_history()
        history = app.history_dialog
        wait("history", lambda: history.table.rowCount() >= 1)
        history.move(40, 40)
        shot("history", history)
        history.show_details(0)
        wait("call details", lambda: history.details is not None and history.details.isVisible())
        history.details.move(60, 20)
        shot("call_details", history.details)
        history.details.close()
        history.close()

        contacts = show_contacts(window, shot)
        contacts.edit()
        contacts.editor.move(80, 80)
        shot("contact_editor", contacts.editor)
        contacts.editor.reject()
        with tempfile.TemporaryDirectory() as scratch:
            bad = Path(scratch) / "phone-export.csv"
            bad.write_text(
                "Name,Phone,Notes\nCarla,+34 912 345 678,\n,+1 555 0102,no name\n"
                "Dan,call me maybe,\nEve,sip:eve@example.com,\n",
                encoding="utf-8",
            )
            contacts.import_from(bad)
        wait("import problems", lambda: contacts.problems_dialog is not None)
        contacts.problems_dialog.move(80, 80)
        shot("import_problems", contacts.problems_dialog)
        contacts.problems_dialog.reject()
        contacts.close()

        window.destination.setText("an")
        window.destination.setFocus()
        window.dial_search.update("an")
        window.dial_search.completer.complete()
        wait("suggestions", lambda: window.dial_search.completer.popup().isVisible())
        shot("dial_search")
        window.dial_search.completer.popup().hide()

        window.destination.setText("ring")
        window.call_button.click()
        wait("the ring bot calls back", lambda: len(window.incoming.rows) == 1)
        shot("ringing_contact")
        window.reject(next(iter(window.incoming.rows)))
        wait("rejected", lambda: not window.incoming.rows)

        ring_multi(window, wait, shot)
    finally:
        app.shutdown()
    return 0


def show_contacts(window: Any, shot: Callable[..., None]) -> Any:
    """The address book with a few contacts, one of them the ring bot (it calls back)."""
    for contact in (
        Contact("Ana Núñez", ("+1 555 0100", "sip:ana@example.com"), "prefers mornings"),
        Contact("Bob Builder", ("bob@pbx.example.com", "+44 20 7946 0000")),
        Contact("Ringo (demo bot)", ("ring",)),
    ):
        window.contact_book.save(contact)
    window.show_contacts()
    contacts = window.contacts_dialog
    contacts.move(40, 40)
    contacts.list.setCurrentRow(0)
    shot("contacts", contacts)
    return contacts


def ring_multi(window: Any, wait: Callable[..., None], shot: Callable[..., None]) -> None:
    window.destination.setText("multi")
    window.call_button.click()
    wait("three calls ring", lambda: len(window.incoming.rows) == 3)
    shot("three_ringing")


if __name__ == "__main__":
    sys.exit(main())
