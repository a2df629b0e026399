"""The event emitter behind ``client.on(...)``: the seed's event names, plain-dict payloads."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from .log import get_logger
from .tasks import Spawner, TaskOwner

log = get_logger(__name__)

EVENT_NAMES = frozenset(
    {
        "onWebrtcNotSupported",
        "onLogin",
        "onLogout",
        "onLoginFailed",
        "onCallRemoteRinging",
        "onIncomingCallCanceled",
        "onIncomingCallIgnored",
        "onCallFailed",
        "onCallAnswered",
        "onMediaConnected",
        "onCallTerminated",
        "onCalling",
        "onIncomingCall",
        "onMediaPermission",
        "mediaMetrics",
        "onConnectionChange",
        "onDtmfReceived",
        "remoteAudioStatus",
        "onNoiseReductionReady",
        "onWebSocketConnected",
        "audioDeviceChange",
        "volume",
        "onPermissionDenied",
        # Webphone extensions, not in the Browser SDK's contract:
        "onVoicemail",  # the voicemail indicator (message-summary NOTIFY), sdk/core/voicemail.py
        # an incoming call do-not-disturb refused (a missed call), sdk/core/availability.py
        "onIncomingCallRefused",
    }
)

Listener = Callable[..., Any]


class EventEmitter:
    """Calls listeners in registration order; a failing listener is logged, never propagated.

    Listeners may be plain functions or coroutine functions (scheduled on the running loop
    through *tasks*, the client's task owner, which logs one that raises).
    """

    def __init__(self, tasks: Spawner | None = None) -> None:
        self._listeners: dict[str, list[Listener]] = {}
        self._tasks: Spawner = tasks if tasks is not None else TaskOwner()

    def on(self, event: str, listener: Listener) -> None:
        """Add *listener* for *event*; unknown event names raise ``ValueError``."""
        if event not in EVENT_NAMES:
            raise ValueError(
                f"unknown event {event!r}; known events: {', '.join(sorted(EVENT_NAMES))}"
            )
        if not callable(listener):
            raise TypeError(f"listener for {event!r} is not callable")
        self._listeners.setdefault(event, []).append(listener)

    def off(self, event: str, listener: Listener | None = None) -> None:
        """Remove *listener* (or every listener of *event* when omitted)."""
        if listener is None:
            self._listeners.pop(event, None)
            return
        listeners = self._listeners.get(event, [])
        if listener in listeners:
            listeners.remove(listener)

    def emit(self, event: str, *args: Any) -> None:
        log.debug("event %s%s", event, args if event != "volume" else "")
        for listener in list(self._listeners.get(event, [])):
            try:
                result = listener(*args)
                if inspect.isawaitable(result):
                    self._tasks.spawn(result, f"listener-{event}")
            except Exception:
                log.exception("listener for %s raised", event)
