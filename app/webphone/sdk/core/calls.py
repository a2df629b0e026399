"""The calls of one client: the parts wired together and the requests inside a call's
dialog (BYE, INFO, UPDATE, ACK, re-INVITE), hang-up, DTMF and mute.

Placing a call is :mod:`.outgoing`, taking one :mod:`.incoming`; session timers are
:mod:`.session_refresh`, moving a call's media :mod:`.media_recovery`, offers inside a
call :mod:`.reoffers`, REFER :mod:`.transfer`. Event order and payloads follow the seed
(SPEC.md §4-§6); see README for where we differ.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...sip.dialog import DialogError, DialogState
from ...sip.message import SipRequest
from ...sip.transaction import ServerTransaction
from .call import CallSession, CallState, Direction, parse_reason_header
from .call_core import CallCore, CallHost
from .destination import InvalidDestination, normalise_destination
from .dtmf import Dtmf
from .incoming import IncomingCalls
from .log import get_logger
from .media_recovery import MediaRecovery
from .outgoing import OutgoingCalls
from .reoffers import Reoffers
from .session_refresh import SessionRefresher
from .session_timer import Answer, Negotiated
from .transfer import Transfers
from .useragent import UserAgent

if TYPE_CHECKING:
    from ...media.session import MediaSession  # aiortc: loaded at the first call
    from .tasks import SettlingSpawner

log = get_logger(__name__)

#: How long closing waits for BYE/CANCEL answers and peer connections to close (s).
CLOSE_GRACE = 2.0


class CallManager:
    """Owns every call of one client and answers the INVITE-related requests."""

    def __init__(
        self,
        host: CallHost,
        ua: UserAgent,
        new_media: Callable[[], MediaSession],
        tasks: SettlingSpawner,
    ) -> None:
        self._core = core = CallCore(host, ua, new_media, tasks)
        self._registry = core.registry
        self.ua = ua
        self.refresher = SessionRefresher(core)
        self.recovery = MediaRecovery(core, self.refresher)
        self.outgoing = OutgoingCalls(core, self._answered)
        self.incoming = IncomingCalls(core, self.hangup)
        self.transfers = Transfers(core, self.call)
        self.dtmf = Dtmf(core)
        self.reoffers = Reoffers(self)
        core.finish_hooks.append(lambda session: self.reoffers.forget(session.call_id))
        for method, handler in {
            "INVITE": self._on_invite,
            "CANCEL": self.incoming.on_cancel,
            "BYE": self._on_bye,
            "INFO": self.dtmf.on_info,
            "UPDATE": self._on_update,
            "REFER": self.transfers.on_refer,
            "NOTIFY": self.transfers.on_notify,
        }.items():
            ua.handlers[method] = handler
        ua.ack_handler = self._on_ack

    # -- the calls ----
    @property
    def current(self) -> CallSession | None:
        """The outgoing call, or the answered one."""
        return self._registry.current

    @property
    def ringing(self) -> dict[str, CallSession]:
        """Incoming calls ringing, by call UUID, oldest first."""
        return self._registry.ringing

    @property
    def last_call_uuid(self) -> str | None:
        return self._registry.last_call_uuid

    @property
    def last_refused(self) -> CallSession | None:
        """The last incoming call do-not-disturb refused."""
        return self._registry.last_refused

    # -- the user's actions ----
    async def call(self, dest: str, extra_headers: dict[str, object] | None = None) -> bool:
        return await self.outgoing.call(dest, extra_headers)

    async def answer(self, call_uuid: str | None = None, action: str = "reject") -> bool:
        return await self.incoming.answer(call_uuid, action)

    def reject(self, call_uuid: str | None = None) -> bool:
        return self.incoming.reject(call_uuid)

    async def send_dtmf(self, digit: object) -> bool:
        return await self.dtmf.send(digit)

    def ignore(self, call_uuid: str | None = None) -> bool:
        return self.incoming.ignore(call_uuid)

    async def recover(self) -> None:
        """Re-INVITE the answered call with new media after a reconnect or a sleep."""
        await self.recovery.recover()

    def _answered(self, session: CallSession, negotiated: Negotiated | None) -> None:
        """*session* is answered (our 200 was ACKed, or the peer's 200 came): its session
        timer and watches start, and the user hears of it."""
        session.move(CallState.ANSWERED)
        self._registry.last_call_uuid = session.call_uuid
        self.refresher.start(session, negotiated)
        self.recovery.watch(session)
        self._core.emit("onCallAnswered", session.info())
        if session.media is not None and session.media.connected:
            # ICE connected before the answer (early media): its event is due now.
            self._core.emit("onMediaConnected", session.info())

    def _on_invite(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        if not request.to.tag:
            self.incoming.on_invite(transaction)
            return
        existing = self._in_dialog(transaction)
        if existing is None:
            return
        if existing.state is not CallState.ANSWERED:
            # RFC 3261 §14.2: a second INVITE before our final response to the first
            # gets 500 + Retry-After; one crossing our own INVITE gets 491.
            if existing.direction is Direction.INCOMING:
                self._retry_later(transaction)
            else:
                transaction.respond(transaction.make_response(491))
            return
        if existing.reinvite_pending:
            transaction.respond(transaction.make_response(491))  # glare (§14.2)
            return
        self.reoffers.on_reinvite(transaction, existing)

    def redirect(self, uri: str) -> bool:
        """Send the newest ringing incoming call to *uri* with a 302 (e.g. another
        device); with nothing ringing, transfer the answered call there with REFER."""
        session = self._registry.find(None)
        current = self._registry.current
        answered = current if current and current.state is CallState.ANSWERED else None
        if (session is None or session.server_transaction is None) and answered is None:
            log.warning("redirect(): no ringing or answered call")
            return False
        try:
            target = normalise_destination(uri, self._core.host.domain)
        except InvalidDestination as exc:
            log.warning("redirect(): %s", exc)
            return False
        if session is None or session.server_transaction is None:
            assert answered is not None and answered.dialog is not None
            self.transfers.refer(answered, target)
            return True
        transaction = session.server_transaction
        if transaction.is_final:
            return False
        response = transaction.make_response(302, to_tag=session.local_tag)
        response.headers.add("Contact", f"<{target}>")
        transaction.respond(response)
        session.end_local(CallState.REDIRECTED, "Redirected")
        self._core.finish(session)
        return True

    def _in_dialog(self, transaction: ServerTransaction) -> CallSession | None:
        """The call whose dialog a target-refresh request (re-INVITE, UPDATE) belongs to,
        its CSeq checked and recorded (RFC 3261 §12.2.2); None once it has been refused
        (481 for no such dialog, 500 for a CSeq out of order)."""
        request = transaction.request
        session = self._registry.find_by_dialog(request)
        if session is None or session.dialog is None:
            transaction.respond(transaction.make_response(481))
            return None
        try:
            session.dialog.accept_remote_request(request)
        except DialogError as exc:
            transaction.respond(transaction.make_response(500, f"Server Internal Error ({exc})"))
            return None
        return session

    def _on_update(self, transaction: ServerTransaction) -> None:
        """UPDATE (RFC 3311) in a call's dialog: a session refresh or an offer. An offer
        in an early dialog (§5.2) is answered on the call's connection once the INVITE's
        offer/answer is complete (our outgoing call got its answer in a reliable 18x);
        before that it gets 491 when the offer pending is ours (the INVITE we sent), 500
        with Retry-After when it is the peer's (the INVITE we have not answered yet)."""
        request = transaction.request
        session = self._in_dialog(transaction)
        if session is None:
            return
        if request.body and session.reinvite_pending:
            transaction.respond(transaction.make_response(491))
            return
        if request.body and session.state is not CallState.ANSWERED:
            if session.direction is Direction.INCOMING:
                self._retry_later(transaction)
                return
            if not session.early_answer_reliable:
                transaction.respond(transaction.make_response(491))
                return
        self.reoffers.on_update(transaction, session)

    def _retry_later(self, transaction: ServerTransaction) -> None:
        """500 with a Retry-After of 0-10 s (RFC 3261 §14.2, RFC 3311 §5.2): an offer
        came while the peer's previous one still waits for our answer."""
        response = transaction.make_response(500)
        response.headers.add("Retry-After", str(random.randint(0, 10)))
        transaction.respond(response)

    def _on_ack(self, request: SipRequest) -> None:
        if self.reoffers.on_ack(request):
            return
        session = self._registry.find_by_dialog(request) or self._registry.awaiting_ack.pop(
            request.call_id, None
        )
        if session is None or session.dialog is None:
            return
        if session.dialog.state is DialogState.EARLY:
            session.dialog.move(DialogState.CONFIRMED)
            if session.is_over:
                self._core.spawn(self._core.bye(session.dialog))
                return
            answer = session.timer_answer
            self._answered(session, answer.timer if answer is not None else None)

    # -- ending ----
    async def close(self, grace: float = CLOSE_GRACE) -> None:
        """End every call for shutdown: the current one is hung up (BYE, or CANCEL while
        it rings), ringing ones are declined, and every peer connection is closed. Waits
        at most *grace* seconds for the far end's answers: quitting never hangs on them.
        An unclosed peer connection would also keep aiortc's decoder thread, which keeps
        the process from exiting."""
        if self._registry.current is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.hangup(), grace)
        for call_uuid in list(self._registry.ringing):
            self.incoming.reject(call_uuid)
        for session in [self._registry.current, *self._registry.awaiting_ack.values()]:
            if session is not None:
                self._core.finish(session)
        self._registry.awaiting_ack.clear()
        await self._core.tasks.settle(grace)

    async def hangup(self) -> bool:
        session = self._registry.current
        if session is None:
            log.warning("No call session exists to hangup")
            return False
        if session.state is CallState.ANSWERED and session.dialog is not None:
            self._core.end_answered(session, "local", "Terminated")
            await self._core.bye(session.dialog)
            return True
        if session.direction is Direction.OUTGOING:
            self.outgoing.send_cancel(session)
            self._core.fail(session, "Canceled", 487, local=True)
            return True
        # Incoming, answered but not yet ACKed: BYE once the dialog is confirmed (see _on_ack).
        session.move(CallState.ANSWERED)
        session.end_local(CallState.ENDED, "Terminated")
        self._registry.awaiting_ack[session.call_id] = session
        self._core.finish(session)
        self._core.emit(
            "onCallTerminated", {"originator": "local", "reason": "Terminated"}, session.info()
        )
        return True

    def _on_bye(self, transaction: ServerTransaction) -> None:
        if self.transfers.on_bye(transaction):
            return
        request = transaction.request
        session = self._registry.find_by_dialog(request)
        if session is None or session.dialog is None:
            transaction.respond(transaction.make_response(481))
            return
        transaction.respond(transaction.make_response(200))
        session.dialog.move(DialogState.TERMINATED)
        if session.is_over:
            return
        reason = parse_reason_header(request.headers.get("Reason"))
        if session.state is CallState.ANSWERED:
            if reason is not None:
                session.end_remote(CallState.ENDED, reason[2] or "Terminated", reason[1], reason[0])
            else:
                session.end_remote(CallState.ENDED, "Terminated", 200)
            self._core.finish(session)
            self._core.emit(
                "onCallTerminated", {"originator": "remote", "reason": "Terminated"}, session.info()
            )

    # -- in-call ----
    def set_mute(self, muted: bool) -> bool:
        session = self._registry.current
        self._registry.mute_requested = muted
        if session is None:
            return False
        session.muted = muted
        if session.media is not None:
            session.media.set_muted(muted)
        return True

    def connection_lost(self) -> None:
        """Ringing calls can't survive the signalling loss: end them with a clear cause.

        An answered call stays up (its media may still flow) and is recovered with a
        re-INVITE once we are registered again (see :meth:`recover`).
        """
        self.recovery.connection_lost()
        for session in list(self._registry.ringing.values()):
            session.end_local(CallState.CANCELED, "Network switch while ringing")
            self._core.finish(session)
            self._core.emit("onIncomingCallCanceled", session.info())
        current = self._registry.current
        if current is not None and current.state is not CallState.ANSWERED:
            self._core.fail(current, "Network switch while ringing", -1, local=True)

    # -- what offers inside a call need (reoffers.CallMedia) ----
    def new_media(self, session: CallSession) -> MediaSession:
        """A fresh peer connection for *session*, muted as the call is."""
        return self._core.media(session)

    def swap_media(self, session: CallSession, media: MediaSession) -> None:
        self._core.swap_media(session, media)

    def spawn(self, coro: Any) -> None:
        self._core.spawn(coro)

    def contact(self) -> str | None:
        return self._core.contact()

    def refresh_answer(self, session: CallSession, request: SipRequest) -> Answer:
        return self.refresher.refresh_answer(session, request)

    def refreshed(self, session: CallSession, answer: Answer) -> None:
        self.refresher.refreshed(session, answer)
