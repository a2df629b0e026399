"""Global hotkeys on X11: XGrabKey on the root window through python-xlib.

The grabs live on a connection of our own to the X display (Qt keeps its xcb connection
to itself). Its socket is watched by a QSocketNotifier, so the key events are read in
Qt's event loop: no thread, and the callback runs where the window lives. Each
combination is grabbed four times, with and without CapsLock and NumLock, because X
matches a grab's modifiers exactly and the lock keys count as modifiers. A combination
another client holds answers BadAccess; it is caught and reported, never raised.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QSocketNotifier
from Xlib import XK, X, error
from Xlib.display import Display

from .hotkeys import GrabFailure, Hotkey, HotkeyAction

log = logging.getLogger(__name__)

# Our modifier names -> X modifier masks (Alt and Super where every desktop puts them).
MODIFIER_MASKS = {
    "Shift": X.ShiftMask,
    "Ctrl": X.ControlMask,
    "Alt": X.Mod1Mask,
    "Super": X.Mod4Mask,
}
# The modifier bits of an event's state (the rest are mouse buttons).
ALL_MODIFIERS = (
    X.ShiftMask
    | X.LockMask
    | X.ControlMask
    | X.Mod1Mask
    | X.Mod2Mask
    | X.Mod3Mask
    | X.Mod4Mask
    | X.Mod5Mask
)


class X11Unavailable(Exception):
    """The X display cannot be reached; the message says why."""


class X11Grabber:
    """:class:`~.hotkeys.Grabber` on the X display ``$DISPLAY``; calls *on_press* with
    the action of each grabbed combination pressed."""

    def __init__(self, on_press: Callable[[HotkeyAction], None]) -> None:
        self._on_press = on_press
        try:
            self._display = Display()
        except (error.DisplayError, error.ConnectionClosedError, OSError) as exc:
            raise X11Unavailable(str(exc)) from exc
        # Errors of requests without a catcher: logged, not printed to stderr.
        self._display.set_error_handler(self._x_error)
        self._root = self._display.screen().root
        self._lock_masks = self._lock_variants()
        # (keycode, modifier mask) -> action, for the grabs in place.
        self._grabs: dict[tuple[int, int], HotkeyAction] = {}
        self._last_release: tuple[int, int] | None = None  # (keycode, time): auto-repeat
        self._closed = False
        self._notifier: QSocketNotifier | None = QSocketNotifier(
            self._display.fileno(), QSocketNotifier.Type.Read
        )
        self._notifier.activated.connect(self._read)

    def _lock_variants(self) -> list[int]:
        """The lock-key states a grab must also cover: none, CapsLock, NumLock, both."""
        num_lock = 0
        keycode = self._display.keysym_to_keycode(XK.string_to_keysym("Num_Lock"))
        if keycode:
            for index, keycodes in enumerate(self._display.get_modifier_mapping()):
                if keycode in keycodes:
                    num_lock = 1 << index
        return sorted({0, X.LockMask, num_lock, X.LockMask | num_lock})

    def grab(self, keys: Mapping[HotkeyAction, Hotkey]) -> dict[HotkeyAction, GrabFailure]:
        try:
            return self._grab(keys)
        except (error.ConnectionClosedError, OSError) as exc:
            log.warning("global hotkeys: the X display closed (%s)", exc)
            self._grabs.clear()
            self._stop_reading()
            return dict.fromkeys(keys, GrabFailure.NO_DISPLAY)

    def _grab(self, keys: Mapping[HotkeyAction, Hotkey]) -> dict[HotkeyAction, GrabFailure]:
        self._ungrab_all()
        failures: dict[HotkeyAction, GrabFailure] = {}
        for action, hotkey in keys.items():
            keycode = self._display.keysym_to_keycode(XK.string_to_keysym(hotkey.keysym))
            if not keycode:
                failures[action] = GrabFailure.NO_KEY
                continue
            mask = 0
            for modifier in hotkey.modifiers:
                mask |= MODIFIER_MASKS[modifier]
            caught = error.CatchError(error.BadAccess)
            for lock in self._lock_masks:
                self._root.grab_key(
                    keycode, mask | lock, False, X.GrabModeAsync, X.GrabModeAsync, onerror=caught
                )
            self._display.sync()  # the server's answer (BadAccess) is in before we go on
            if caught.get_error() is not None:
                log.warning("%s is grabbed by another X client", hotkey)
                for lock in self._lock_masks:  # the variants that did succeed
                    self._root.ungrab_key(keycode, mask | lock)
                failures[action] = GrabFailure.TAKEN
                continue
            self._grabs[(keycode, mask)] = action
        self._display.sync()
        self._read()  # events the round trips queued are not announced on the socket
        return failures

    def _ungrab_all(self) -> None:
        for keycode, mask in self._grabs:
            for lock in self._lock_masks:
                self._root.ungrab_key(keycode, mask | lock)
        self._grabs.clear()

    def _read(self) -> None:
        """Handle what the X server sent (the socket is readable)."""
        try:
            while self._display.pending_events():
                self._event(self._display.next_event())
        except error.ConnectionClosedError as exc:
            log.warning("global hotkeys stop: the X display closed (%s)", exc)
            self._stop_reading()

    def _event(self, event: Any) -> None:
        if event.type == X.KeyRelease:
            self._last_release = (event.detail, event.time)
            return
        if event.type != X.KeyPress:
            return
        if self._last_release == (event.detail, event.time):
            return  # the key is held: X repeats it as a release and press at one time
        state = event.state & ALL_MODIFIERS
        for lock in self._lock_masks:
            state &= ~lock
        action = self._grabs.get((event.detail, state))
        if action is not None:
            self._on_press(action)

    def _x_error(self, err: error.XError, request: object) -> None:
        log.warning("X error on the hotkeys' connection: %s", err)

    def _stop_reading(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._stop_reading()
        try:
            self._ungrab_all()
            self._display.close()  # the server drops any grab left with the connection
        except (error.ConnectionClosedError, OSError) as exc:
            log.info("closing the hotkeys' X connection: %s", exc)
