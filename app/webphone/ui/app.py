"""``webphone``: the desktop app. Wires the window, the bridge, the tray and the dialogs.

With no account configured (first start, or ``--demo``) it starts the embedded local
demo service on the core thread and logs in as ``alice`` with the demo bots listed.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QSystemTrayIcon

from .. import __version__
from ..cli.selftest import run_self_test
from ..quality.insights import InsightsError, InsightsStore, default_path
from ..sdk import Client
from ..sdk.core.diagnostics import CrashCapture
from ..sdk.core.log import ROOT_LOGGER, PrivateLogFile
from . import autostart, i18n
from .account import AccountConfig, AccountKind
from .appearance import Appearance, AppearanceController
from .bridge import Bridge
from .collector import MainThreadCollector
from .dialogs import FeedbackDialog, LoginDialog, SettingsDialog
from .gui_loop import Tasks, attach, detach, error_text
from .history import HistoryDialog, InsightsReader
from .hotkeys import HotkeysBox, global_hotkeys_for
from .icons import Status
from .links import LinkDialler
from .main_window import MainWindow
from .media_keys import media_keys_for
from .ringtone import BridgePreviewer, RingtonePicker, ring_tone_value
from .settings import (
    ECHO_DESTINATION,
    SecretStoreError,
    Settings,
    config_dir,
    load_secret,
    log_dir,
    store_secret,
)
from .single_instance import InstanceServer, forward, server_name
from .tray import Tray

log = logging.getLogger(__name__)
LOG_BYTES = 2 * 1024 * 1024
LOG_BACKUPS = 5


def setup_logging() -> Path:
    """A rotating log file in the user's log directory (secrets are masked by the sdk's
    loggers before records exist)."""
    path = log_dir() / "webphone.log"
    handler = PrivateLogFile(  # 0600 in a 0700 directory, every line redacted again
        path,
        LOG_BYTES,
        LOG_BACKUPS,
        "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s",
    )
    root = logging.getLogger(ROOT_LOGGER)
    root.addHandler(handler)
    if root.level == logging.NOTSET:
        root.setLevel(logging.INFO)  # the sdk applies the ``debug`` option at login
    return path


class WebphoneApp(QObject):
    """The running app; tests build it on their own QApplication."""

    def __init__(
        self,
        settings: Settings,
        *,
        play: str | None = None,
        use_tray: bool = True,
        force_demo: bool = False,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        """*loop*: the GUI thread's qasync loop that :func:`main` runs; without it (tests,
        scripts that process Qt's events themselves) one is attached to the running
        QApplication until :meth:`shutdown` (:mod:`.gui_loop`)."""
        super().__init__()
        # before the core thread starts: collections must not run there (see collector)
        self.collector = MainThreadCollector(self)
        self.settings = settings
        self.play = play
        self.force_demo = force_demo
        self.loop, self._attached = (loop, False) if loop is not None else attach()
        qt_app = QApplication.instance()
        assert isinstance(qt_app, QApplication), "WebphoneApp needs a QApplication"
        # Light or dark before the first widget exists (no flash of the wrong one).
        self.appearance = AppearanceController(qt_app, self)
        self.appearance.apply(Appearance(settings.appearance))
        self.tasks = Tasks(self.loop)
        self.bridge = Bridge(self)
        self.window = MainWindow(self.bridge, settings, self.tasks)
        self.feedback_dialog: FeedbackDialog | None = None
        self.history_dialog: HistoryDialog | None = None
        self._reader: InsightsReader | None = None
        self.media_keys = media_keys_for(self.window, self.show_window)
        # Answer, hang up and mute from any program (X11; elsewhere Settings says why not).
        self.hotkeys = global_hotkeys_for(self.window, self.show_window, settings.hotkeys)
        self.tray: Tray | None = None
        if use_tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = Tray(self.bridge.core.loop, self)
            self.window.minimize_to_tray = settings.minimize_to_tray
            self.window.statusChanged.connect(self.tray.set_status)
            self.window.voicemail_button.countChanged.connect(self.tray.set_voicemail)
            self.window.incomingCall.connect(self.tray.incoming)
            self.window.incomingCallGone.connect(self.tray.call_gone)
            self.tray.answerRequested.connect(self._answer_from_tray)
            self.tray.rejectRequested.connect(self.window.reject)
            self.tray.showRequested.connect(self.show_window)
            self.tray.quitRequested.connect(self.window.quit)
            self.tray.dndToggled.connect(self.set_dnd)
        # Do-not-disturb in the status bar too (a window without a tray still shows it).
        self.dnd_label = QLabel(self.tr("Do not disturb"))
        self.dnd_label.setObjectName("dndIndicator")
        self.dnd_label.setToolTip(self.tr("Incoming calls are refused (Settings → Availability)"))
        self.dnd_label.setStyleSheet("color: #d50000; font-weight: bold;")
        self.window.statusBar().addPermanentWidget(self.dnd_label)
        self.bridge.sdkEvent.connect(self._sdk_event)
        self._show_availability()
        self.window.accountDialogRequested.connect(self.account_dialog)
        self.window.settingsDialogRequested.connect(self.settings_dialog)
        self.window.feedbackRequested.connect(self.ask_feedback)
        self.window.historyRequested.connect(self.show_history)
        self.window.callEnded.connect(self._refresh_history)
        self.window.quitRequested.connect(self.shutdown)
        self.window.incomingCall.connect(lambda *_: self._raise_on_call())
        self.links = LinkDialler(self.window, settings)

    # -- start ----
    def start(self, *, minimized: bool = False) -> None:
        if not minimized:
            self.window.show()
        elif self.tray is None:
            self.window.showMinimized()  # no tray to hide in
        account = None if self.force_demo else self.settings.account
        self.open_account(account or AccountConfig())

    def open_account(self, config: AccountConfig, secret: str | None = None) -> None:
        """Log in with *config*; the secret comes from the keyring unless given."""
        if config.kind is not AccountKind.DEMO and secret is None:
            secret = load_secret(config.keyring_user)
            if secret is None:
                self.window.set_status(
                    Status.ERROR,
                    self.tr("No password or token stored for %1").replace(
                        "%1", config.keyring_user
                    ),
                )
                self.account_dialog()
                return
        self.window.set_status(Status.CONNECTING, self.tr("Connecting…"))
        self.tasks.spawn(self._open(config, secret))

    async def _open(self, config: AccountConfig, secret: str | None) -> None:
        options = self.settings.effective_options
        try:
            info = await self.bridge.open_account(config, secret, options, self.play)
        except Exception as exc:
            log.error("cannot start the account: %s", exc)
            self.window.session_failed(error_text(exc))
        else:
            self.window.session_opened(info)
            await self._push_availability()
            await self._push_ring_tone()

    # -- availability (do-not-disturb, auto-answer) ----
    def set_dnd(self, on: bool) -> None:
        """Turn do-not-disturb on or off (the tray's menu), remembered and applied."""
        self.settings.dnd = on
        self.settings.save()
        self._show_availability()
        self.tasks.spawn(self._push_availability())

    def _show_availability(self) -> None:
        dnd = self.settings.dnd
        self.dnd_label.setVisible(dnd)
        if self.tray is not None:
            self.tray.set_dnd(dnd)

    async def _push_availability(self) -> None:
        """The settings' do-not-disturb and auto-answer to the account's client."""
        availability = self.settings.availability
        await self._push("availability", lambda c: setattr(c, "availability", availability))

    async def _push_ring_tone(self) -> None:
        """The settings' ringtone to the account's client (a file is decoded there now,
        so it is ready when a call rings)."""
        value = ring_tone_value(self.settings.ringtone, self.settings.ringtone_file)
        await self._push("ringtone", lambda client: client.set_ring_tone(value))

    async def _push(self, what: str, apply: Callable[[Client], object]) -> None:
        """Apply a setting to the account's client; before a login it waits for the next
        one, which pushes every setting again."""
        try:
            await self.bridge.run(apply)
        except RuntimeError as exc:  # not logged in (yet)
            log.info("%s not applied now: %s", what, exc)

    def _sdk_event(self, event: str, args: list[Any]) -> None:
        """A call do-not-disturb refused is a missed call (the tray counts it); the
        history has a new row."""
        if event != "onIncomingCallRefused" or len(args) < 3:
            return
        info = args[2] if isinstance(args[2], dict) else {}
        if self.tray is not None:
            self.tray.call_gone(str(info.get("callUUID", "")), True)
        self._refresh_history()

    # -- dialogs ----
    def account_dialog(self) -> None:
        dialog = LoginDialog(self.settings.account, self.window)
        if dialog.exec() != LoginDialog.DialogCode.Accepted:
            return
        config = dialog.config()
        secret = dialog.secret_text() or None
        turn_entry, turn_credential = config.turn_keyring_user, dialog.turn_credential_text()
        if turn_entry is not None and turn_credential:
            # Like the password: only the keyring keeps it; the session reads it there.
            try:
                store_secret(turn_entry, turn_credential)
            except SecretStoreError as exc:
                log.warning("%s", exc)
        if secret is not None and config.kind is not AccountKind.DEMO:
            try:
                store_secret(config.keyring_user, secret)
            except SecretStoreError as exc:
                log.warning("%s", exc)
                self.window.statusBar().showMessage(
                    self.tr("%1 You will be asked again next time.").replace("%1", str(exc)),
                    20_000,
                )
        self.settings.account = config
        self.settings.save()
        self.open_account(config, secret)

    def settings_dialog(self) -> None:
        s = self.settings
        dialog = SettingsDialog(
            s.effective_options,
            Settings().effective_options,
            s.language,
            s.ask_feedback,
            s.minimize_to_tray,
            s.confirm_call_links,
            autostart.is_enabled(),
            self.window,
            echo_destination=s.echo_destination,
            voicemail_number=s.voicemail_number,
            appearance=s.appearance,
            availability=s.availability,
            ringtone=RingtonePicker(
                s.ringtone, s.ringtone_file, BridgePreviewer(self.bridge), self.tasks.spawn
            ),
            hotkeys=HotkeysBox(s.hotkeys, self.hotkeys.unavailable, self.hotkeys.problems),
        )
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        options_changed = dialog.chosen != s.options
        s.options = dialog.chosen
        s.language = str(dialog.language.currentData())
        s.ask_feedback = dialog.ask_feedback.isChecked()
        s.minimize_to_tray = dialog.minimize_to_tray.isChecked()
        s.confirm_call_links = dialog.confirm_call_links.isChecked()
        s.echo_destination = dialog.echo_destination.text().strip() or ECHO_DESTINATION
        s.voicemail_number = dialog.voicemail_number.text().strip()
        s.appearance = str(dialog.appearance.currentData())
        availability = dialog.chosen_availability()
        s.dnd = availability.dnd
        s.dnd_code = int(availability.dnd_code)
        s.auto_answer = availability.auto_answer.value
        s.auto_answer_delay = int(availability.auto_answer_delay)
        if dialog.ringtone is not None:
            s.ringtone, s.ringtone_file = dialog.ringtone.chosen()
        if dialog.hotkeys is not None:
            s.hotkeys = dialog.hotkeys.chosen()
        s.save()
        self._show_availability()
        self.tasks.spawn(self._push_availability())
        self.tasks.spawn(self._push_ring_tone())
        self.appearance.apply(Appearance(s.appearance))
        # Again even if unchanged: a key another program held may be free by now.
        self._bind_hotkeys()
        wanted = dialog.start_at_login.isChecked()
        if wanted != autostart.is_enabled():
            try:
                autostart.set_enabled(wanted)
            except autostart.AutostartError as exc:
                log.error("%s", exc)
                QMessageBox.warning(self.window, self.tr("Start at login"), str(exc))
        if self.tray is not None:
            self.window.minimize_to_tray = s.minimize_to_tray
        if options_changed and not self.window.busy:
            self.open_account(s.account or AccountConfig())

    def _bind_hotkeys(self) -> None:
        """Grab the hotkeys the settings name; the window says which could not be."""
        self.hotkeys.bind(self.settings.hotkeys)
        if self.hotkeys.problems:
            self.window.statusBar().showMessage(" ".join(self.hotkeys.problems.values()), 20_000)

    def ask_feedback(self, call_uuid: str) -> None:
        dialog = FeedbackDialog(call_uuid, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(self.submit_feedback)
        dialog.finished.connect(lambda _code: setattr(self, "feedback_dialog", None))
        self.feedback_dialog = dialog
        dialog.show()

    def show_history(self) -> None:
        """The call history (one window; shown again and refreshed if already open)."""
        if self._reader is None:
            self._reader = InsightsReader(parent=self)
        if self.history_dialog is None:
            self.history_dialog = HistoryDialog(
                self._reader, self.window, names=self.window.contact_name
            )
            self.history_dialog.callAgain.connect(self.window.call_again)
        self.history_dialog.refresh()
        self.history_dialog.show()
        self.history_dialog.raise_()
        self.history_dialog.activateWindow()

    def _refresh_history(self) -> None:
        if self.history_dialog is not None and self.history_dialog.isVisible():
            self.history_dialog.refresh()

    def submit_feedback(self, feedback: dict[str, Any]) -> None:
        """Through the sdk: its insights database, and its upload when configured."""
        args = (
            feedback["callUUID"],
            feedback["starRating"],
            feedback["issues"],
            feedback["note"],
            feedback["sendConsoleLogs"],
        )
        self.tasks.spawn(self._send_feedback(args))

    async def _send_feedback(self, args: tuple[Any, ...]) -> None:
        try:
            result = await self.bridge.run(
                lambda client: client.submit_call_quality_feedback(*args)
            )
        except Exception as exc:
            self.window.show_failure("feedback", exc)
            if self.feedback_dialog is not None:
                self.feedback_dialog.send_failed(error_text(exc))
            return
        if self.feedback_dialog is not None:
            # The sdk's outcome: ``ok`` and its message (a refusal says which rule failed).
            if getattr(result, "ok", True):
                self.feedback_dialog.sent()
            else:
                self.feedback_dialog.send_failed(str(result))

    # -- window ----
    def second_launch(self, arguments: list[str]) -> None:
        """Another ``webphone`` was started: come to the front and dial its link."""
        self.show_window()
        self.links.handle_arguments(arguments)

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def _raise_on_call(self) -> None:
        if self.window.isHidden() and self.tray is None:
            self.show_window()

    def _answer_from_tray(self, uuid: str) -> None:
        self.show_window()
        self.window.answer(uuid, self.window.incoming.other_action)

    def quit_now(self) -> None:
        """Quit without asking (a signal from the system): end calls, close, leave."""
        self.window.minimize_to_tray = False
        self.settings.options.pop("closeProtection", None)
        self.window.quit()

    def shutdown(self) -> None:
        """End calls, log out, stop the demo service and the core thread."""
        if self.tray is not None:
            self.tray.hide()
        self.media_keys.close()
        self.hotkeys.close()
        self.appearance.close()
        self.bridge.shutdown()
        self.tasks.cancel_all()  # what still waited on the core (stopped by now)
        if self._reader is not None:
            self._reader.close()
        self.collector.stop()
        if self._attached:
            detach(self.loop)


def instance_name() -> str:
    """This user's and settings profile's single-instance socket name."""
    return server_name(str(config_dir()))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="webphone", description="Webphone desktop softphone.")
    parser.add_argument(
        "--demo", action="store_true", help="use the local demo service whatever is configured"
    )
    parser.add_argument("--play", help="16-bit PCM WAV file to send as the microphone")
    parser.add_argument("--language", help="en, de or es (default: settings, then system)")
    parser.add_argument("--no-tray", action="store_true", help="no tray icon")
    parser.add_argument("--minimized", action="store_true", help="start in the tray")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end (demo service, echo call) and exit",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "link", nargs="?", help="a tel:, sip:, sips: or callto: link to call (click to call)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.self_test:
        return run_self_test()
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)
    # One Webphone per user: a second launch hands its link over and leaves.
    instance = InstanceServer(instance_name())
    if not instance.listen():
        return 0 if forward([args.link or "--show"], instance.name) else 1
    log_file = setup_logging()
    qt_app.setApplicationName("Webphone")
    qt_app.setQuitOnLastWindowClosed(False)  # the tray keeps running; quit is explicit
    settings = Settings.load()
    language, _translators = i18n.install(qt_app, args.language or settings.language)
    # The GUI thread's asyncio loop: Qt's event loop with qasync's on top (the core has
    # its own loop on its worker thread, see bridge).
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    app = WebphoneApp(
        settings, play=args.play, use_tray=not args.no_tray, force_demo=args.demo, loop=loop
    )
    crashes = capture_crashes(settings, app.bridge.core.loop)
    app.window.quitRequested.connect(qt_app.quit)
    # Ctrl+C / SIGTERM quit like the menu does (calls end cleanly). Python only runs signal
    # handlers between bytecodes, so a timer wakes the interpreter up regularly.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: QTimer.singleShot(0, app.quit_now))
    wake = QTimer()
    wake.start(250)
    wake.timeout.connect(lambda: None)
    instance.received.connect(app.second_launch)
    app.start(minimized=args.minimized)
    if args.link:
        app.links.handle_arguments([args.link])
    log.info("Webphone %s started (language %s, log %s)", __version__, language, log_file)
    try:
        return int(loop.run_forever())
    finally:
        crashes.uninstall()
        loop.close()


def capture_crashes(settings: Settings, core_loop: asyncio.AbstractEventLoop) -> CrashCapture:
    """The app's unhandled exceptions (GUI thread, the core loop, other threads) go to the
    log and the call-insights database, limited by the sdk's ``captureSDKCrashOnly``."""
    try:
        store: InsightsStore | None = InsightsStore(default_path())
    except InsightsError as exc:
        log.warning("crashes are only logged: %s", exc)
        store = None
    sdk_only = bool(settings.effective_options["captureSDKCrashOnly"])
    return CrashCapture(store, sdk_only=sdk_only).install(core_loop)


__all__ = ["WebphoneApp", "main"]
