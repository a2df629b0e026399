"""Headset buttons and keyboard media keys: Webphone as an MPRIS player on the session bus.

On Linux desktops the play/pause key of a keyboard and the button of a Bluetooth or USB
headset reach applications through MPRIS (``org.mpris.MediaPlayer2``): the desktop hands
the key to the player that last started playing. Webphone says it is "Playing" while a
call rings or is up, so the button answers the ringing call, and hangs up the call in
progress when nothing rings. Where there is no session bus (Windows, macOS, a bare
session) the keys are simply not offered; the log says so.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject, Slot
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
)

if TYPE_CHECKING:
    from .main_window import MainWindow

_Adaptor = TypeVar("_Adaptor", bound=QDBusAbstractAdaptor)

log = logging.getLogger(__name__)

SERVICE = "org.mpris.MediaPlayer2.webphone"
PATH = "/org/mpris/MediaPlayer2"
PLAYER = "org.mpris.MediaPlayer2.Player"


class MediaKey(enum.Enum):
    """The MPRIS player methods a media key or headset button calls."""

    PLAY_PAUSE = "PlayPause"
    PLAY = "Play"
    PAUSE = "Pause"
    STOP = "Stop"


class KeyAction(enum.Enum):
    ANSWER = "answer"
    HANG_UP = "hang up"
    REJECT = "reject"
    NOTHING = "nothing"


def key_action(key: MediaKey, ringing: bool, in_call: bool) -> KeyAction:
    """What a media key does to the calls.

    A headset has one button, so play/pause does what the moment asks: a ringing call is
    answered (the call in progress, if any, is handled as the incoming-call bar's choice
    says), else the call in progress ends. Play only ever answers: a key that means
    "start" must not end a call. Stop and pause end the call in progress, or turn away a
    ringing one when none is up.
    """
    if key is MediaKey.PLAY_PAUSE:
        if ringing:
            return KeyAction.ANSWER
        return KeyAction.HANG_UP if in_call else KeyAction.NOTHING
    if key is MediaKey.PLAY:
        return KeyAction.ANSWER if ringing else KeyAction.NOTHING
    if in_call:
        return KeyAction.HANG_UP
    return KeyAction.REJECT if ringing else KeyAction.NOTHING


def playback_status(ringing: bool, in_call: bool) -> str:
    """MPRIS ``PlaybackStatus``: "Playing" while a call rings or is up (so the desktop
    sends us the keys), else "Stopped"."""
    return "Playing" if ringing or in_call else "Stopped"


def dbus_interface(name: str) -> Callable[[type[_Adaptor]], type[_Adaptor]]:
    """Names the D-Bus interface an adaptor class exports (Qt's ``Q_CLASSINFO``)."""
    # PySide6's stubs type ClassInfo as neither taking this key nor decorating, and
    # Property as not taking Qt type names (needed below: D-Bus wants a string list as
    # "as", not a variant list): Any, and the ignores on those Properties.
    info: Any = ClassInfo
    decorate: Callable[[type[_Adaptor]], type[_Adaptor]] = info(**{"D-Bus Interface": name})
    return decorate


class Calls(Protocol):
    """What the keys need of the main window."""

    @property
    def ringing_call(self) -> str | None:
        """The call UUID a key would answer, or None."""

    @property
    def in_call(self) -> bool: ...

    def answer_ringing(self, uuid: str) -> None: ...

    def reject(self, uuid: str) -> None: ...

    def hang_up(self) -> None: ...

    def show_window(self) -> None: ...


def _yes(_adaptor: object) -> bool:
    """A constant-true property getter (MPRIS's Can* flags)."""
    return True


def _no(_adaptor: object) -> bool:
    """A constant-false property getter."""
    return False


@dbus_interface("org.mpris.MediaPlayer2")
class _Root(QDBusAbstractAdaptor):
    def __init__(self, keys: MediaKeys) -> None:
        super().__init__(keys.holder)
        self._keys = keys

    def _identity(self) -> str:
        return "Webphone"

    def _desktop_entry(self) -> str:
        return "webphone"

    def _schemes(self) -> list[str]:
        return []

    Identity = Property(str, _identity)
    DesktopEntry = Property(str, _desktop_entry)
    CanRaise = Property(bool, _yes)
    CanQuit = Property(bool, _no)
    HasTrackList = Property(bool, _no)
    SupportedUriSchemes = Property("QStringList", _schemes)  # type: ignore[arg-type]
    SupportedMimeTypes = Property("QStringList", _schemes)  # type: ignore[arg-type]

    @Slot()
    def Raise(self) -> None:
        self._keys.calls.show_window()

    @Slot()
    def Quit(self) -> None:
        """CanQuit is false: quitting is the app's own menu's business."""


@dbus_interface(PLAYER)
class _Player(QDBusAbstractAdaptor):
    def __init__(self, keys: MediaKeys) -> None:
        super().__init__(keys.holder)
        self._keys = keys

    def _status(self) -> str:
        return self._keys.status

    def _rate(self) -> float:
        return 1.0

    def _position(self) -> int:
        return 0

    def _metadata(self) -> dict[str, Any]:
        return {"mpris:trackid": "/org/webphone/call"}

    PlaybackStatus = Property(str, _status)
    CanControl = Property(bool, _yes)
    CanPlay = Property(bool, _yes)
    CanPause = Property(bool, _yes)
    CanGoNext = Property(bool, _no)
    CanGoPrevious = Property(bool, _no)
    CanSeek = Property(bool, _no)
    Rate = Property(float, _rate)
    MinimumRate = Property(float, _rate)
    MaximumRate = Property(float, _rate)
    Volume = Property(float, _rate)
    Position = Property("qlonglong", _position)  # type: ignore[arg-type]
    Metadata = Property("QVariantMap", _metadata)  # type: ignore[arg-type]

    @Slot()
    def PlayPause(self) -> None:
        self._keys.press(MediaKey.PLAY_PAUSE)

    @Slot()
    def Play(self) -> None:
        self._keys.press(MediaKey.PLAY)

    @Slot()
    def Pause(self) -> None:
        self._keys.press(MediaKey.PAUSE)

    @Slot()
    def Stop(self) -> None:
        self._keys.press(MediaKey.STOP)

    @Slot()
    def Next(self) -> None:
        """No tracks to skip: a call is not a playlist."""

    @Slot()
    def Previous(self) -> None:
        """As :meth:`Next`."""


class MediaKeys(QObject):
    """The MPRIS player for *calls* on *bus* (the session bus by default); call
    :meth:`changed` when a call starts ringing, is answered or ends."""

    def __init__(self, calls: Calls, bus: QDBusConnection | None = None) -> None:
        super().__init__()
        self.calls = calls
        self.holder = QObject(self)  # what the bus exports, with the two adaptors on it
        self._root = _Root(self)
        self._player = _Player(self)
        self._bus = bus if bus is not None else QDBusConnection.sessionBus()
        self.status = self._current_status()
        self.registered = self._register()

    def _register(self) -> bool:
        if not self._bus.isConnected():
            log.info("no D-Bus session bus: headset and media keys are not available")
            return False
        exported = self._bus.registerObject(
            PATH, self.holder, QDBusConnection.RegisterOption.ExportAdaptors
        )
        if not exported or not self._bus.registerService(SERVICE):
            log.info("media keys: %s is taken on the session bus", SERVICE)
            self._bus.unregisterObject(PATH)
            return False
        return True

    def close(self) -> None:
        """Leave the bus (quitting)."""
        if self.registered:
            self._bus.unregisterService(SERVICE)
            self._bus.unregisterObject(PATH)
            self.registered = False

    def press(self, key: MediaKey) -> None:
        """A media key arrived: act on the calls as :func:`key_action` says."""
        ringing = self.calls.ringing_call
        action = key_action(key, ringing is not None, self.calls.in_call)
        log.info("media key %s: %s", key.value, action.value)
        if action is KeyAction.ANSWER and ringing is not None:
            self.calls.answer_ringing(ringing)
        elif action is KeyAction.REJECT and ringing is not None:
            self.calls.reject(ringing)
        elif action is KeyAction.HANG_UP:
            self.calls.hang_up()

    def _current_status(self) -> str:
        return playback_status(self.calls.ringing_call is not None, self.calls.in_call)

    def changed(self) -> None:
        """Calls changed: tell the desktop when the playback status does."""
        status = self._current_status()
        if status == self.status:
            return
        self.status = status
        if self.registered:
            signal = QDBusMessage.createSignal(
                PATH, "org.freedesktop.DBus.Properties", "PropertiesChanged"
            )
            signal.setArguments([PLAYER, {"PlaybackStatus": status}, _no_strings()])
            self._bus.send(signal)


def _no_strings() -> QDBusArgument:
    """An empty D-Bus string array ("as"): an empty Python list goes out as "av", which
    GLib-based desktops (GNOME Shell's media keys) refuse in PropertiesChanged."""
    strings = QDBusArgument()
    strings.beginArray(QMetaType(QMetaType.Type.QString))
    strings.endArray()
    return strings


class WindowCalls:
    """:class:`Calls` over the main window: its incoming-call bar and call panel."""

    def __init__(self, window: MainWindow, show: Callable[[], None]) -> None:
        self._window = window
        self._show = show

    @property
    def ringing_call(self) -> str | None:
        return next(iter(self._window.incoming.rows), None)  # the one that rang first

    @property
    def in_call(self) -> bool:
        return self._window.call_panel.in_call

    def answer_ringing(self, uuid: str) -> None:
        self._show()
        self._window.answer(uuid, self._window.incoming.other_action)

    def reject(self, uuid: str) -> None:
        self._window.reject(uuid)

    def hang_up(self) -> None:
        self._window.hang_up()

    def show_window(self) -> None:
        self._show()


def media_keys_for(
    window: MainWindow, show: Callable[[], None], bus: QDBusConnection | None = None
) -> MediaKeys:
    """The app's media keys on *bus* (the session bus), told of every change of the
    window's calls."""
    keys = MediaKeys(WindowCalls(window, show), bus)
    window.incomingCall.connect(keys.changed)
    window.incomingCallGone.connect(keys.changed)
    window.call_panel.stateChanged.connect(keys.changed)
    return keys
