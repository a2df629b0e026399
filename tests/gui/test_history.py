"""The call history as a user meets it: a real echo call shows up with its quality, its
timelines open on double-click, stored warnings and feedback are shown in words, a call
recorded while the window is open appears on Refresh, "Call again" dials, and a broken
database is reported instead of crashing."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pyqtgraph as pg
import pytest
from gui_helpers import StartApp, click, click_item
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from webphone.quality.insights import InsightsStore
from webphone.quality.sample import QualitySample
from webphone.ui.call_panel import PanelState
from webphone.ui.history import COLUMNS, HistoryDialog

pytestmark = pytest.mark.timeout(120)
CALL_TIMEOUT_MS = 15_000


def cell(table: QTableWidget, row: int, column: str) -> str:
    item = table.item(row, COLUMNS.index(column))
    assert item is not None
    return item.text()


def double_click_row(qtbot: QtBot, table: QTableWidget, row: int) -> None:
    rect = table.visualItemRect(table.item(row, COLUMNS.index("who")))
    # As a mouse does it: press-release, then the second press is the double click.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_history(qtbot: QtBot, app: object, rows: int) -> HistoryDialog:
    window = app.window  # type: ignore[attr-defined]
    window.history_action.trigger()  # Phone ▸ Call history…
    dialog = app.history_dialog  # type: ignore[attr-defined]
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows, timeout=5000)
    assert dialog.isVisible()
    return dialog


def test_a_real_call_appears_in_the_history_with_its_quality_and_rating(
    qtbot: QtBot, start_app: StartApp
) -> None:
    app = start_app()
    window = app.window
    click_item(qtbot, window.contacts, "echo")
    click(qtbot, window.call_button)
    panel = window.call_panel
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    # The sdk samples the call every second: wait for a few samples with a MOS.
    chart = window.quality_chart
    qtbot.waitUntil(lambda: len(chart.values("mos")) >= 4, timeout=CALL_TIMEOUT_MS)
    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)

    # Rate it 5 stars: the sdk keeps it; the dialog closes once the sdk said so.
    qtbot.waitUntil(lambda: app.feedback_dialog is not None)
    feedback = app.feedback_dialog
    assert feedback is not None
    click(qtbot, feedback.stars.button(5))
    # A note longer than the sdk takes: its refusal is shown, the dialog stays open.
    feedback.note.setPlainText("clear as a bell " * 20)
    click(qtbot, feedback.submit_button)
    qtbot.waitUntil(lambda: feedback.hint.text().startswith("Not sent"), timeout=5000)
    assert feedback.hint.text() == "Not sent: Maximum length for note is 280 characters"
    assert feedback.isVisible() and feedback.submit_button.isEnabled()
    feedback.note.setPlainText("clear as a bell")
    click(qtbot, feedback.submit_button)
    qtbot.waitUntil(lambda: app.feedback_dialog is None, timeout=5000)

    dialog = open_history(qtbot, app, rows=1)
    table = dialog.table
    assert "echo" in cell(table, 0, "who")
    assert cell(table, 0, "direction") == "outgoing"
    assert re.fullmatch(r"\d\d:\d\d", cell(table, 0, "duration")), cell(table, 0, "duration")
    assert cell(table, 0, "outcome")  # how it ended, as the sdk recorded it
    assert re.fullmatch(r"\d\.\d\d \(min \d\.\d\d\)", cell(table, 0, "mos")), cell(table, 0, "mos")
    assert cell(table, 0, "rating") == "★★★★★"
    assert not dialog.empty.isVisible()

    # Double-click: the call's own timelines, from its stored samples, and its rating.
    double_click_row(qtbot, table, 0)
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.details.isVisible())
    details = dialog.details
    assert details is not None
    assert "echo" in details.windowTitle()
    assert len(details.chart.values("mos")) >= 4
    assert all(1.0 <= mos <= 5.0 for mos in details.chart.values("mos"))
    assert details.feedback.item(0).text() == "★★★★★  “clear as a bell”"

    # Call again, from the history window: the echo bot answers again.
    dialog.table.selectRow(0)
    click(qtbot, dialog.call_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ANSWERED, timeout=CALL_TIMEOUT_MS)
    assert "echo" in panel.party.text()
    click(qtbot, panel.hangup_button)
    qtbot.waitUntil(lambda: panel.state is PanelState.ENDED, timeout=CALL_TIMEOUT_MS)
    # The history window, still open, gains the second call by itself.
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)


def seed_call(store: InsightsStore, uuid: str, started: float) -> None:
    """A past outgoing call with jitter trouble at 12.5 s that cleared at 20 s."""
    store.start_call(uuid, "OUTGOING", "alice", "sip:bob@example.com", started)
    for t in range(30):
        jitter = 45.0 if 10 <= t < 20 else 8.0
        mos = 3.1 if 10 <= t < 20 else 4.3
        sample = QualitySample(t=float(t), jitter_local_ms=jitter, rtt_ms=40.0, mos=mos)
        store.add_sample(uuid, sample)
    raised = {"group": "network", "level": "warning", "type": "high_jitter", "value": "45",
              "active": True, "desc": "jitterLocalMeasures", "stream": "local"}  # fmt: skip
    store.add_warning(uuid, raised, started + 12.5)
    store.add_warning(uuid, {**raised, "active": False, "value": "8"}, started + 20.0)
    store.end_call(uuid, started + 31, "ended", "NORMAL_CLEARING", "opus", 32000)
    store.add_feedback(uuid, 3, ["BROKEN_AUDIO", "CALL_DROPPED"], "choppy <b>mid-call</b>")


def test_stored_warnings_and_feedback_shown_and_new_calls_on_refresh(
    qtbot: QtBot, start_app: StartApp
) -> None:
    path = Path(os.environ["WEBPHONE_INSIGHTS_DB"])
    started = time.time() - 3600
    with InsightsStore(path) as store:
        seed_call(store, "past-1", started)
    app = start_app()
    dialog = open_history(qtbot, app, rows=1)
    table = dialog.table
    assert cell(table, 0, "who") == "sip:bob@example.com"
    assert cell(table, 0, "duration") == "00:31"
    assert cell(table, 0, "outcome") == "ended (NORMAL_CLEARING)"
    assert cell(table, 0, "warnings") == "2"
    assert cell(table, 0, "rating") == "★★★"

    double_click_row(qtbot, table, 0)
    qtbot.waitUntil(lambda: dialog.details is not None and dialog.details.isVisible())
    details = dialog.details
    assert details is not None
    chart = details.chart
    assert chart.values("jitter")[9:11] == [8.0, 45.0]
    # The warning is marked where it was raised (red) and cleared (grey) on the jitter plot.
    lines = [i for i in chart.plots["jitter"].items if isinstance(i, pg.InfiniteLine)]
    marks = sorted(
        (round(line.value(), 1), line.pen.color().name()) for line in lines if line.angle == 90
    )
    assert marks == [(12.5, "#e53935"), (20.0, "#9e9e9e")]
    assert chart.status.text() == "Warnings during the call: High jitter"
    # Issues in words; the note as typed (no markup interpretation).
    assert (
        details.feedback.item(0).text()
        == "★★★  Broken audio, Call dropped  “choppy <b>mid-call</b>”"
    )

    # Another call recorded (by another Webphone process, say) while the window is open.
    with InsightsStore(path) as store:
        store.start_call("past-2", "INCOMING", "sip:carol@example.com", "alice", started + 60)
        store.end_call("past-2", started + 65, "missed", None, None, None)
    click(qtbot, dialog.findChild(type(dialog.call_button), "historyRefresh"))
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    assert cell(table, 0, "who") == "sip:carol@example.com"  # newest first
    assert cell(table, 0, "direction") == "incoming"
    assert cell(table, 0, "mos") == ""  # no media, no MOS


def test_a_broken_history_database_is_reported(
    qtbot: QtBot, start_app: StartApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv("WEBPHONE_INSIGHTS_DB", str(broken))
    app = start_app()
    app.window.history_action.trigger()
    dialog = app.history_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.empty.text().startswith("Cannot read the call history"))
    assert "not a usable insights database" in dialog.empty.text()
    assert dialog.table.rowCount() == 0
    assert not dialog.call_button.isEnabled()
