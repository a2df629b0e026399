"""Past calls: the history list and one call's quality timelines and feedback.

Both read the local insights database (:mod:`webphone.quality.insights`) that the sdk
writes on the core thread. Reads run on a worker thread (:class:`InsightsReader`), so a
large file or a writer holding the WAL never stalls painting; results come back as
queued signals. A database that does not exist yet means "no calls" and is not created
here (creating and migrating it is the writer's job).
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..quality.insights import InsightsError, InsightsStore, default_path
from .bridge import chart_sample
from .call_panel import format_duration
from .dialogs import issue_labels

log = logging.getLogger(__name__)
HISTORY_LIMIT = 200
COLUMNS = ("when", "who", "direction", "duration", "outcome", "mos", "warnings", "rating")


class InsightsReader(QObject):
    """Queries the insights database on one worker thread; answers as signals."""

    historyLoaded = Signal(list)  # the store's history() rows
    callLoaded = Signal(str, object)  # call UUID, the store's insights() record or None
    failed = Signal(str)  # why the database could not be read
    _done = Signal(object, object)  # (deliver on the GUI thread, future)

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or default_path()
        self._store: InsightsStore | None = None  # opened and used on the worker only
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="insights")
        self._closed = False
        self._done.connect(self._deliver)

    def load_history(self, limit: int = HISTORY_LIMIT) -> None:
        self._submit(lambda store: store.history(limit) if store else [], self.historyLoaded.emit)

    def load_call(self, call_uuid: str) -> None:
        self._submit(
            lambda store: store.insights(call_uuid) if store else None,
            lambda record: self.callLoaded.emit(call_uuid, record),
        )

    def _submit(
        self, query: Callable[[InsightsStore | None], Any], deliver: Callable[[Any], None]
    ) -> None:
        if self._closed:
            return
        future = self._pool.submit(lambda: query(self._open()))
        future.add_done_callback(lambda f: self._done.emit(deliver, f))

    def _open(self) -> InsightsStore | None:
        if self._store is None and self.path.exists():
            self._store = InsightsStore(self.path)
        return self._store

    def _deliver(
        self, deliver: Callable[[Any], None], future: concurrent.futures.Future[Any]
    ) -> None:
        error = future.exception()
        if error is None:
            deliver(future.result())
            return
        log.error("cannot read the insights database: %s", error)
        self.failed.emit(str(error) if isinstance(error, InsightsError) else repr(error))

    def close(self) -> None:
        """Finish the pending query and close the database (again: nothing)."""
        if self._closed:
            return
        self._closed = True

        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._pool.submit(close_store)
        self._pool.shutdown(wait=True)


def party(call: Mapping[str, Any]) -> str:
    """The other side of a call: who was called, or who called."""
    value = call.get("src") if call.get("direction") == "INCOMING" else call.get("dest")
    return str(value or "")


Names = Callable[[str], "str | None"]  # an address → the address book's name for it


def named(address: str, names: Names | None) -> str:
    """*address* with the address book's name for it: "Ana Núñez <ring@host>"."""
    name = names(address) if names is not None and address else None
    return f"{name} <{address}>" if name else address


def _when(epoch: float | None) -> str:
    return "" if epoch is None else time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def _mos(call: Mapping[str, Any]) -> str:
    average, minimum = call.get("mos_avg"), call.get("mos_min")
    if average is None:
        return ""
    return f"{average:.2f} (min {minimum:.2f})" if minimum is not None else f"{average:.2f}"


def outcome_text(call: Mapping[str, Any]) -> str:
    """How a call ended, with the sdk's cause: "ended (NORMAL_CLEARING)"."""
    outcome = str(call.get("outcome") or "")
    return f"{outcome} ({call['cause']})" if outcome and call.get("cause") else outcome


def _stars(rating: object) -> str:
    return "★" * rating if isinstance(rating, int) and 0 < rating <= 5 else ""


class HistoryDialog(QDialog):
    """The latest calls, newest first; double-click one for its quality timelines."""

    callAgain = Signal(str)  # the destination to dial

    def __init__(
        self, reader: InsightsReader, parent: QWidget | None = None, names: Names | None = None
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.names = names
        self.calls: list[dict[str, Any]] = []
        self.details: CallDetailsDialog | None = None
        self.setWindowTitle(self.tr("Call history"))
        self.setObjectName("historyDialog")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Past calls"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Who"),
                self.tr("Direction"),
                self.tr("Duration"),
                self.tr("Outcome"),
                self.tr("MOS"),
                self.tr("Warnings"),
                self.tr("Rating"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("who"), QHeaderView.ResizeMode.Stretch)
        # Activation is a double click, or Enter on the selected row.
        self.table.cellActivated.connect(lambda row, _column: self.show_details(row))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel(self.tr("Loading…"))
        self.empty.setObjectName("historyEmpty")
        self.empty.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)  # Enter opens
        self.details_button = self._button(buttons, self.tr("Details…"), "historyDetails")
        self.details_button.clicked.connect(lambda: self.show_details(self.table.currentRow()))
        self.call_button = self._button(buttons, self.tr("Call again"), "historyCallAgain")
        self.call_button.clicked.connect(self._call_again)
        refresh = self._button(buttons, self.tr("Refresh"), "historyRefresh")
        refresh.clicked.connect(self.refresh)
        call_again = QAction(self.tr("Call again"), self.table)
        call_again.triggered.connect(self._call_again)
        self.table.addAction(call_again)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        reader.historyLoaded.connect(self._show_calls)
        reader.callLoaded.connect(self._show_call)
        reader.failed.connect(self._failed)
        self.resize(820, 420)
        self._update_buttons()

    @staticmethod
    def _button(box: QDialogButtonBox, text: str, name: str) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.setAutoDefault(False)
        return button

    def refresh(self) -> None:
        self.reader.load_history()

    def _show_calls(self, calls: Sequence[dict[str, Any]]) -> None:
        self.calls = list(calls)
        self.table.setRowCount(len(self.calls))
        directions = {"INCOMING": self.tr("incoming"), "OUTGOING": self.tr("outgoing")}
        for row, call in enumerate(self.calls):
            outcome = outcome_text(call) or self.tr("in progress")
            warnings = int(call.get("warnings") or 0)
            cells = {
                "when": _when(call.get("started_at")),
                "who": named(party(call), self.names),
                "direction": directions.get(str(call.get("direction")), ""),
                "duration": (
                    format_duration(call["duration"]) if call.get("duration") is not None else ""
                ),
                "outcome": outcome,
                "mos": _mos(call),
                "warnings": str(warnings) if warnings else "",
                "rating": _stars(call.get("rating")),
            }
            for column, key in enumerate(COLUMNS):
                item = QTableWidgetItem(cells[key])
                item.setData(Qt.ItemDataRole.UserRole, call.get("call_uuid"))
                self.table.setItem(row, column, item)
        self.empty.setText(self.tr("No calls recorded yet."))
        self.empty.setVisible(not self.calls)
        if self.calls and self.table.currentRow() < 0:
            self.table.selectRow(0)
        self._update_buttons()

    def _failed(self, reason: str) -> None:
        self.empty.setText(self.tr("Cannot read the call history: %1").replace("%1", reason))
        self.empty.setVisible(True)

    def _update_buttons(self) -> None:
        chosen = 0 <= self.table.currentRow() < len(self.calls)
        self.details_button.setEnabled(chosen)
        self.call_button.setEnabled(chosen and bool(party(self.calls[self.table.currentRow()])))

    def show_details(self, row: int) -> None:
        """Open the per-call view of *row* (its record is loaded off the GUI thread)."""
        if 0 <= row < len(self.calls):
            self.reader.load_call(str(self.calls[row]["call_uuid"]))

    def _show_call(self, call_uuid: str, record: dict[str, Any] | None) -> None:
        if not self.isVisible():
            return
        if record is None:
            self._failed(self.tr("call %1 is not recorded").replace("%1", call_uuid))
            return
        if self.details is not None:
            self.details.close()
        self.details = CallDetailsDialog(record, self, self.names)
        self.details.callAgain.connect(self.callAgain)
        self.details.show()

    def _call_again(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.calls) and party(self.calls[row]):
            self.callAgain.emit(party(self.calls[row]))


class CallDetailsDialog(QDialog):
    """One past call: its summary, quality timelines with its warnings, and its rating."""

    callAgain = Signal(str)

    def __init__(
        self, record: Mapping[str, Any], parent: QWidget | None = None, names: Names | None = None
    ) -> None:
        super().__init__(parent)
        from .charts import QualityChart  # pyqtgraph: loaded when first needed

        self.record = record
        who = party(record)
        self.setWindowTitle(self.tr("Call with %1").replace("%1", named(who, names)))
        self.setObjectName("callDetails")
        summary = QFormLayout()
        directions = {"INCOMING": self.tr("incoming"), "OUTGOING": self.tr("outgoing")}
        rows = [
            (self.tr("When:"), _when(record.get("started_at"))),
            (self.tr("Who:"), named(who, names)),
            (self.tr("Direction:"), directions.get(str(record.get("direction")), "")),
            (
                self.tr("Duration:"),
                format_duration(record["duration"]) if record.get("duration") else "",
            ),
            (self.tr("Outcome:"), outcome_text(record)),
            (self.tr("Codec:"), str(record.get("codec") or "")),
            (self.tr("MOS:"), _mos(record)),
        ]
        self.summary: dict[str, QLabel] = {}
        for caption, value in rows:
            label = QLabel(value.strip())
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            summary.addRow(caption, label)
            self.summary[caption] = label
        self.chart = QualityChart()
        self.chart.setObjectName("historyQualityChart")
        self.chart.setMinimumHeight(320)
        self.chart.replay(
            [chart_sample(s) | {"t": s.get("t")} for s in record.get("samples", [])],
            [self._relative(w) for w in record.get("warnings", [])],
        )
        self.feedback = QListWidget()
        self.feedback.setObjectName("historyFeedback")
        self.feedback.setAccessibleName(self.tr("Feedback"))
        self.feedback.setMaximumHeight(80)
        labels = issue_labels()
        for entry in record.get("feedback", []):
            text = _stars(entry.get("rating"))
            if entry.get("issues"):
                text += "  " + ", ".join(labels.get(i, i) for i in entry["issues"])
            if entry.get("note"):
                text += f"  “{entry['note']}”"
            self.feedback.addItem(text)
        if not record.get("feedback"):
            self.feedback.addItem(self.tr("Not rated"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        again = buttons.addButton(self.tr("Call again"), QDialogButtonBox.ButtonRole.ActionRole)
        again.setObjectName("detailsCallAgain")
        again.setEnabled(bool(who))
        again.clicked.connect(lambda: self.callAgain.emit(who))
        layout = QVBoxLayout(self)
        layout.addLayout(summary)
        layout.addWidget(self.chart, 1)
        layout.addWidget(QLabel(self.tr("Feedback:")))
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.resize(640, 640)

    def _relative(self, warning: Mapping[str, Any]) -> dict[str, Any]:
        """A stored warning (``at``: wall-clock time) on the samples' time axis."""
        origin = media_start(self.record)
        return {**warning, "at": max(0.0, float(warning.get("at") or origin) - origin)}


def media_start(record: Mapping[str, Any]) -> float:
    """When a recorded call's media started (wall clock): samples count from there, the
    record's ``started_at`` is when it was dialled or rang. The database keeps no answer
    time; sampling runs to the end, so the call's end minus its last sample's time is it
    (within a sampling interval)."""
    samples = record.get("samples") or []
    ended, started = record.get("ended_at"), float(record.get("started_at") or 0.0)
    if samples and ended is not None and samples[-1].get("t") is not None:
        return max(started, float(ended) - float(samples[-1]["t"]))
    return started
