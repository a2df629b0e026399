"""What every part of call handling shares: the client it works for (as a narrow
:class:`CallHost`), the calls in progress (:class:`CallRegistry`), the tasks it owns, and
the ways a call ends.

The parts (:mod:`.outgoing`, :mod:`.incoming`, :mod:`.session_refresh`,
:mod:`.media_recovery`, :mod:`.calls`) each get one :class:`CallCore`; none of them
reaches the ``Client``.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ...sip.dialog import Dialog, DialogState
from ...sip.message import SipRequest
from .call import CallSession, CallState, parse_reason_header
from .log import get_logger
from .useragent import RequestTimeout, UserAgent

if TYPE_CHECKING:
    from ...media.session import MediaSession  # aiortc: loaded at the first call
    from .availability import Availability
    from .registration import Registration
    from .tasks import SettlingSpawner

log = get_logger("webphone.sdk.core.calls")  # one logger for all of call handling


class CallHost(Protocol):
    """What call handling needs of the client that owns it."""

    @property
    def registration(self) -> Registration | None:
        """The current registration (our AOR, Contact and credentials), if any."""

    @property
    def options(self) -> Mapping[str, Any]:
        """The client's validated options (the seed's keys)."""

    @property
    def domain(self) -> str:
        """The SIP domain a bare destination is completed with."""

    @property
    def availability(self) -> Availability:
        """Do-not-disturb and auto-answer as the user set them."""

    def is_registered(self) -> bool:
        """Whether calls can be made now."""

    def emit(self, event: str, *args: Any) -> None:
        """Tell the application: one of the seed's events with its payload."""

    def auto_answer_beep(self) -> None:
        """The short beep before an auto-answered call."""

    def allowed_addresses(self) -> Sequence[str] | None:
        """The local addresses calls may gather media on (None: all)."""


class CallRegistry:
    """The calls of one client: the current one (outgoing, or answered) and the incoming
    ones ringing, oldest first."""

    def __init__(self) -> None:
        self.current: CallSession | None = None
        self.ringing: dict[str, CallSession] = {}  # by call UUID
        self.last_call_uuid: str | None = None
        # The last incoming call do-not-disturb refused (the quality monitor records it).
        self.last_refused: CallSession | None = None
        # Incoming calls hung up between our 200 OK and the caller's ACK: BYE on ACK.
        self.awaiting_ack: dict[str, CallSession] = {}
        # Mute asked for while no call was up applies to the next one.
        self.mute_requested = False

    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self.ringing)

    def find(self, call_uuid: str | None) -> CallSession | None:
        """The ringing call with *call_uuid*, or the newest one when None."""
        if call_uuid is None:
            return next(reversed(self.ringing.values()), None)
        return self.ringing.get(call_uuid)

    def find_by_dialog(self, request: SipRequest) -> CallSession | None:
        """The current or ringing call whose dialog *request* belongs to."""
        for session in [self.current, *self.ringing.values()]:
            if (
                session is not None
                and session.dialog is not None
                and session.dialog.matches(request)
            ):
                return session
        return None


class CallCore:
    """The shared services of call handling (see the module docstring)."""

    def __init__(
        self,
        host: CallHost,
        ua: UserAgent,
        new_media: Callable[[], MediaSession],
        tasks: SettlingSpawner,
    ) -> None:
        self.host = host
        self.ua = ua
        self.tasks = tasks
        self.registry = CallRegistry()
        self._new_media = new_media
        #: Called with each call as it ends for the user (watches stop, state is dropped).
        self.finish_hooks: list[Callable[[CallSession], None]] = []

    # -- plumbing ----
    def emit(self, event: str, *args: Any) -> None:
        self.host.emit(event, *args)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        self.tasks.spawn(coro)

    def media(self, session: CallSession) -> MediaSession:
        """A new peer connection for *session*, muted as the call is, reporting RFC 4733
        key presses as onDtmfReceived."""
        media = self._new_media()
        media.on_dtmf = lambda tone, ms: self.emit("onDtmfReceived", {"tone": tone, "duration": ms})
        media.set_muted(session.muted)
        return media

    def first_media(self, session: CallSession) -> MediaSession:
        """The call's first peer connection (:meth:`media`), whose ICE connecting is the
        call's onMediaConnected; later ones (a re-INVITE's) say nothing."""
        media = self.media(session)
        media.on_connected = lambda: self._media_connected(session)
        return media

    def _media_connected(self, session: CallSession) -> None:
        if session.state is CallState.ANSWERED:
            self.emit("onMediaConnected", session.info())

    def contact(self) -> str | None:
        """Our Contact header value, None while not registered."""
        registration = self.host.registration
        return registration.dialog_contact if registration is not None else None

    def swap_media(self, session: CallSession, media: MediaSession) -> None:
        """Make *media* the call's, closing the one it replaces."""
        old, session.media = session.media, media
        if old is not None:
            self.spawn(old.close())

    # -- ending ----
    def finish(self, session: CallSession) -> None:
        """*session* is over for the user: its media closes and it leaves the registry."""
        if session.media is not None:
            media, session.media = session.media, None
            self.spawn(media.close())
        registry = self.registry
        registry.ringing.pop(session.call_uuid, None)
        if session.timer is not None:
            session.timer.stop()
        if registry.current is session:
            registry.current = None
            registry.mute_requested = False
        for hook in self.finish_hooks:
            hook(session)

    def fail(
        self,
        session: CallSession,
        cause: str,
        code: int,
        *,
        local: bool,
        reason_header: str | None = None,
    ) -> None:
        """An unanswered call failed: its state, onCallFailed."""
        target = CallState.REJECTED if code in (403, 603) else CallState.FAILED
        if cause == "Canceled":
            target = CallState.CANCELED
        if local:
            session.end_local(target, cause)
            if session.code == -1:
                session.code = code
        else:
            parsed = parse_reason_header(reason_header)
            if parsed is not None:
                protocol, reason_code, text = parsed
                session.end_remote(target, text or cause, reason_code, protocol)
            else:
                session.end_remote(target, cause, code, "SIP")
        self.finish(session)
        self.emit("onCallFailed", cause, session.info())

    def end_answered(self, session: CallSession, originator: str, reason: str) -> None:
        """An answered call is over for the user: state, media, onCallTerminated."""
        if originator == "local":
            session.end_local(CallState.ENDED, reason)
        else:
            session.end_remote(CallState.ENDED, reason, 200)
        self.finish(session)
        self.emit("onCallTerminated", {"originator": originator, "reason": reason}, session.info())

    def end_timed_out(self, session: CallSession, reason: str) -> None:
        """End the answered call for *reason* with a BYE; its code is 408 (the session
        timed out), as in the BYE's Reason."""
        dialog = session.dialog
        assert dialog is not None
        session.end_local(CallState.ENDED, reason)
        session.code = 408
        self.finish(session)
        self.emit("onCallTerminated", {"originator": "local", "reason": reason}, session.info())
        self.spawn(self.bye(dialog, f'SIP;cause=408;text="{reason}"'))

    async def bye(self, dialog: Dialog, reason: str | None = None) -> None:
        """BYE the dialog; *reason* (RFC 3326 ``Reason`` value) says why to the peer."""
        if dialog.state is DialogState.TERMINATED:
            return
        dialog.move(DialogState.TERMINATED)
        extra = [("Reason", reason)] if reason else None
        try:
            await self.ua.request(
                dialog.create_request("BYE", self.ua.via(), extra_headers=extra), timeout=10
            )
        except RequestTimeout:
            log.warning("BYE unanswered")
