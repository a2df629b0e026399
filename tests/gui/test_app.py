"""The desktop app as a user meets it: first start on the demo service, call the echo bot,
take three calls at once, close during a call, German.

Everything real: the embedded demo service and its bots, RTP over loopback, the sdk on
the core thread; the test clicks widgets and reads what the window shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import StartApp, click, click_item, press
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from webphone.quality.insights import InsightsStore, default_path
from webphone.ui import i18n
from webphone.ui.call_panel import PanelState
from webphone.ui.dialogs import issue_labels
from webphone.ui.settings import Settings

pytestmark = pytest.mark.timeout(90)
CALL_TIMEOUT_MS = 15_000


def test_first_start_echo_call_dtmf_mute_hangup_and_rating(
    qtbot: QtBot, start_app: StartApp, config_dir: Path
) -> None:
    app = start_app()
    window = app.window
    assert "alice@demo.webphone.local" in window.status_label.text()
    rows = [window.contacts.item(i).text() for i in range(window.contacts.count())]
    assert {"echo", "busy", "noanswer", "ring", "multi"} <= {r.split(" ")[0] for r in rows}
    assert any(r.startswith("echo — returns your voice") for r in rows)

    # Two clicks: the echo bot, then Call.
    click_item(qtbot, window.contacts, "echo")
    assert window.destination.text() == "echo"
    click(qtbot, window.call_button)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert panel.party.text() == "echo"
    assert not window.destination.isEnabled()  # digits go to DTMF now

    # The echo bot returns our tone: the speaker curve rises.
    chart = window.level_chart
    qtbot.waitUntil(lambda: chart.peak("outputVolume", 1.0) > 0.5, timeout=CALL_TIMEOUT_MS)

    # DTMF from the pad and from the keyboard; the echo bot sends them back.
    click(qtbot, window.dialpad.buttons["5"])
    press(qtbot, window, "#")
    qtbot.waitUntil(lambda: "received: 5#" in panel.dtmf.text(), timeout=CALL_TIMEOUT_MS)
    assert "Keys sent: 5#" in panel.dtmf.text()

    # Mute: the echo of silence is silence.
    click(qtbot, panel.mute_button)
    assert panel.mute_button.text() == "Unmute"
    qtbot.waitUntil(lambda: chart.peak("outputVolume", 0.5) < 0.1, timeout=CALL_TIMEOUT_MS)
    click(qtbot, panel.mute_button)
    qtbot.waitUntil(lambda: chart.peak("outputVolume", 0.3) > 0.5, timeout=CALL_TIMEOUT_MS)
    assert panel.timer_label.text() != "00:00" or panel.state is PanelState.ANSWERED

    frames = chart.frames
    qtbot.wait(1000)
    assert chart.frames - frames <= 35, "level chart redraws faster than its 30 Hz timer"

    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
    assert window.destination.isEnabled()

    # Rate the call: 4 stars needs an issue before Send is possible.
    qtbot.waitUntil(lambda: app.feedback_dialog is not None)
    dialog = app.feedback_dialog
    assert dialog is not None
    click(qtbot, dialog.stars.button(4))
    assert not dialog.submit_button.isEnabled()
    click(qtbot, dialog.issues["ECHO"])
    assert dialog.submit_button.isEnabled()
    dialog.note.setPlainText("fine otherwise")
    call_uuid = dialog.call_uuid
    click(qtbot, dialog.submit_button)
    # Kept in the call-insights database, with the call it rates.
    with InsightsStore(default_path()) as store:
        qtbot.waitUntil(lambda: bool((store.insights(call_uuid) or {}).get("feedback")))
        stored = store.insights(call_uuid)
    assert stored is not None
    assert [(f["rating"], f["issues"], f["note"]) for f in stored["feedback"]] == [
        (4, ["ECHO"], "fine otherwise")
    ]
    # The destination is remembered for completion.
    assert "echo" in Settings.load().history
    window.dial_search.update("ech")
    assert "echo" in window.dial_search.labels()


def test_multi_three_ringing_calls_answer_one_letting_the_others_ring(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    window.destination.setText("multi")
    qtbot.keyClick(window.destination, Qt.Key.Key_Return)  # Enter calls
    incoming = window.incoming
    qtbot.waitUntil(lambda: len(incoming.rows) == 3, timeout=CALL_TIMEOUT_MS)
    callers = sorted(row.caller for row in incoming.rows.values())
    assert callers == [f"multi-{n}@demo.webphone.local" for n in (1, 2, 3)]
    assert all(row.isVisible() for row in incoming.rows.values())

    incoming.set_other_action("letring")
    first = next(iter(incoming.rows.values()))
    first_caller = first.caller
    click(qtbot, first.answer_button)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert panel.party.text() == first_caller.split("@")[0]
    assert len(incoming.rows) == 2  # the others still ring

    # Answer the next one: the first call is hung up, the last one is rejected.
    incoming.set_other_action("reject")
    second = next(iter(incoming.rows.values()))
    click(qtbot, second.answer_button)
    qtbot.waitUntil(
        lambda: (
            panel.state is PanelState.ANSWERED and panel.party.text() == second.caller.split("@")[0]
        ),
        timeout=CALL_TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: not incoming.rows, timeout=CALL_TIMEOUT_MS)
    assert not incoming.isVisible()
    press(qtbot, window, Qt.Key.Key_Escape)  # Esc hangs up
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)


def test_escape_rejects_a_ringing_call(qtbot: QtBot, start_app: StartApp) -> None:
    app = start_app()
    window = app.window
    window.destination.setText("ring")
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: len(window.incoming.rows) == 1, timeout=CALL_TIMEOUT_MS)
    assert next(iter(window.incoming.rows.values())).caller.startswith("ring@")
    press(qtbot, window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.incoming.rows, timeout=CALL_TIMEOUT_MS)


def _echo_bot_call_over(app: object) -> bool:
    session = app.bridge.session  # type: ignore[attr-defined]
    return session is None or session.demo.bots.clients["echo"].calls.current is None


def _answer_close_question(qtbot: QtBot, app: object, button: QMessageBox.StandardButton) -> None:
    """Click *button* in the close-protection question once it is shown."""

    def press() -> None:
        box = app.window.close_box  # type: ignore[attr-defined]
        if box is None or not box.isVisible():
            QTimer.singleShot(50, press)
            return
        box.button(button).click()

    QTimer.singleShot(50, press)


def _call_echo(qtbot: QtBot, app: object) -> None:
    window = app.window  # type: ignore[attr-defined]
    window.destination.setText("echo")
    click(qtbot, window.call_button)
    qtbot.waitUntil(lambda: window.call_panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    session = app.bridge.session  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: session.demo.bots.clients["echo"].calls.current is not None)


def test_close_during_call_with_close_protection_asks_first(
    qtbot: QtBot, start_app: StartApp
) -> None:
    settings = Settings(options={"closeProtection": True})
    app = start_app(settings)
    _call_echo(qtbot, app)
    window = app.window

    _answer_close_question(qtbot, app, QMessageBox.StandardButton.No)
    assert window.close() is False
    assert window.isVisible()
    assert window.call_panel.state is PanelState.ANSWERED
    assert not _echo_bot_call_over(app)

    with qtbot.waitSignal(window.quitRequested):
        _answer_close_question(qtbot, app, QMessageBox.StandardButton.Yes)
        assert window.close() is True
    assert _echo_bot_call_over(app)  # the call was ended (BYE) before the window went


def test_close_during_call_without_protection_ends_the_call(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    _call_echo(qtbot, app)
    with qtbot.waitSignal(app.window.quitRequested):
        assert app.window.close() is True
    assert app.window.close_box is None  # nobody was asked
    qtbot.waitUntil(lambda: _echo_bot_call_over(app), timeout=5000)


def test_german_shows_german_strings(qtbot: QtBot, start_app: StartApp) -> None:
    qt_app = QApplication.instance()
    assert qt_app is not None
    language, translators = i18n.install(qt_app, "de")
    try:
        assert language == "de"
        # Qt's own standard buttons follow: "Close" was English in German dialogs.
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        assert (
            close.button(QDialogButtonBox.StandardButton.Close).text().replace("&", "")
            == "Schließen"
        )
        app = start_app(Settings(language="de"))
        window = app.window
        assert window.call_button.text() == "Anrufen"
        assert window.call_panel.hangup_button.text() == "Auflegen"
        assert window.status_label.text().startswith("Angemeldet als alice@")
        assert window.incoming.title() == "Eingehende Anrufe"
        assert window.call_panel.noise_button.text() == "Rauschunterdrückung"
        # Longer German words still fit the window's default size (nothing clipped).
        window.devices.setVisible(True)
        assert window.minimumSizeHint().width() <= window.width(), window.minimumSizeHint()
        assert window.history_action.text() == "Anruf&verlauf …"
        window.history_action.trigger()
        history = app.history_dialog
        assert history is not None
        assert history.windowTitle() == "Anrufverlauf"
        qtbot.waitUntil(lambda: history.empty.text() == "Noch keine Anrufe aufgezeichnet.")
        # Texts made outside a widget's tr() (the feedback issues) are German too.
        assert issue_labels()["CALL_DROPPED"] == "Anruf abgebrochen"
    finally:
        for translator in translators:
            qt_app.removeTranslator(translator)
