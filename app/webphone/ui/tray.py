"""The tray icon: account state, incoming-call notifications, missed calls, show / quit.

Notifications with Answer / Reject buttons go through desktop-notifier (freedesktop
D-Bus) when a notification daemon runs; Qt's own freedesktop notifications carry no
actions, so without a daemon the tray balloon is shown and clicking it raises the window.
desktop-notifier is asyncio: it runs on the core loop, its callbacks come back as signals.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections.abc import Coroutine
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from .icons import Status, status_icon

log = logging.getLogger(__name__)

NOTIFICATIONS_SERVICE = "org.freedesktop.Notifications"


def notification_daemon_running() -> bool:
    """True when a freedesktop notification daemon is on the session bus."""
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return False
    reply = bus.interface().isServiceRegistered(NOTIFICATIONS_SERVICE)
    return bool(reply.value()) if reply.isValid() else False


class Tray(QObject):
    """Owns the QSystemTrayIcon; emits what the user chose."""

    answerRequested = Signal(str)
    rejectRequested = Signal(str)
    showRequested = Signal()
    quitRequested = Signal()
    dndToggled = Signal(bool)  # the menu's "Do not disturb" was switched
    _notified = Signal(str, str)  # uuid, notification id (from the core loop)
    _notifyFailed = Signal(str, str)  # uuid, caller: fall back to the balloon

    def __init__(self, loop: asyncio.AbstractEventLoop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = loop
        self.status = Status.OFFLINE
        self.status_text = ""
        self.missed = 0
        self.voicemail = 0  # new voicemail messages (the window's indicator)
        self.dnd = False  # do-not-disturb is on (the icon and tooltip say so)
        self.notifications: dict[str, str] = {}  # call uuid -> desktop-notifier id
        self.balloons: list[str] = []  # callers announced with the Qt balloon (tests read it)
        self.icon = QSystemTrayIcon(status_icon(Status.OFFLINE), self)
        menu = QMenu()
        show = QAction(self.tr("Show Webphone"), menu)
        show.triggered.connect(self._show)
        quit_action = QAction(self.tr("Quit"), menu)
        quit_action.triggered.connect(self.quitRequested)
        self.dnd_action = QAction(self.tr("Do not disturb"), menu)
        self.dnd_action.setCheckable(True)
        self.dnd_action.toggled.connect(self._dnd_toggled)
        menu.addAction(show)
        menu.addAction(self.dnd_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self._menu = menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self._show)
        self._notified.connect(self.notifications.__setitem__)
        self._notifyFailed.connect(self._balloon)
        self.notifier: Any = None
        if notification_daemon_running():
            from desktop_notifier import DesktopNotifier

            self.notifier = DesktopNotifier(app_name="Webphone")
        self._refresh()
        self.icon.show()

    # -- state ----
    def set_status(self, status: Status, text: str) -> None:
        self.status = status
        self.status_text = text
        self._refresh()

    def _refresh(self) -> None:
        self.icon.setIcon(status_icon(self.status, self.missed, self.dnd))
        tip = self.tr("Webphone")
        if self.status_text:
            tip += "\n" + self.status_text
        if self.dnd:
            tip += "\n" + self.tr("Do not disturb: incoming calls are refused")
        if self.missed:
            tip += "\n" + self.tr("Missed calls: %1").replace("%1", str(self.missed))
        if self.voicemail:
            tip += "\n" + self.tr("New voicemail: %1").replace("%1", str(self.voicemail))
        self.icon.setToolTip(tip)

    def set_dnd(self, on: bool) -> None:
        """Show do-not-disturb as on or off (the menu's check mark follows)."""
        self.dnd = on
        self.dnd_action.blockSignals(True)
        self.dnd_action.setChecked(on)
        self.dnd_action.blockSignals(False)
        self._refresh()

    def _dnd_toggled(self, on: bool) -> None:
        self.set_dnd(on)
        self.dndToggled.emit(on)

    def set_voicemail(self, new: int) -> None:
        """The count of new voicemail messages (0: none, or not known)."""
        self.voicemail = new
        self._refresh()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._show()

    def _show(self) -> None:
        self.missed = 0
        self._refresh()
        self.showRequested.emit()

    # -- calls ----
    def incoming(self, uuid: str, caller: str) -> None:
        """Announce a ringing call."""
        if self.notifier is None:
            self._balloon(uuid, caller)
            return
        texts = (
            self.tr("Incoming call"),
            # The daemon renders markup: escape, or "<sip:...>" disappears.
            html.escape(self.tr("%1 is calling").replace("%1", caller)),
            self.tr("Answer"),
            self.tr("Reject"),
        )
        self._submit(self._notify(uuid, caller, *texts))

    def call_gone(self, uuid: str, missed: bool) -> None:
        """The call stopped ringing (answered, rejected, or missed when *missed*)."""
        if missed:
            self.missed += 1
            self._refresh()
        notification = self.notifications.pop(uuid, None)
        if notification is not None and self.notifier is not None:
            self._submit(self.notifier.clear(notification))

    def _balloon(self, uuid: str, caller: str) -> None:
        self.balloons.append(caller)
        self.icon.showMessage(
            self.tr("Incoming call"),
            self.tr("%1 is calling. Click to show Webphone.").replace("%1", caller),
            QSystemTrayIcon.MessageIcon.Information,
            30_000,
        )

    async def _notify(
        self, uuid: str, caller: str, title: str, message: str, answer: str, reject: str
    ) -> None:
        """Runs on the core loop; the button callbacks emit (queued) signals."""
        from desktop_notifier import Button, Urgency

        try:
            identifier = await self.notifier.send(
                title=title,
                message=message,
                urgency=Urgency.Critical,
                buttons=[
                    Button(answer, on_pressed=lambda: self.answerRequested.emit(uuid)),
                    Button(reject, on_pressed=lambda: self.rejectRequested.emit(uuid)),
                ],
                on_clicked=self.showRequested.emit,
                timeout=60,
            )
        except Exception as exc:  # any D-Bus failure: the balloon still tells the user
            log.warning("desktop notification failed (%s); using the tray balloon", exc)
            self._notifyFailed.emit(uuid, caller)
            return
        self._notified.emit(uuid, identifier)

    def _submit(self, coro: Coroutine[Any, Any, Any]) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop)

    def hide(self) -> None:
        self.icon.hide()
