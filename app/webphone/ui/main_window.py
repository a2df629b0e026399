"""The main window: account state, dialling, the current call, ringing calls and charts.

It reacts to sdk events (through :class:`~webphone.ui.bridge.Bridge` signals only) and
sends user actions back as bridge commands; it never touches the client itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..sdk.audio import AUTO_SWITCH_SECONDS
from ..sdk.voice_check import Outcome, VoiceCheckResult
from .account import SessionInfo
from .bridge import Bridge
from .call_panel import CallPanel, PanelState
from .devices import SELECTORS, AudioDevicesDialog, DevicePickers
from .dialpad import KEYS, DialPad
from .icons import Status, status_icon, status_pixmap
from .incoming import IncomingList
from .settings import Settings

log = logging.getLogger(__name__)
FEEDBACK_DELAY_MS = 300
SPEAKER_TEST_SECONDS = 2.0
CHARTS_MIN_HEIGHT = 150  # px: below this the plots' axes overlap


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

    def __init__(self, bridge: Bridge, settings: Settings) -> None:
        super().__init__()
        self.bridge = bridge
        self.settings = settings
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
        self.setWindowTitle(self.tr("Webphone"))
        self.setWindowIcon(status_icon(Status.OFFLINE))
        self._build()
        self._build_menu()
        self._build_shortcuts()
        bridge.sdkEvent.connect(self._on_event)
        bridge.sessionOpened.connect(self._on_session_opened)
        bridge.sessionFailed.connect(self._on_session_failed)
        bridge.commandDone.connect(self._on_command_done)
        bridge.commandFailed.connect(self._on_command_failed)
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
        status_row.addWidget(self.account_button)

        self.destination = QLineEdit()
        self.destination.setObjectName("destination")
        self.destination.setPlaceholderText(self.tr("Number, user name or SIP address"))
        self.destination.setAccessibleName(self.tr("Destination"))
        self.destination.setClearButtonEnabled(True)
        self.destination.returnPressed.connect(self.place_call)
        self.completion = QStringListModel(self)
        completer = QCompleter(self.completion, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.destination.setCompleter(completer)
        self.call_button = QPushButton(self.tr("Call"))
        self.call_button.setObjectName("callButton")
        self.call_button.setAccessibleName(self.tr("Call"))
        self.call_button.setDefault(True)
        self.call_button.setStyleSheet("QPushButton:enabled { background: #2e7d32; color: white; }")
        self.call_button.clicked.connect(self.place_call)
        dial_row = QHBoxLayout()
        dial_row.addWidget(self.destination, 1)
        dial_row.addWidget(self.call_button)

        self.contacts_caption = QLabel(self.tr("Contacts"))
        self.contacts = QListWidget()
        self.contacts.setObjectName("contacts")
        self.contacts.setAccessibleName(self.tr("Contacts"))
        self.contacts_caption.setBuddy(self.contacts)
        self.contacts.itemClicked.connect(
            lambda item: self.destination.setText(item.data(Qt.ItemDataRole.UserRole))
        )
        self.contacts.itemActivated.connect(self._call_contact)
        self.dialpad = DialPad()
        self.dialpad.pressed.connect(self.key_pressed)

        left = QVBoxLayout()
        left.addLayout(dial_row)
        left.addWidget(self.contacts_caption)
        left.addWidget(self.contacts, 1)
        left.addWidget(self.dialpad)

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
        right = QVBoxLayout()
        right.addWidget(self.incoming)
        right.addWidget(self.call_panel)
        right.addWidget(self.devices)
        right.addWidget(self.chart_tabs, 1)

        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        body = QVBoxLayout()
        body.addLayout(status_row)
        body.addLayout(columns, 1)
        central = QWidget()
        central.setLayout(body)
        self.setCentralWidget(central)
        self.setTabOrder(self.destination, self.call_button)
        self.setTabOrder(self.call_button, self.contacts)
        self.setTabOrder(self.contacts, self.dialpad.buttons["1"])
        self.resize(960, 640)
        self._refresh_completion()

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
        menu.addActions([account, settings, audio, history])
        menu.addSeparator()
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Webphone"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

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
        self.status_icon.setPixmap(status_pixmap(status, 20))
        self.status_label.setText(text)
        self.setWindowIcon(status_icon(status))
        self.statusChanged.emit(status, text)

    def _on_session_opened(self, info: SessionInfo) -> None:
        self.session = info
        self.contacts.clear()
        descriptions = self._bot_descriptions() if info.demo else {}
        for name in info.contacts:
            about = descriptions.get(name, self.tr("demo account") if info.demo else "")
            item = QListWidgetItem(f"{name} — {about}" if about else name, self.contacts)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(about)
        self.contacts_caption.setText(
            self.tr("Demo bots and accounts") if info.demo else self.tr("Contacts")
        )
        self._refresh_completion()
        self._refresh_devices()
        # Until onNoiseReductionReady, the option says whether it will be there.
        self.call_panel.set_noise_reduction_available(
            bool(self.settings.effective_options.get("enableNoiseReduction"))
        )
        self.call_panel.show_noise_reduction(False)  # a new client starts without it
        if self.status is Status.REGISTERED:  # onLogin came first: name the account now
            self._sdk_onLogin()

    def _bot_descriptions(self) -> dict[str, str]:
        return {
            "echo": self.tr("returns your voice and key presses"),
            "busy": self.tr("is always busy"),
            "noanswer": self.tr("rings and never answers"),
            "ring": self.tr("declines and calls you back"),
            "multi": self.tr("declines and rings you from three callers at once"),
        }

    def _on_session_failed(self, reason: str) -> None:
        self.set_status(Status.ERROR, self.tr("Cannot start: %1").replace("%1", reason))

    def _refresh_completion(self) -> None:
        contacts = self.session.contacts if self.session else []
        self.completion.setStringList(list(dict.fromkeys([*self.settings.history, *contacts])))

    # -- sdk events ----
    def _on_event(self, name: str, args: list[Any]) -> None:
        handler: Callable[..., None] | None = getattr(self, f"_sdk_{name}", None)
        if handler is not None:
            handler(*args)

    def _who(self) -> str:
        if self.session is None:
            return ""
        return f"{self.session.user}@{self.session.domain}"

    def _sdk_onLogin(self) -> None:
        text = self.tr("Registered as %1").replace("%1", self._who())
        if self.session is not None and self.session.demo:
            text += " " + self.tr("(local demo service)")
        self.set_status(Status.REGISTERED, text)

    def _sdk_onLoginFailed(self, cause: str) -> None:
        self.set_status(Status.ERROR, self.tr("Login failed: %1").replace("%1", str(cause)))

    def _sdk_onLogout(self) -> None:
        self.set_status(Status.OFFLINE, self.tr("Logged out"))

    def _sdk_onConnectionChange(self, change: dict[str, Any]) -> None:
        if change.get("state") == "connected":
            self._sdk_onLogin()
        elif self.status is not Status.ERROR:
            reason = str(change.get("eventReason") or change.get("reason") or "")
            text = self.tr("Connection lost (%1), reconnecting…").replace("%1", reason)
            self.set_status(Status.CONNECTING, text)

    def _sdk_onCalling(self) -> None:
        if self.call_panel.state is not PanelState.CALLING:
            self._start_call_view(PanelState.CALLING, self._dialled, None)

    def _sdk_onCallRemoteRinging(self, info: dict[str, Any]) -> None:
        self.call_panel.set_state(PanelState.RINGING, uuid=info.get("callUUID"))

    def _sdk_onCallAnswered(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID")
        if info.get("direction") == "INCOMING":
            self.incoming.remove(uuid or "")
            self.incomingCallGone.emit(uuid or "", False)
            self._start_call_view(PanelState.ANSWERED, info.get("src", ""), uuid)
        else:
            self.call_panel.set_state(PanelState.ANSWERED, uuid=uuid)
        self._update_keys()

    def _sdk_onCallTerminated(self, _hangup: dict[str, Any], info: dict[str, Any]) -> None:
        self._end_call_view(info, "")

    def _sdk_onCallFailed(self, cause: str, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        if uuid in self.incoming.rows:
            self.incoming.remove(uuid)
            self.incomingCallGone.emit(uuid, False)
            return
        if info.get("direction") == "OUTGOING":
            self._end_call_view(info, str(cause))

    def _sdk_onIncomingCall(
        self, caller: str, headers: dict[str, Any], info: dict[str, Any], name: str = ""
    ) -> None:
        uuid = info.get("callUUID") or ""
        self.incoming.add(uuid, caller, name, headers)
        self.incomingCall.emit(uuid, f"{name} <{caller}>" if name else caller)

    def _sdk_onIncomingCallCanceled(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        if uuid in self.incoming.rows:
            self.incoming.remove(uuid)
            self.incomingCallGone.emit(uuid, True)

    def _sdk_onIncomingCallIgnored(self, info: dict[str, Any]) -> None:
        uuid = info.get("callUUID") or ""
        self.incoming.remove(uuid)
        self.incomingCallGone.emit(uuid, False)

    def _sdk_onDtmfReceived(self, dtmf: dict[str, Any]) -> None:
        self.call_panel.digit_received(str(dtmf.get("tone", "")))

    def _sdk_audioDeviceChange(self, _change: dict[str, Any]) -> None:
        self._refresh_devices()
        self._devices_settled.start()

    def _refresh_devices(self) -> None:
        """Ask the sdk's device API for the sound devices and its current choices."""

        async def devices(client: Any) -> dict[str, Any]:
            audio = client.audio
            return {
                "devices": await audio.available_devices(),
                "chosen": {name: getattr(audio, name).get() for name in SELECTORS},
            }

        self.bridge.command("devices", devices)

    def _choose_device(self, selector: str, device: str) -> None:
        def choose(client: Any) -> bool:
            devices = getattr(client.audio, selector)
            return bool(devices.set(device) if device else devices.reset())

        self.bridge.command("device", choose)

    def show_audio_devices(self) -> None:
        """The audio devices dialog (one, kept while the window lives)."""
        if self.devices_dialog is None:
            dialog = AudioDevicesDialog(self)
            dialog.deviceChosen.connect(self._choose_device)
            dialog.testToggled.connect(
                lambda on: self.bridge.start_mic_test() if on else self.bridge.stop_mic_test()
            )
            dialog.speakerTestRequested.connect(self._test_speaker)
            dialog.voice_check.checkRequested.connect(self._check_voice_path)
            dialog.voice_check.cancelRequested.connect(self.bridge.cancel_voice_check)
            self.bridge.micLevel.connect(dialog.level)
            self.bridge.voiceCheckProgress.connect(dialog.voice_check.progress)
            self.devices_dialog = dialog
        self._refresh_devices()
        self.devices_dialog.show()
        self.devices_dialog.raise_()

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

        self.bridge.command("speakerTest", play)

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
        self.bridge.start_voice_check(destination)

    def _sdk_volume(self, volume: dict[str, Any]) -> None:
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

    def _sdk_mediaMetrics(self, metrics: dict[str, Any]) -> None:
        if self.quality_chart is not None:
            self.quality_chart.warning(metrics)
        if self.call_panel.in_call:
            self.call_panel.media_warning(metrics)

    def _sdk_remoteAudioStatus(self, flowing: object) -> None:
        if self.call_panel.in_call:
            self.call_panel.set_remote_audio(bool(flowing))

    def _sdk_onNoiseReductionReady(self) -> None:
        self.call_panel.set_noise_reduction_available(True)

    def _set_noise_reduction(self, on: bool) -> None:
        self.bridge.command(
            "noiseReductionOn" if on else "noiseReductionOff",
            lambda client: client.start_noise_reduction() if on else client.stop_noise_reduction(),
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
        self._refresh_completion()
        self._start_call_view(PanelState.CALLING, destination, None)
        self.bridge.command("call", lambda client: client.call(destination))

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
        self.bridge.command("hangup", lambda client: client.hangup())

    def escape(self) -> None:
        """Esc: hang up the call in progress, else reject the newest ringing call."""
        if self.call_panel.in_call:
            self.hang_up()
        elif (uuid := self.incoming.newest()) is not None:
            self.reject(uuid)

    def answer(self, uuid: str, others: str = "reject") -> None:
        self.bridge.command("answer", lambda client: client.answer(uuid, others))

    def reject(self, uuid: str) -> None:
        self.bridge.command("reject", lambda client: client.reject(uuid))

    def ignore(self, uuid: str) -> None:
        self.bridge.command("ignore", lambda client: client.ignore(uuid))

    def key_pressed(self, key: str) -> None:
        """A dial-pad key: DTMF in an answered call, else part of the destination."""
        if self.call_panel.state is PanelState.ANSWERED:
            self.call_panel.digit_sent(key)
            self.bridge.command("dtmf", lambda client: client.send_dtmf(key))
        elif not self.call_panel.in_call:
            self.destination.insert(key)

    def _set_mute(self, muted: bool) -> None:
        self.bridge.command("mute", lambda client: client.mute() if muted else client.unmute())

    def _on_command_done(self, name: str, result: object) -> None:
        if name == "devices" and isinstance(result, dict):
            self.devices.set_devices(result["devices"], result["chosen"])
            if self.devices_dialog is not None:
                self.devices_dialog.set_devices(result["devices"], result["chosen"])
        elif name == "device":
            self._refresh_devices()  # a refused id: show what the sdk really uses
        elif name == "micTest" and result is True and self.devices_dialog is not None:
            self.devices_dialog.test_stopped()  # (False: a newer test runs on)
        elif name == "voiceCheck" and isinstance(result, VoiceCheckResult):
            self._voice_checking = False
            if self.devices_dialog is not None:
                self.devices_dialog.voice_check.finished(result)
        elif name in ("noiseReductionOn", "noiseReductionOff") and result is False:
            on = name == "noiseReductionOn"
            self.call_panel.show_noise_reduction(not on)
            self.statusBar().showMessage(
                self.tr("Noise reduction could not be switched on")
                if on
                else self.tr("Noise reduction could not be switched off"),
                8000,
            )
        elif name == "call" and result is False:
            self.call_panel.set_state(PanelState.ENDED, reason=self.tr("could not start the call"))
            self._update_keys()

    def _on_command_failed(self, name: str, error: str) -> None:
        if name == "micTest" and self.devices_dialog is not None:
            self.devices_dialog.test_stopped(error)
            return
        if name == "voiceCheck":
            self._voice_checking = False
            if self.devices_dialog is not None:
                self.devices_dialog.voice_check.failed(error)
            return
        if name == "call":
            self.call_panel.set_state(PanelState.ENDED, reason=error)
            self._update_keys()
        self.statusBar().showMessage(
            self.tr("%1 failed: %2").replace("%1", name).replace("%2", error), 8000
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
