"""The main window: account state, dialling, the current call, ringing calls and charts.

It reacts to sdk events (through :class:`~webphone.ui.bridge.Bridge` signals only, each
event to the handler its table names) and runs user actions as coroutines on the GUI
thread's qasync loop that ``await bridge.run(...)``; it never touches the client itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..sdk import EVENT_NAMES
from ..sdk.checks.voice_check import Outcome, VoiceCheckResult
from ..sdk.features.audio import AUTO_SWITCH_SECONDS
from .account import SessionInfo
from .bridge import Bridge
from .call_panel import CallPanel, PanelState
from .contacts import ContactBook, ContactsDialog
from .devices import SELECTORS, AudioDevicesDialog, DevicePickers
from .dial_search import DialSearch
from .dialpad import KEYS, DialPad
from .gui_loop import Tasks, error_text
from .icons import Status, coloured_icon, status_icon, status_pixmap, themed_icon
from .incoming import IncomingList
from .network_check import show_network_check
from .settings import Settings
from .voicemail import VoicemailButton

log = logging.getLogger(__name__)
FEEDBACK_DELAY_MS = 300
SPEAKER_TEST_SECONDS = 2.0
CHARTS_MIN_HEIGHT = 150  # px: below this the plots' axes overlap
CHARTS_HEIGHT = 340  # px: unfolded the first time (four quality timelines need room)
DEFAULT_SIZE = QSize(820, 560)  # the compact window: the call column and the contacts
CALL_STYLE = "QPushButton:enabled { background: #2e7d32; color: white; }"
BUTTON_ICON = QSize(20, 20)
# The splitters whose sizes the settings remember (their object names).
SPLITTERS = ("columnsSplitter", "chartsSplitter")


def fit_on_screen(rect: QRect, screens: list[QRect]) -> QRect:
    """*rect* (a remembered window) moved and shrunk onto the screen it overlaps most, or
    onto the first screen when it overlaps none (a monitor unplugged since)."""
    if not screens:
        return QRect(rect)
    area = max(screens, key=lambda s: _overlap(rect, s))
    if _overlap(rect, area) == 0:
        area = screens[0]
    width = min(rect.width(), area.width())
    height = min(rect.height(), area.height())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - width)
    y = min(max(rect.y(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)


def _overlap(a: QRect, b: QRect) -> int:
    common = a.intersected(b)
    return common.width() * common.height() if common.isValid() else 0


#: Handled sdk events (an sdk event name → its handler's name on the window)
SdkHandlers = Mapping[str, Callable[..., None]]


def check_event_names(handlers: SdkHandlers) -> None:
    """Raise ValueError for a handler of an event the sdk does not have (a typo)."""
    unknown = sorted(set(handlers) - EVENT_NAMES)
    if unknown:
        raise ValueError(f"handlers for events the sdk does not have: {', '.join(unknown)}")


class MainWindow(QMainWindow):
    """The phone. Dialogs and the tray hook in through the signals below."""

    accountDialogRequested = Signal()
    settingsDialogRequested = Signal()
    feedbackRequested = Signal(str)  # call UUID of an answered call that ended
    historyRequested = Signal()
    callEnded = Signal(str)  # call UUID (the history has a new row)
    quitRequested = Signal()
    statusChanged = Signal(object, str)  # Status, text
    incomingCall = Signal(str, str)  # uuid, caller as shown
    incomingCallGone = Signal(str, bool)  # uuid, missed (canceled by the caller)

    def __init__(self, bridge: Bridge, settings: Settings, tasks: Tasks) -> None:
        super().__init__()
        self.bridge = bridge
        self.settings = settings
        self.tasks = tasks
        self.session: SessionInfo | None = None
        self.status = Status.OFFLINE
        self.level_chart: Any = None  # charts load after the window shows (pyqtgraph is slow)
        self.quality_chart: Any = None
        self.close_box: QMessageBox | None = None  # the close-protection question, if asked
        self._dialled = ""
        self._quitting = False
        self._closed = False  # the window closed for good (the app is quitting)
        self._feedback_pending: str | None = None  # answered call still to be rated
        self._voice_checking = False  # the voice-path check's call is the one in progress
        self.minimize_to_tray = False  # set by the app when a tray icon exists
        self.contact_book = ContactBook(parent=self)  # the user's address book
        self.contacts_dialog: ContactsDialog | None = None
        self._folded_height: int | None = None  # the window's height before the charts
        self.setWindowTitle(self.tr("Webphone"))
        self.setWindowIcon(status_icon(Status.OFFLINE))
        self._build()
        self._build_menu()
        self._build_shortcuts()
        self._apply_look()
        self.restore_layout()
        self.event_handlers = self._event_handlers()
        check_event_names(self.event_handlers)
        bridge.sdkEvent.connect(self._on_event)
        bridge.qualitySample.connect(self._quality_sample)
        self.set_status(Status.CONNECTING, self.tr("Connecting…"))

    # -- construction ----
    def _build(self) -> None:
        self.status_icon = QLabel()
        self.status_icon.setAccessibleName(self.tr("Account state icon"))
        self.status_label = QLabel()
        self.status_label.setObjectName("accountStatus")
        self.status_label.setAccessibleName(self.tr("Account state"))
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.account_button = QPushButton(self.tr("Account…"))
        self.account_button.setObjectName("accountButton")
        self.account_button.setAccessibleName(self.tr("Change account"))
        self.account_button.clicked.connect(self.accountDialogRequested)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_icon)
        status_row.addWidget(self.status_label, 1)
        # The voicemail indicator: hidden until the server says anything of a mailbox.
        self.voicemail_button = VoicemailButton(lambda: self.settings.voicemail_number)
        self.voicemail_button.dialRequested.connect(self.call_again)
        status_row.addWidget(self.voicemail_button)
        status_row.addWidget(self.account_button)

        self.destination = QLineEdit()
        self.destination.setObjectName("destination")
        self.destination.setPlaceholderText(self.tr("Number, user name or SIP address"))
        self.destination.setAccessibleName(self.tr("Destination"))
        self.destination.setClearButtonEnabled(True)
        self.destination.returnPressed.connect(self.place_call)
        self.dial_search = DialSearch(self.destination, self._suggestions, self)
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setObjectName("callButton")
        self.call_button.setAccessibleName(self.tr("Call"))
        self.call_button.setDefault(True)
        self.call_button.setStyleSheet(CALL_STYLE)
        self.call_button.setIconSize(BUTTON_ICON)
        self.call_button.setMinimumHeight(34)
        self.call_button.clicked.connect(self.place_call)
        self.dialpad_button = QToolButton()
        self.dialpad_button.setObjectName("dialpadButton")
        self.dialpad_button.setCheckable(True)
        self.dialpad_button.setAccessibleName(self.tr("Show the dial pad"))
        self.dialpad_button.setToolTip(self.tr("Show or hide the dial pad"))
        self.dialpad_button.setIconSize(BUTTON_ICON)
        self.dialpad_button.toggled.connect(self.set_dialpad_shown)
        dial_row = QHBoxLayout()
        dial_row.addWidget(self.destination, 1)
        dial_row.addWidget(self.dialpad_button)
        dial_row.addWidget(self.call_button)
        self.destination.setMinimumHeight(34)

        self.contacts_caption = QLabel(self.tr("Contacts"))
        self.contacts = QListWidget()
        self.contacts.setObjectName("contacts")
        self.contacts.setAccessibleName(self.tr("Contacts"))
        self.contacts_caption.setBuddy(self.contacts)
        # A narrow column: long rows end in "…" (the tooltip has them whole), no
        # sideways scrolling.
        self.contacts.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.contacts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.contacts.itemClicked.connect(
            lambda item: self.destination.setText(item.data(Qt.ItemDataRole.UserRole))
        )
        self.contacts.itemActivated.connect(self._call_contact)
        self.dialpad = DialPad()
        self.dialpad.pressed.connect(self.key_pressed)

        self.call_panel = CallPanel()
        self.call_panel.hangupClicked.connect(self.hang_up)
        self.call_panel.muteToggled.connect(self._set_mute)
        self.call_panel.noiseReductionToggled.connect(self._set_noise_reduction)
        self.devices = DevicePickers()
        self.devices.deviceChosen.connect(self._choose_device)
        self.devices.dialogRequested.connect(self.show_audio_devices)
        self.devices_dialog: AudioDevicesDialog | None = None
        # The sdk may switch devices a moment after one appears (useDefaultAudioDevice):
        # the pickers look again once it has.
        self._devices_settled = QTimer(self)
        self._devices_settled.setSingleShot(True)
        self._devices_settled.setInterval(int(AUTO_SWITCH_SECONDS * 1000) + 150)
        self._devices_settled.timeout.connect(self._refresh_devices)
        self.incoming = IncomingList()
        self.incoming.answerRequested.connect(self.answer)
        self.incoming.rejectRequested.connect(self.reject)
        self.incoming.ignoreRequested.connect(self.ignore)
        self.chart_tabs = QTabWidget()
        self.chart_tabs.setObjectName("chartTabs")
        self.chart_tabs.setAccessibleName(self.tr("Charts"))
        self.chart_tabs.setMinimumHeight(CHARTS_MIN_HEIGHT)
        # The charts fold away under the call (they are for when a call sounds bad).
        self.charts_button = QToolButton()
        self.charts_button.setObjectName("chartsButton")
        self.charts_button.setCheckable(True)
        self.charts_button.setAutoRaise(True)
        self.charts_button.setText(self.tr("Call quality charts"))
        self.charts_button.setAccessibleName(self.tr("Show the call quality charts"))
        self.charts_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.charts_button.toggled.connect(self.set_charts_shown)

        # The call column: what to dial, what rings, the call, its keys and devices.
        call_column = QVBoxLayout()
        call_column.setContentsMargins(0, 0, 0, 0)
        call_column.addLayout(dial_row)
        call_column.addWidget(self.incoming)
        call_column.addWidget(self.call_panel)
        call_column.addWidget(self.dialpad)
        call_column.addWidget(self.devices)
        call_column.addStretch(1)
        call_column.addWidget(self.charts_button, 0, Qt.AlignmentFlag.AlignLeft)
        call_side = QWidget()
        call_side.setObjectName("callColumn")
        call_side.setLayout(call_column)
        contacts_column = QVBoxLayout()
        contacts_column.setContentsMargins(0, 0, 0, 0)
        contacts_column.addWidget(self.contacts_caption)
        contacts_column.addWidget(self.contacts, 1)
        contacts_side = QWidget()
        contacts_side.setObjectName("contactsColumn")
        contacts_side.setLayout(contacts_column)
        self.columns = QSplitter(Qt.Orientation.Horizontal)
        self.columns.setObjectName("columnsSplitter")
        self.columns.addWidget(call_side)
        self.columns.addWidget(contacts_side)
        self.columns.setChildrenCollapsible(False)
        self.columns.setStretchFactor(0, 3)
        self.columns.setStretchFactor(1, 2)
        self.columns.setSizes([520, 280])
        self.rows = QSplitter(Qt.Orientation.Vertical)
        self.rows.setObjectName("chartsSplitter")
        self.rows.addWidget(self.columns)
        self.rows.addWidget(self.chart_tabs)
        self.rows.setChildrenCollapsible(False)
        self.rows.setStretchFactor(0, 1)
        self.rows.setStretchFactor(1, 1)
        for splitter in (self.columns, self.rows):
            splitter.splitterMoved.connect(self._remember_splitters)
        body = QVBoxLayout()
        body.addLayout(status_row)
        body.addWidget(self.rows, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)
        self.setTabOrder(self.destination, self.call_button)
        self.setTabOrder(self.call_button, self.contacts)
        self.setTabOrder(self.contacts, self.dialpad.buttons["1"])
        self.resize(DEFAULT_SIZE)
        self.contact_book.changed.connect(self._fill_contacts)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Phone"))
        account = QAction(self.tr("&Account…"), self)
        account.triggered.connect(self.accountDialogRequested)
        settings = QAction(self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(self.settingsDialogRequested)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit)
        history = QAction(self.tr("Call &history…"), self)
        history.setObjectName("historyAction")
        history.setShortcut(QKeySequence("Ctrl+H"))
        history.triggered.connect(self.historyRequested)
        self.history_action = history
        audio = QAction(self.tr("Audio &devices…"), self)
        audio.setObjectName("audioDevicesAction")
        audio.triggered.connect(self.show_audio_devices)
        contacts = QAction(self.tr("&Contacts…"), self)
        contacts.setObjectName("contactsAction")
        contacts.setShortcut(QKeySequence("Ctrl+K"))
        contacts.triggered.connect(self.show_contacts)
        self.contacts_action = contacts
        check = QAction(self.tr("Check my &connection…"), self)
        check.setObjectName("networkCheckAction")
        check.triggered.connect(lambda: show_network_check(self))
        menu.addActions([account, settings, audio, history, contacts, check])
        menu.addSeparator()
        menu.addAction(quit_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        self.dialpad_action = QAction(self.tr("&Dial pad"), self)
        self.dialpad_action.setObjectName("dialpadAction")
        self.dialpad_action.setCheckable(True)
        self.dialpad_action.toggled.connect(self.set_dialpad_shown)
        self.charts_action = QAction(self.tr("Call quality &charts"), self)
        self.charts_action.setObjectName("chartsAction")
        self.charts_action.setCheckable(True)
        self.charts_action.toggled.connect(self.set_charts_shown)
        view.addActions([self.dialpad_action, self.charts_action])
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Webphone"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- look and layout ----
    def _apply_look(self) -> None:
        """Button icons in the palette's colours (light or dark)."""
        self.call_button.setIcon(coloured_icon(self, "call"))
        self.dialpad_button.setIcon(themed_icon(self, "dialpad"))
        self.charts_action.setIcon(themed_icon(self, "charts"))
        self.dialpad_action.setIcon(themed_icon(self, "dialpad"))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_look()

    def set_dialpad_shown(self, shown: bool) -> None:
        """View ▸ Dial pad, or the button beside the dial field (remembered)."""
        for control in (self.dialpad_button, self.dialpad_action):
            control.blockSignals(True)
            control.setChecked(shown)
            control.blockSignals(False)
        self.dialpad.setVisible(shown)
        if shown != self.settings.show_dialpad:
            self.settings.show_dialpad = shown
            self.settings.save()

    def set_charts_shown(self, shown: bool) -> None:
        """Unfold (or fold away) the call-quality charts under the call (remembered). The
        window grows by the charts' height and shrinks back, so the call column keeps its
        size."""
        for control in (self.charts_button, self.charts_action):
            control.blockSignals(True)
            control.setChecked(shown)
            control.blockSignals(False)
        self.charts_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        if shown == self.chart_tabs.isVisibleTo(self):
            return
        grow = self.isVisible() and not (self.isMaximized() or self.isFullScreen())
        if shown:
            sizes = self.settings.splitter_sizes.get("chartsSplitter")
            extra = sizes[1] if sizes else CHARTS_HEIGHT
            self.chart_tabs.setVisible(True)
            if grow:
                self._folded_height = self.height()
                self._grow_on_screen(extra + self.rows.handleWidth())
            # Before the window shows, the splitter has no height yet: its sizes are
            # only proportions then, those the user left (or the default window's).
            top = self.rows.sizes()[0] if grow else (sizes[0] if sizes else DEFAULT_SIZE.height())
            self.rows.setSizes([top, extra])
        else:
            self._remember_splitters()
            height = self.chart_tabs.height() + self.rows.handleWidth()
            self.chart_tabs.setVisible(False)
            if grow:
                # Back to the height it had folded (a screen may have capped the growth).
                folded = self._folded_height or self.height() - height
                self.resize(self.width(), max(self.minimumSizeHint().height(), folded))
            self._folded_height = None
        if shown != self.settings.show_charts:
            self.settings.show_charts = shown
            self.settings.save()

    def _grow_on_screen(self, extra: int) -> None:
        """Grow the window by *extra* px, no further than its screen shows (moved up if
        the bottom would leave it)."""
        area = self.screen().availableGeometry()
        frame = self.frameGeometry().height() - self.height()  # title bar and borders
        height = min(self.height() + extra, area.height() - frame)
        top = min(self.frameGeometry().top(), area.bottom() + 1 - height - frame)
        if top < self.frameGeometry().top():
            self.move(self.x(), max(area.top(), top))
        self.resize(self.width(), height)

    def _remember_splitters(self) -> None:
        for splitter in (self.columns, self.rows):
            sizes = splitter.sizes()
            if all(size > 0 for size in sizes):  # a folded pane's 0 is not a size
                self.settings.splitter_sizes[splitter.objectName()] = sizes

    def restore_layout(self) -> None:
        """Dial pad, charts, splitters and the window's place as the user left them; a
        place no screen shows any more moves onto one."""
        s = self.settings
        self.chart_tabs.setVisible(False)
        self.set_dialpad_shown(s.show_dialpad)
        self.set_charts_shown(s.show_charts)
        for splitter in (self.columns, self.rows):
            sizes = s.splitter_sizes.get(splitter.objectName())
            if sizes and len(sizes) == splitter.count():
                splitter.setSizes(sizes)
        if s.window_geometry is not None:
            screens = [screen.availableGeometry() for screen in QGuiApplication.screens()]
            self.setGeometry(fit_on_screen(QRect(*s.window_geometry), screens))
        elif s.show_charts:
            self.resize(DEFAULT_SIZE.width(), DEFAULT_SIZE.height() + CHARTS_HEIGHT)
        if s.window_maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_layout(self) -> None:
        """Remember the window's place and size, and the splitters (on close)."""
        s = self.settings
        maximized = self.isMaximized()
        rect = self.normalGeometry() if maximized else self.geometry()
        if rect.isValid():
            s.window_geometry = [rect.x(), rect.y(), rect.width(), rect.height()]
        s.window_maximized = maximized
        self._remember_splitters()
        s.save()

    def _build_shortcuts(self) -> None:
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self.escape)
        # Digits are DTMF only during a call; the destination field is disabled then, so
        # these never steal typing.
        self.dtmf_shortcuts = []
        for key in KEYS:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setEnabled(False)
            shortcut.activated.connect(lambda k=key: self.key_pressed(k))
            self.dtmf_shortcuts.append(shortcut)

    def load_charts(self) -> None:
        """Create the pyqtgraph charts (deferred: importing pyqtgraph takes ~0.5 s)."""
        if self.level_chart is not None:
            return
        from .charts import LevelChart, QualityChart

        self.level_chart = LevelChart()
        self.level_chart.setObjectName("levelChart")
        self.quality_chart = QualityChart()
        self.quality_chart.setObjectName("qualityChart")
        self.chart_tabs.addTab(self.level_chart, self.tr("Audio levels"))
        self.chart_tabs.addTab(self.quality_chart, self.tr("Call quality"))

    # -- account ----
    def set_status(self, status: Status, text: str) -> None:
        self.status = status
        # Drawn at the screen's pixel density: sharp at 200 % scaling too.
        ratio = self.devicePixelRatioF()
        pixmap = status_pixmap(status, round(20 * ratio))
        pixmap.setDevicePixelRatio(ratio)
        self.status_icon.setPixmap(pixmap)
        self.status_label.setText(text)
        self.setWindowIcon(status_icon(status))
        self.statusChanged.emit(status, text)

    def session_opened(self, info: SessionInfo) -> None:
        self.session = info
        self._fill_contacts()
        self._refresh_devices()
        # Until onNoiseReductionReady, the option says whether it will be there.
        self.call_panel.set_noise_reduction_available(
            bool(self.settings.effective_options.get("enableNoiseReduction"))
        )
        self.call_panel.show_noise_reduction(False)  # a new client starts without it
        if self.status is Status.REGISTERED:  # onLogin came first: name the account now
            self._on_login()

    def _bot_descriptions(self) -> dict[str, str]:
        return {
            "echo": self.tr("returns your voice and key presses"),
            "busy": self.tr("is always busy"),
            "noanswer": self.tr("rings and never answers"),
            "ring": self.tr("declines and calls you back"),
            "multi": self.tr("declines and rings you from three callers at once"),
            "voicemail": self.tr("takes a message for your voicemail indicator"),
        }

    def session_failed(self, reason: str) -> None:
        self.set_status(Status.ERROR, self.tr("Cannot start: %1").replace("%1", reason))

    def _fill_contacts(self) -> None:
        """The session's accounts (the demo bots), then the address book's contacts."""
        info = self.session
        self.contacts.clear()
        demo = info is not None and info.demo
        descriptions = self._bot_descriptions() if demo else {}
        for name in info.contacts if info else []:
            about = descriptions.get(name, self.tr("demo account") if demo else "")
            item = QListWidgetItem(f"{name} — {about}" if about else name, self.contacts)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(about)
        for contact in self.contact_book.contacts:
            first = contact.addresses[0] if contact.addresses else ""
            item = QListWidgetItem(f"{contact.name} — {first}", self.contacts)
            item.setData(Qt.ItemDataRole.UserRole, first)
            item.setToolTip("\n".join(contact.addresses))
        self.contacts_caption.setText(
            self.tr("Demo bots and accounts") if demo else self.tr("Contacts")
        )

    def _suggestions(self, text: str) -> list[Any]:
        """The dial field's list: address book contacts, then dialled destinations and
        the session's accounts (named when they are a contact's)."""
        accounts = self.session.contacts if self.session else []
        return self.contact_book.search(text, [*self.settings.history, *accounts])

    def contact_name(self, address: str) -> str | None:
        """The address book's name for *address* (a caller, a history entry)."""
        return self.contact_book.name_for(address)

    def show_contacts(self) -> None:
        """Phone ▸ Contacts… (one dialog, kept while the window lives)."""
        if self.contacts_dialog is None:
            self.contacts_dialog = ContactsDialog(self.contact_book, self)
            self.contacts_dialog.callRequested.connect(self.call_again)
        self.contacts_dialog.show()
        self.contacts_dialog.raise_()
        self.contacts_dialog.activateWindow()

    # -- sdk events ----
    def _event_handlers(self) -> SdkHandlers:
        """What the window does on each sdk event it shows (the others pass by)."""
        return {
            "onLogin": self._on_login,
            "onLoginFailed": self._on_login_failed,
            "onLogout": self._on_logout,
            "onConnectionChange": self._on_connection_change,
            "onCalling": self._on_calling,
            "onCallRemoteRinging": self._on_remote_ringing,
            "onCallAnswered": self._on_call_answered,
            "onCallTerminated": self._on_call_terminated,
            "onCallFailed": self._on_call_failed,
            "onIncomingCall": self._on_incoming_call,
            "onIncomingCallCanceled": self._on_incoming_call_canceled,
            "onIncomingCallIgnored": self._on_incoming_call_ignored,
            "onDtmfReceived": self._on_dtmf_received,
            "audioDeviceChange": self._on_audio_device_change,
            "volume": self._on_volume,
            "mediaMetrics": self._on_media_metrics,
            "remoteAudioStatus": self._on_remote_audio_status,
            "onNoiseReductionReady": self._on_noise_reduction_ready,
            "onVoicemail": self.voicemail_button.show_summary,
        }

    def _on_event(self, name: str, args: list[Any]) -> None:
        handler = self.event_handlers.get(name)
        if handler is not None:
            handler(*args)

    def _who(self) -> str:
        if self.session is None:
            return ""
        return f"{self.session.user}@{self.session.domain}"

    def _on_login(self) -> None:
        self.tasks.spawn(self._restore_gains())
        text = self.tr("Registered as %1").replace("%1", self._who())
        if self.session is not None and self.session.demo:
            text += " " + self.tr("(local demo service)")
        self.set_status(Status.REGISTERED, text)

    def _on_login_failed(self, cause: str) -> None:
        self.set_status(Status.ERROR, self.tr("Login failed: %1").replace("%1", str(cause)))

    def _on_logout(self) -> None:
        self.set_status(Status.OFFLINE, self.tr("Logged out"))
        self.voicemail_button.clear()

    def _on_connection_change(self, change: dict[str, Any]) -> None:
        if change.get("state") == "connected":
            self._on_login()
        elif self.status is not Status.ERROR:
            reason = str(change.get("eventReason") or change.get("reason") or "")
            text = self.tr("Connection lost (%1), reconnecting…").replace("%1", reason)
            self.set_status(Status.CONNECTING, text)

    def _on_calling(self) -> None:
        if self.call_panel.state is not PanelState.CALLING:
            self._start_call_view(PanelState.CALLING, self._dialled, None)

    def _on_remote_ringing(self, info: dict[str, Any]) -> None:
        self.call_panel.set_state(PanelState.RINGING, uuid=info.get("callUUID"))

    def _on_call_answered(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID")
        if info.get("direction") == "INCOMING":
            self.incoming.remove(uuid or "")
            self.incomingCallGone.emit(uuid or "", False)
            self._start_call_view(PanelState.ANSWERED, info.get("src", ""), uuid)
        else:
            self.call_panel.set_state(PanelState.ANSWERED, uuid=uuid)
        self._update_keys()

    def _on_call_terminated(self, _hangup: dict[str, Any], info: dict[str, Any]) -> None:
        self._end_call_view(info, "")

    def _on_call_failed(self, cause: str, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        if uuid in self.incoming.rows:
            self.incoming.remove(uuid)
            self.incomingCallGone.emit(uuid, False)
            return
        if info.get("direction") == "OUTGOING":
            self._end_call_view(info, str(cause))

    def _on_incoming_call(
        self, caller: str, headers: dict[str, Any], info: dict[str, Any], name: str = ""
    ) -> None:
        uuid = info.get("callUUID") or ""
        name = self.contact_name(caller) or name  # the user's name for them comes first
        self.incoming.add(uuid, caller, name, headers)
        self.incomingCall.emit(uuid, f"{name} <{caller}>" if name else caller)

    def _on_incoming_call_canceled(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        if uuid in self.incoming.rows:
            self.incoming.remove(uuid)
            self.incomingCallGone.emit(uuid, True)

    def _on_incoming_call_ignored(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        self.incoming.remove(uuid)
        self.incomingCallGone.emit(uuid, False)

    def _on_dtmf_received(self, dtmf: dict[str, Any]) -> None:
        self.call_panel.digit_received(str(dtmf.get("tone", "")))

    def _on_audio_device_change(self, _change: dict[str, Any]) -> None:
        self._refresh_devices()
        self._devices_settled.start()

    def _refresh_devices(self) -> None:
        """Ask the sdk's device API for the sound devices and its current choices."""

        self.tasks.spawn(self._show_devices())

    async def _show_devices(self) -> None:
        async def devices(
            client: Any,
        ) -> tuple[list[dict[str, str]], dict[str, str], dict[str, float]]:
            audio = client.audio
            chosen = {name: getattr(audio, name).get() for name in SELECTORS}
            gains = {name: getattr(audio, name).gain() for name in SELECTORS}
            return await audio.available_devices(), chosen, gains

        result = await self._command("devices", devices)
        if result is not None:
            available, chosen, gains = result
            self.devices.set_devices(available, chosen)
            if self.devices_dialog is not None:
                self.devices_dialog.set_devices(available, chosen)
                self.devices_dialog.set_gains(gains)

    def _choose_gain(self, selector: str, db: float) -> None:
        self.tasks.spawn(self._set_gain(selector, db))

    async def _set_gain(self, selector: str, db: float) -> None:
        """Set the gain of *selector*'s current device and remember every device's."""

        def set_gain(client: Any) -> dict[str, float]:
            devices = getattr(client.audio, selector)
            devices.set_gain(db)
            return dict(devices.gains())

        gains = await self._command("gain", set_gain)
        if gains is not None:
            self.settings.audio_gains[selector] = gains
            self.settings.save()

    async def _restore_gains(self) -> None:
        """Give the sdk the gains remembered for each device (a new session starts at 0)."""
        stored = {s: dict(g) for s, g in self.settings.audio_gains.items() if s in SELECTORS}

        def restore(client: Any) -> None:
            for selector, gains in stored.items():
                for device, db in gains.items():
                    getattr(client.audio, selector).set_gain(db, device)

        if stored and await self._command("gain", restore) is None:
            return
        if stored and self.devices_dialog is not None:
            await self._show_devices()  # an open dialog shows the gains restored

    def _choose_device(self, selector: str, device: str) -> None:
        self.tasks.spawn(self._use_device(selector, device))

    async def _use_device(self, selector: str, device: str) -> None:
        def choose(client: Any) -> bool:
            devices = getattr(client.audio, selector)
            return bool(devices.set(device) if device else devices.reset())

        if await self._command("device", choose) is not None:
            await self._show_devices()  # a refused id: show what the sdk really uses

    def show_audio_devices(self) -> None:
        """The audio devices dialog (one, kept while the window lives)."""
        if self.devices_dialog is None:
            dialog = AudioDevicesDialog(self)
            dialog.deviceChosen.connect(self._choose_device)
            dialog.gainChosen.connect(self._choose_gain)
            dialog.testToggled.connect(self._toggle_mic_test)
            dialog.speakerTestRequested.connect(self._test_speaker)
            dialog.voice_check.checkRequested.connect(self._check_voice_path)
            dialog.voice_check.cancelRequested.connect(self.bridge.cancel_voice_check)
            self.bridge.micLevel.connect(dialog.level)
            self.bridge.voiceCheckProgress.connect(dialog.voice_check.progress)
            self.devices_dialog = dialog
        self._refresh_devices()
        self.devices_dialog.show()
        self.devices_dialog.raise_()

    def _toggle_mic_test(self, on: bool) -> None:
        self.tasks.spawn(self._mic_test() if on else self._stop_mic_test())

    async def _mic_test(self) -> None:
        try:
            latest = await self.bridge.mic_test()
        except Exception as exc:
            log.error("micTest failed: %r", exc)
            if self.devices_dialog is not None:
                self.devices_dialog.test_stopped(error_text(exc))
            return
        if latest and self.devices_dialog is not None:
            self.devices_dialog.test_stopped()  # (False: a newer test runs on)

    async def _stop_mic_test(self) -> None:
        try:
            await self.bridge.stop_mic_test()
        except Exception as exc:
            self.show_failure("micTestStop", exc)

    def _test_speaker(self) -> None:
        """The ringback tone on the chosen speaker for a moment (not during a call: the
        tone is the call's own ringback)."""
        if self.call_panel.in_call:
            self.statusBar().showMessage(self.tr("Hang up first to test the speaker"), 8000)
            return

        async def play(client: Any) -> None:
            player = client.audio.speaker_devices.media("ringback")
            player.play()
            await asyncio.sleep(SPEAKER_TEST_SECONDS)
            player.pause()

        self.tasks.spawn(self._command("speakerTest", play))

    def _check_voice_path(self) -> None:
        """Audio devices → Check voice path: the sdk's check, through the bridge. The
        demo service's echo bot is "echo"; a real server's echo service is a setting."""
        dialog = self.devices_dialog
        if dialog is None or self._voice_checking:
            return
        demo = self.session is None or self.session.demo
        destination = "echo" if demo else self.settings.echo_destination
        if self.status is not Status.REGISTERED:
            dialog.voice_check.finished(VoiceCheckResult(Outcome.NOT_LOGGED_IN, destination))
            return
        if self.busy:
            dialog.voice_check.finished(VoiceCheckResult(Outcome.CALL_IN_PROGRESS, destination))
            return
        self._voice_checking = True
        self._dialled = destination  # the call panel shows whom the check's call is to
        dialog.voice_check.started(destination)
        self.tasks.spawn(self._voice_check(destination))

    async def _voice_check(self, destination: str) -> None:
        try:
            result = await self.bridge.voice_check(destination)
        except Exception as exc:
            log.error("voiceCheck failed: %r", exc)
            self._voice_checking = False
            if self.devices_dialog is not None:
                self.devices_dialog.voice_check.failed(error_text(exc))
            return
        self._voice_checking = False
        if self.devices_dialog is not None:
            self.devices_dialog.voice_check.finished(result)

    def _on_volume(self, volume: dict[str, Any]) -> None:
        if self.level_chart is not None:
            self.level_chart.push(volume)
        dialog = self.devices_dialog
        # In a call the meter shows the call's microphone; the sdk's ``volume`` tail after
        # the call (zeros) must not fight the microphone test's levels.
        if (
            dialog is not None
            and dialog.isVisible()
            and self.call_panel.in_call
            and not dialog.test_button.isChecked()
            and volume.get("inputVolume") is not None
        ):
            with contextlib.suppress(TypeError, ValueError):  # not a number: meter unchanged
                dialog.level(float(volume["inputVolume"]))

    def _on_media_metrics(self, metrics: dict[str, Any]) -> None:
        if self.quality_chart is not None:
            self.quality_chart.warning(metrics)
        if self.call_panel.in_call:
            self.call_panel.media_warning(metrics)

    def _on_remote_audio_status(self, flowing: object) -> None:
        if self.call_panel.in_call:
            self.call_panel.set_remote_audio(bool(flowing))

    def _on_noise_reduction_ready(self) -> None:
        self.call_panel.set_noise_reduction_available(True)

    def _set_noise_reduction(self, on: bool) -> None:
        self.tasks.spawn(self._noise_reduction(on))

    async def _noise_reduction(self, on: bool) -> None:
        done = await self._command(
            "noiseReductionOn" if on else "noiseReductionOff",
            lambda client: client.start_noise_reduction() if on else client.stop_noise_reduction(),
        )
        if done is False:
            self.call_panel.show_noise_reduction(not on)
            self.statusBar().showMessage(
                self.tr("Noise reduction could not be switched on")
                if on
                else self.tr("Noise reduction could not be switched off"),
                8000,
            )

    def _quality_sample(self, sample: dict[str, Any]) -> None:
        if self.quality_chart is not None and self.call_panel.state is PanelState.ANSWERED:
            self.quality_chart.add_sample(sample)

    def _start_call_view(self, state: PanelState, party: str, uuid: str | None) -> None:
        self.call_panel.set_state(state, party=party, uuid=uuid)
        self.load_charts()
        self.level_chart.clear()
        self.level_chart.start()
        self.quality_chart.reset()
        self._update_keys()

    def _end_call_view(self, info: dict[str, Any], reason: str) -> None:
        uuid = info.get("callUUID")
        panel = self.call_panel
        if panel.call_uuid not in (None, uuid) or not panel.in_call:
            return
        was_answered = panel.state is PanelState.ANSWERED
        panel.set_state(PanelState.ENDED, reason=reason)
        self.callEnded.emit(uuid or "")
        dialog = self.devices_dialog
        if dialog is not None and not dialog.test_button.isChecked():
            # The meter showed the call's microphone; that level is over with the call
            # (and would pass for a microphone test's level before the test has one).
            dialog.level(0.0)
        if not was_answered and self._feedback_pending and not self.busy:
            self._ask_feedback(self._feedback_pending)
        if self.level_chart is not None:
            self.level_chart.stop()
        self._update_keys()
        if was_answered and uuid and self.settings.ask_feedback and not self._voice_checking:
            # Not in the middle of the next call (answering one ringing call ends the
            # current one): the question waits until the phone is idle.
            QTimer.singleShot(FEEDBACK_DELAY_MS, self, functools.partial(self._ask_feedback, uuid))

    def _ask_feedback(self, uuid: str) -> None:
        if self._closed:
            return
        if self.busy:
            self._feedback_pending = uuid
            return
        self._feedback_pending = None
        self.feedbackRequested.emit(uuid)

    def _update_keys(self) -> None:
        in_call = self.call_panel.in_call
        answered = self.call_panel.state is PanelState.ANSWERED
        for shortcut in self.dtmf_shortcuts:
            shortcut.setEnabled(answered)
        self.destination.setEnabled(not in_call)
        self.call_button.setEnabled(not in_call)
        if in_call and self.destination.hasFocus():
            self.call_panel.hangup_button.setFocus()

    # -- commands ----
    def place_call(self) -> None:
        destination = self.destination.text().strip()
        if not destination or self.call_panel.in_call:
            return
        self._dialled = destination
        self.settings.remember(destination)
        self.settings.save()
        self._start_call_view(PanelState.CALLING, destination, None)
        self.tasks.spawn(self._call(destination))

    async def _call(self, destination: str) -> None:
        try:
            placed = await self.bridge.run(lambda client: client.call(destination))
        except Exception as exc:
            self.call_panel.set_state(PanelState.ENDED, reason=error_text(exc))
            self._update_keys()
            self.show_failure("call", exc)
            return
        if placed is False:
            self.call_panel.set_state(PanelState.ENDED, reason=self.tr("could not start the call"))
            self._update_keys()

    def call_again(self, destination: str) -> None:
        """Dial *destination* (from the history) unless a call is in progress."""
        if self.call_panel.in_call:
            self.statusBar().showMessage(
                self.tr("Hang up first to call %1").replace("%1", destination), 8000
            )
            return
        self.destination.setText(destination)
        self.place_call()
        self.raise_()
        self.activateWindow()

    def _call_contact(self, item: QListWidgetItem) -> None:
        self.destination.setText(item.data(Qt.ItemDataRole.UserRole))
        self.place_call()

    def hang_up(self) -> None:
        self.tasks.spawn(self._command("hangup", lambda client: client.hangup()))

    def escape(self) -> None:
        """Esc: hang up the call in progress, else reject the newest ringing call."""
        if self.call_panel.in_call:
            self.hang_up()
        elif (uuid := self.incoming.newest()) is not None:
            self.reject(uuid)

    def answer(self, uuid: str, others: str = "reject") -> None:
        self.tasks.spawn(self._command("answer", lambda client: client.answer(uuid, others)))

    def reject(self, uuid: str) -> None:
        self.tasks.spawn(self._command("reject", lambda client: client.reject(uuid)))

    def ignore(self, uuid: str) -> None:
        self.tasks.spawn(self._command("ignore", lambda client: client.ignore(uuid)))

    def key_pressed(self, key: str) -> None:
        """A dial-pad key: DTMF in an answered call, else part of the destination."""
        if self.call_panel.state is PanelState.ANSWERED:
            self.call_panel.digit_sent(key)
            self.tasks.spawn(self._command("dtmf", lambda client: client.send_dtmf(key)))
        elif not self.call_panel.in_call:
            self.destination.insert(key)

    def _set_mute(self, muted: bool) -> None:
        self.tasks.spawn(
            self._command("mute", lambda client: client.mute() if muted else client.unmute())
        )

    async def _command(self, name: str, action: Callable[[Any], Any]) -> Any:
        """``await bridge.run(action)``; a failure is shown in the status bar (as
        "*name* failed: why") and gives None."""
        try:
            return await self.bridge.run(action)
        except Exception as exc:
            self.show_failure(name, exc)
            return None

    def show_failure(self, name: str, exc: Exception) -> None:
        log.error("%s failed: %r", name, exc)
        self.statusBar().showMessage(
            self.tr("%1 failed: %2").replace("%1", name).replace("%2", error_text(exc)), 8000
        )

    # -- closing ----
    @property
    def busy(self) -> bool:
        return self.call_panel.in_call or bool(self.incoming.rows)

    def quit(self) -> None:
        """Quit for real (menu, tray): close protection still applies."""
        self._quitting = True
        if not self.close():
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        if self.minimize_to_tray and not self._quitting:
            self.hide()
            event.ignore()
            return
        protect = self.settings.effective_options["closeProtection"]
        if self.busy and protect and not self._confirm_close():
            event.ignore()
            return
        self._closed = True
        if self.busy:
            self.bridge.end_calls()
        event.accept()
        self.quitRequested.emit()

    def _confirm_close(self) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Call in progress"),
            self.tr("A call is ringing or in progress. Quit and end it?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.close_box = box
        try:
            return box.exec() == QMessageBox.StandardButton.Yes
        finally:
            self.close_box = None

    def _about(self) -> None:
        from .. import __version__

        QMessageBox.about(
            self,
            self.tr("About Webphone"),
            self.tr("Webphone %1: a softphone for SIP-over-WebSocket and WebRTC servers.").replace(
                "%1", __version__
            ),
        )

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.load_charts)
