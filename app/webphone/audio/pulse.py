"""The Linux backend: devices, hot-plug and routing through the sound server's API
(PulseAudio, or PipeWire's pulse server) with pulsectl.

PortAudio on Debian reaches the server only through ALSA's ``pulse`` device: every stream
is opened there with the chosen sink/source named for libpulse (see
:meth:`PulseBackend.open_stream`); switching device reopens the stream. Device ids are
the server's sink/source names, which stay the same across restarts and re-plugging.
``.monitor`` sources (what a sink plays) are not microphones and are left out.

When the sound server goes away (restart, crash, user logout of PipeWire) every device is
reported removed, and the backend reconnects with a growing pause (0.5 s up to 5 s);
once the server is back its devices are reported added, which makes the SDK reopen the
call's streams there.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pulsectl

from .devices import (
    DEFAULT_ID,
    INPUT,
    OUTPUT,
    AudioDevice,
    ChangeListener,
    DeviceWatch,
    Kind,
    _default_entry,
)

log = logging.getLogger(__name__)

_T = TypeVar("_T")

#: How often the event thread checks whether it should stop.
_POLL_SECONDS = 0.5
#: Pauses between attempts to reach a sound server that went away: first, longest.
_RECONNECT_FIRST, _RECONNECT_LONGEST = 0.5, 5.0
#: What pulsectl raises when the server is gone (a disconnect is not a PulseError).
_GONE = (pulsectl.PulseError, pulsectl.PulseDisconnected)
#: Serialises stream opens that set PULSE_SINK / PULSE_SOURCE.
_ENV_LOCK = threading.Lock()


def _device(kind: Kind, info: Any) -> AudioDevice:
    props = info.proplist
    group = props.get("device.bus_path") or props.get("alsa.card_name") or info.name
    return AudioDevice(str(info.name), kind, str(info.description or info.name), str(group))


class PulseBackend:
    """Devices and routing from the sound server; raises at construction when there is
    no server to talk to."""

    name = "pulse"
    has_audio = True

    def __init__(self) -> None:
        self._pulse = pulsectl.Pulse("webphone", connect=True)
        self._lock = threading.Lock()  # pulsectl connections are not thread-safe
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._events_pulse: pulsectl.Pulse | None = None  # the event thread's connection
        self._events_lock = threading.Lock()
        self._watch = DeviceWatch()
        #: False from the event thread losing the server until it is back (see DeviceBackend)
        self.reachable = True

    # -- listing ---------------------------------------------------------------------

    def devices(self) -> list[AudioDevice]:
        return self._query(self._list)

    def _query(self, ask: Callable[[pulsectl.Pulse], _T]) -> _T:
        """*ask* the server on the main connection, connecting again once if it was lost
        (the server restarted); raises ``pulsectl.PulseError`` when there is none."""
        with self._lock:
            try:
                return ask(self._pulse)
            except _GONE:
                self._pulse.close()
                self._pulse = pulsectl.Pulse("webphone", connect=True)
                return ask(self._pulse)

    @staticmethod
    def _list(pulse: pulsectl.Pulse) -> list[AudioDevice]:
        info = pulse.server_info()
        sources = [s for s in pulse.source_list() if s.monitor_of_sink_name is None]
        sinks = pulse.sink_list()

        def label(items: list[Any], name: str | None) -> str:
            return next((str(i.description) for i in items if i.name == name), "")

        found: list[AudioDevice] = []
        if sources:
            found.append(_default_entry(INPUT, label(sources, info.default_source_name)))
        if sinks:
            found.append(_default_entry(OUTPUT, label(sinks, info.default_sink_name)))
        found += [_device(INPUT, s) for s in sources]
        found += [_device(OUTPUT, s) for s in sinks]
        return found

    def default_name(self, kind: Kind) -> str:
        info = self._query(lambda pulse: pulse.server_info())
        return str(info.default_source_name if kind == INPUT else info.default_sink_name)

    # -- hot-plug --------------------------------------------------------------------

    def watch(self, listener: ChangeListener) -> None:
        self._watch.start(listener, self.devices())
        if self._thread is None:
            self._thread = threading.Thread(target=self._events, name="pulse-events", daemon=True)
            self._thread.start()

    def _events(self) -> None:
        """The event thread: listens on its own connection while there is a server, and
        reconnects when it goes away."""
        pause = _RECONNECT_FIRST
        lost = False
        while not self._stop.is_set():
            try:
                with pulsectl.Pulse("webphone-events") as pulse:
                    if lost:
                        log.info("sound server is back")
                        lost, pause = False, _RECONNECT_FIRST
                        self.reachable = True
                        self._watch.update(self._list(pulse))
                    self._listen(pulse)
                return  # stopped
            except _GONE as exc:
                if self._stop.is_set():
                    return
                if not lost:
                    log.warning("sound server connection lost (%s): reconnecting", exc)
                    lost = True
                    self.reachable = False
                    self._watch.update([])  # every device is gone with the server
            self._stop.wait(pause)
            pause = min(pause * 2, _RECONNECT_LONGEST)

    def _listen(self, pulse: pulsectl.Pulse) -> None:
        """Wait for sink/source changes until stopped; each wake re-lists the devices
        and reports the difference (events carry only indexes)."""
        changed = threading.Event()

        def on_event(_event: Any) -> None:
            changed.set()
            raise pulsectl.PulseLoopStop

        with self._events_lock:
            self._events_pulse = pulse
        try:
            pulse.event_mask_set("sink", "source", "server")
            pulse.event_callback_set(on_event)
            while not self._stop.is_set():
                pulse.event_listen(timeout=_POLL_SECONDS)
                if changed.is_set():
                    changed.clear()
                    self._watch.update(self._list(pulse))
        finally:
            with self._events_lock:  # before the connection closes
                self._events_pulse = None

    # -- streams ---------------------------------------------------------------------

    def portaudio_device(self, kind: Kind, device_id: str) -> int | str | None:
        return "pulse"

    def open_stream(self, kind: Kind, device_id: str, opener: Callable[[], Any]) -> Any:
        """Open a stream on *device_id* through ALSA's ``pulse`` device.

        libpulse reads ``PULSE_SINK`` / ``PULSE_SOURCE`` when the ALSA plugin creates its
        connection (at open), and the plugin connects every stream it creates with no
        device name, so the variable fixes the device for the stream's whole life — also
        across the plugin's re-prepare after an underrun, which creates a new server
        stream (moving the server stream with ``sink_input_move`` would be undone then).
        The variable is set only while opening, under a lock."""
        variable = "PULSE_SOURCE" if kind == INPUT else "PULSE_SINK"
        with _ENV_LOCK:
            saved = os.environ.get(variable)
            if device_id == DEFAULT_ID:
                os.environ.pop(variable, None)
            else:
                os.environ[variable] = device_id
            try:
                return opener()
            finally:
                if saved is None:
                    os.environ.pop(variable, None)
                else:
                    os.environ[variable] = saved

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            # Wake the event thread's wait (pulsectl: safe from another thread, and a
            # wake-up that comes before the wait is caught by the stop flag within
            # _POLL_SECONDS).
            with self._events_lock:
                if self._events_pulse is not None:
                    self._events_pulse.event_listen_stop()
            self._thread.join(timeout=_RECONNECT_LONGEST + 1)
            self._thread = None
        with self._lock:
            self._pulse.close()


__all__ = ["OUTPUT", "PulseBackend"]
