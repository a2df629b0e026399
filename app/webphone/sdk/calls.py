"""INVITE sessions: outgoing and incoming calls, several ringing at once, DTMF over INFO.

Event order and payloads follow the seed (SPEC.md §4-§6); see README for where we differ.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..media.config import MediaError
from ..sip.auth import AuthRetryPolicy, DigestSession
from ..sip.cancel import build_cancel
from ..sip.dialog import Dialog, DialogError, DialogState
from ..sip.errors import SipParseError
from ..sip.headers import NameAddr
from ..sip.ids import new_call_id, new_tag
from ..sip.message import SipRequest, SipResponse
from ..sip.transaction import ServerTransaction
from ..sip.uri import SipUri
from . import causes
from .address_change import AddressWatch, WatchedMedia
from .availability import DND_REASON, Action, incoming_verdict
from .call import CallSession, CallState, Cancel, Direction, parse_reason_header
from .challenge import answer_challenge
from .destination import InvalidDestination, normalise_destination
from .extra_headers import filter_incoming, filter_outgoing
from .log import get_logger
from .media_timeout import CountedMedia, MediaTimeoutWatch, on_hold
from .registration import PasswordCredentials
from .reoffers import Reoffers
from .session_timer import (
    DEFAULT_INTERVAL,
    Answer,
    Negotiated,
    SessionTimer,
    SessionTimerError,
    TooSmall,
    answer_request,
    from_response,
    min_se,
    request_headers,
    session_expires,
)
from .transfer import Transfers
from .useragent import ALLOW, RequestTimeout

if TYPE_CHECKING:
    from ..media.session import MediaSession  # aiortc: loaded at the first call
    from .client import Client
    from .tasks import SettlingSpawner

log = get_logger(__name__)

DTMF_DIGITS = frozenset("0123456789*#")
ANSWER_ACTIONS = {"reject": "reject", "ignore": "ignore", "ignored": "ignore", "letring": "letring"}
MAX_PENDING_INVITES = 50
MAX_REDIRECTS = 3
#: How long closing waits for BYE/CANCEL answers and peer connections to close (s).
CLOSE_GRACE = 2.0
_DTMF_BODY = re.compile(r"signal\s*=\s*([0-9*#A-Da-d])", re.IGNORECASE)
_DURATION = re.compile(r"duration\s*=\s*(\d+)", re.IGNORECASE)
# INFO bodies of a server that watches the far end's audio (SPEC.md §9.7).
REMOTE_AUDIO_BODIES = {"no-remote-audio": False, "remote-audio": True}
#: onCallTerminated reasons of a session timer (RFC 4028 §10): the peer, which had to
#: refresh, did not; or our refresh found the peer gone (408, 481, no answer).
SESSION_EXPIRED = "Session timer expired"
REFRESH_FAILED = "Session refresh failed"
#: How many times one INVITE or refresh is retried with a longer interval after a 422.
MAX_INTERVAL_RETRIES = 2
#: How many times one refresh is sent again after 491 Request Pending (RFC 3261 §14.1).
MAX_GLARE_RETRIES = 2


class CallManager:
    """Owns every call of one client and answers the INVITE-related requests."""

    def __init__(
        self, client: Client, new_media: Callable[[], MediaSession], tasks: SettlingSpawner
    ) -> None:
        self.client = client
        self.ua = client.ua
        self._new_media = new_media
        self.current: CallSession | None = None
        self.ringing: dict[str, CallSession] = {}  # incoming, by call UUID, oldest first
        self.last_call_uuid: str | None = None
        # The last incoming call do-not-disturb refused (the quality monitor records it).
        self.last_refused: CallSession | None = None
        # Incoming calls hung up between our 200 OK and the caller's ACK: BYE on ACK.
        self._awaiting_ack: dict[str, CallSession] = {}
        self._mute_requested = False
        self._digest = DigestSession()
        # The calls' background tasks (BYE, CANCEL, media close...): the client's task
        # owner cancels what is left of them when it closes.
        self._tasks = tasks
        self.transfers = Transfers(self)
        self.reoffers = Reoffers(self)
        # The re-INVITE moving the current call's media, if one is out (one at a time).
        self._restart: asyncio.Task[bool] | None = None
        # Polls the host's addresses while a call is answered (never while idle).
        self._address_watch: asyncio.Task[None] | None = None
        # Ends an answered call whose far end has sent nothing for a while (never idle).
        self._media_watch: asyncio.Task[None] | None = None
        # When (monotonic s) the signalling was lost, until the recovery after it runs,
        # and when a call's media was last moved to a new peer connection: that
        # recovery skips a call whose media was already moved over the new connection.
        self._lost_at: float | None = None
        self._moved_at = -math.inf
        for method, handler in {
            "INVITE": self._on_invite,
            "CANCEL": self._on_cancel,
            "BYE": self._on_bye,
            "INFO": self._on_info,
            "UPDATE": self._on_update,
            "REFER": self.transfers.on_refer,
            "NOTIFY": self.transfers.on_notify,
        }.items():
            self.ua.handlers[method] = handler
        self.ua.ack_handler = self._on_ack

    # -- helpers ----
    def _media(self) -> MediaSession:
        """A new call's media, reporting RFC 4733 key presses as onDtmfReceived."""
        media = self._new_media()
        media.on_dtmf = lambda tone, ms: self._emit(
            "onDtmfReceived", {"tone": tone, "duration": ms}
        )
        return media

    def _emit(self, event: str, *args: Any) -> None:
        self.client._emit(event, *args)

    def spawn(self, coro: Any) -> None:
        self._tasks.spawn(coro)

    def _find_by_dialog(self, request: SipRequest) -> CallSession | None:
        for session in [self.current, *self.ringing.values()]:
            if (
                session is not None
                and session.dialog is not None
                and session.dialog.matches(request)
            ):
                return session
        return None

    def _find(self, call_uuid: str | None) -> CallSession | None:
        if call_uuid is None:
            return next(reversed(self.ringing.values()), None)
        return self.ringing.get(call_uuid)

    def _finish(self, session: CallSession) -> None:
        if session.media is not None:
            media, session.media = session.media, None
            self.spawn(media.close())
        self.ringing.pop(session.call_uuid, None)
        self.reoffers.forget(session.call_id)
        if session.timer is not None:
            session.timer.stop()
        if self.current is session:
            self.current = None
            self._mute_requested = False
            # Dropped, not only cancelled: a cancelled task keeps its traceback, and
            # with it the watcher's frame and the ended call's media, until the next call.
            for watch in (self._address_watch, self._media_watch):
                if watch is not None:
                    watch.cancel()
            self._address_watch = self._media_watch = None

    # -- outgoing ----
    async def call(self, dest: str, extra_headers: dict[str, object] | None = None) -> bool:
        if not self.client.is_registered():
            log.warning("Must be logged in before to make a call")
            return False
        if self.current is not None:
            log.warning("Cannot make another call while in call")
            return False
        if self.ringing:
            log.warning("Cannot make a call while there is an incoming call")
            return False
        registration = self.client.registration
        assert registration is not None
        try:
            target = normalise_destination(dest, self.client.domain)
        except InvalidDestination as exc:
            log.warning("call(): %s", exc)
            return False
        headers = filter_outgoing(extra_headers)
        call_id = new_call_id()
        session = CallSession(
            call_id=call_id,
            direction=Direction.OUTGOING,
            src=str(registration.aor),
            dest=str(target),
            extra_headers=headers,
        )
        session.muted = self._mute_requested
        self.current = session
        self._emit("onCalling")
        session.media = self._media()
        session.media.set_muted(session.muted)
        session.media.on_connected = lambda: self._media_connected(session)
        try:
            offer = await session.media.create_offer()
        except MediaError as exc:
            self._fail(session, "WebRTC Error", -1, local=True)
            log.error("cannot create the offer: %s", exc)
            return False
        if session.is_over:
            return True  # hung up while the offer was being prepared
        extra = list(headers.items())
        region = self.client.options["clientRegion"]
        if region:
            extra.append(("X-ClientRegion", region))
        extra += [
            ("Contact", registration.dialog_contact),
            ("Allow", ALLOW),
            ("Supported", "replaces, 100rel, timer"),
            *request_headers(DEFAULT_INTERVAL),
        ]
        tag = new_tag()
        session.local_tag = tag
        invite = self.ua.build_request(
            "INVITE",
            target,
            from_=NameAddr(registration.aor, params={"tag": tag}),
            to=NameAddr(target),
            call_id=call_id,
            extra_headers=extra,
            body=offer.encode(),
            content_type="application/sdp",
        )
        self.spawn(self._run_outgoing(session, invite))
        return True

    async def _run_outgoing(self, session: CallSession, invite: SipRequest) -> None:
        policy = AuthRetryPolicy()
        redirects = 0
        interval_retries = 0
        while True:
            session.invite = invite
            try:
                response = await self.ua.request(
                    invite, on_provisional=lambda r: self._provisional(session, r)
                )
            except RequestTimeout:
                if not session.is_over:
                    self._fail(session, causes.REQUEST_TIMEOUT, 408, local=True)
                return
            if response.status in (401, 407) and not session.is_over:
                retry = self._authorised_retry(invite, response, policy)
                if retry is not None:
                    invite = retry
                    continue
            if 300 <= response.status < 400 and redirects < MAX_REDIRECTS and not session.is_over:
                target = _redirect_target(response)
                if target is not None:
                    redirects += 1
                    log.info("call redirected to %s", target)
                    invite = self._retarget(invite, target)
                    policy = AuthRetryPolicy()  # a new request: its challenge is new too
                    continue
            if (
                response.status == 422
                and interval_retries < MAX_INTERVAL_RETRIES
                and not session.is_over
            ):
                longer = _longer_interval(invite, response)
                if longer is not None:
                    interval_retries += 1
                    invite = self._next_attempt(invite, longer)
                    continue
            break
        if 200 <= response.status < 300:
            await self._answered(session, invite, response)
        elif session.cancel is not Cancel.NONE and response.status == 487:
            pass  # our CANCEL worked; the call was already reported as canceled
        elif not session.is_over:
            self._fail(
                session,
                _failure_cause(response),
                response.status,
                local=False,
                reason_header=response.headers.get("Reason"),
            )

    def _authorised_retry(
        self, invite: SipRequest, response: SipResponse, policy: AuthRetryPolicy
    ) -> SipRequest | None:
        credentials = self.client.registration.credentials if self.client.registration else None
        if not isinstance(credentials, PasswordCredentials):
            return None
        answer = answer_challenge(
            response,
            invite,
            digest=self._digest,
            policy=policy,
            username=credentials.username,
            password=credentials.password,
        )
        if answer is None:
            return None
        retry = SipRequest(
            headers=invite.headers.copy(), method="INVITE", uri=invite.uri, body=invite.body
        )
        retry.headers.set("Via", str(self.ua.via()))
        retry.headers.set("CSeq", f"{invite.cseq.number + 1} INVITE")
        retry.headers.set(*answer)
        return retry

    def _next_attempt(self, invite: SipRequest, interval: int) -> SipRequest:
        """The same INVITE asking for a longer session interval after a 422 (RFC 4028
        §7.4): same Call-ID and From tag, next CSeq, Session-Expires and Min-SE both the
        422's Min-SE."""
        retry = SipRequest(
            headers=invite.headers.copy(), method="INVITE", uri=invite.uri, body=invite.body
        )
        retry.headers.set("Via", str(self.ua.via()))
        retry.headers.set("CSeq", f"{invite.cseq.number + 1} INVITE")
        for name, value in request_headers(interval, interval):
            retry.headers.set(name, value)
        return retry

    def _retarget(self, invite: SipRequest, target: SipUri) -> SipRequest:
        """The same call sent to a new target (RFC 3261 §8.1.3.4): new branch, next CSeq."""
        retry = SipRequest(
            headers=invite.headers.copy(), method="INVITE", uri=target, body=invite.body
        )
        retry.headers.set("Via", str(self.ua.via()))
        retry.headers.set("CSeq", f"{invite.cseq.number + 1} INVITE")
        retry.headers.remove("Authorization")
        retry.headers.remove("Proxy-Authorization")
        return retry

    def redirect(self, uri: str) -> bool:
        """Send the newest ringing incoming call to *uri* with a 302 (e.g. another
        device); with nothing ringing, transfer the answered call there with REFER."""
        session = self._find(None)
        answered = (
            self.current if self.current and self.current.state is CallState.ANSWERED else None
        )
        if (session is None or session.server_transaction is None) and answered is None:
            log.warning("redirect(): no ringing or answered call")
            return False
        try:
            target = normalise_destination(uri, self.client.domain)
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
        self._finish(session)
        return True

    def _provisional(self, session: CallSession, response: SipResponse) -> None:
        session.provisional_seen = True
        if session.cancel is Cancel.WAITING:
            self._send_cancel(session)  # the user hung up before the first 1xx
        if response.status == 100 or session.is_over:
            return
        uuid = response.headers.get("X-Calluuid")
        if uuid:
            session.call_uuid = uuid
        self._early_dialog(session, response)
        self._acknowledge_reliable(session, response)
        if response.content_type == "application/sdp" and not session.answer_applied:
            session.answer_applied = True
            reliable = session.acknowledged_rseq is not None and "100rel" in {
                v.strip().lower() for v in response.headers.values("Require")
            }
            self.spawn(self._early_answer(session, response.text_body, reliable=reliable))
        if session.state is CallState.INITIALIZED:
            session.move(CallState.RINGING)
            self._emit("onCallRemoteRinging", session.info())

    def _early_dialog(self, session: CallSession, response: SipResponse) -> None:
        """A 18x with a To tag and Contact makes the early dialog (RFC 3261 §12.1.2) that
        PRACK travels in; the first one is kept, and the 2xx confirms it."""
        if session.dialog is not None or session.invite is None or not response.to.tag:
            return
        try:
            session.dialog = Dialog.from_uac(session.invite, response)
        except (DialogError, SipParseError) as exc:
            log.info("no early dialog from the %s: %s", response.status, exc)

    def _acknowledge_reliable(self, session: CallSession, response: SipResponse) -> None:
        """PRACK a reliable provisional response (RFC 3262 §7.1): ``Require: 100rel`` with
        an RSeq; a retransmission (RSeq not above the last one) is not acknowledged again."""
        required = {v.strip().lower() for v in response.headers.values("Require")}
        rseq_text = (response.headers.get("RSeq") or "").strip()
        if "100rel" not in required or not rseq_text.isdigit() or session.invite is None:
            return
        rseq = int(rseq_text)
        dialog = session.dialog
        if dialog is None or not dialog.matches(response):
            return  # another fork's: only the dialog we keep is acknowledged
        if session.acknowledged_rseq is not None and rseq <= session.acknowledged_rseq:
            return
        session.acknowledged_rseq = rseq
        prack = dialog.create_request(
            "PRACK",
            self.ua.via(),
            extra_headers=[("RAck", f"{rseq} {session.invite.cseq.number} INVITE")],
        )
        self.spawn(self._send_prack(prack))

    async def _send_prack(self, prack: SipRequest) -> None:
        try:
            response = await self.ua.request(prack, timeout=32)
        except RequestTimeout:
            log.warning("PRACK unanswered")
            return
        if not 200 <= response.status < 300:
            log.warning("PRACK refused: %s %s", response.status, response.reason)

    async def _early_answer(self, session: CallSession, sdp: str, *, reliable: bool) -> None:
        """Apply the SDP answer of a 18x so the network's ringback or announcement is heard
        before the answer (RFC 3261 §13.2.1: the 2xx then carries the same answer)."""
        if session.media is None or session.is_over:
            return
        try:
            await session.media.accept_answer(sdp)
        except MediaError as exc:
            log.warning("early media answer unusable; waiting for the final answer: %s", exc)
            session.answer_applied = False
            return
        session.early_answer_reliable = reliable

    def _send_cancel(self, session: CallSession) -> None:
        """CANCEL the outgoing INVITE now if a provisional response allows it, else as soon
        as one arrives (:meth:`_provisional`); a 200 that crosses it gets ACK + BYE."""
        if session.cancel is Cancel.SENT:
            return
        if session.invite is None or not session.provisional_seen:
            session.cancel = Cancel.WAITING
            return
        session.cancel = Cancel.SENT
        self.spawn(self._cancel(session.invite))

    async def _cancel(self, invite: SipRequest) -> None:
        try:
            await self.ua.request(build_cancel(invite), timeout=10)
        except RequestTimeout:
            log.warning("CANCEL unanswered")

    async def _answered(
        self, session: CallSession, invite: SipRequest, response: SipResponse
    ) -> None:
        try:
            early = session.dialog
            if early is not None and early.matches(response):
                early.confirm(response)  # keeps the CSeq its PRACKs used
                dialog = early
            else:
                dialog = Dialog.from_uac(invite, response)
        except (DialogError, SipParseError) as exc:
            log.error("unusable 2xx to INVITE: %s", exc)
            return
        session.dialog = dialog
        ack = dialog.create_request("ACK", self.ua.via(), cseq=invite.cseq.number)
        self.ua.send(ack)
        uuid = response.headers.get("X-Calluuid")
        if uuid:
            session.call_uuid = uuid
        if session.is_over:
            # CANCEL crossed the 200 OK: the call exists now, end it with a BYE (§9.1).
            self.spawn(self._bye(dialog))
            return
        try:
            assert session.media is not None
            if not session.answer_applied:
                await session.media.accept_answer(response.text_body)
        except (MediaError, AssertionError) as exc:
            log.error("cannot use the answer SDP: %s", exc)
            self.spawn(self._bye(dialog))
            self._fail(session, "Incompatible SDP", 488, local=True)
            return
        session.move(CallState.ANSWERED)
        self.last_call_uuid = session.call_uuid
        session.peer_allows_update = _allows_update(response)
        try:
            negotiated = from_response(response)
        except SessionTimerError as exc:
            log.warning("no session timer: %s", exc)
            negotiated = None
        self._start_timer(session, negotiated)
        self._watch_addresses(session)
        self._watch_media(session)
        self._emit("onCallAnswered", session.info())
        if session.media is not None and session.media.connected:
            # ICE connected on the early media, before the answer: its event is due now.
            self._emit("onMediaConnected", session.info())

    def _media_connected(self, session: CallSession) -> None:
        if session.state is CallState.ANSWERED:
            self._emit("onMediaConnected", session.info())

    def _fail(
        self,
        session: CallSession,
        cause: str,
        code: int,
        *,
        local: bool,
        reason_header: str | None = None,
    ) -> None:
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
        self._finish(session)
        self._emit("onCallFailed", cause, session.info())

    # -- incoming ----
    def _on_invite(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        if request.to.tag:
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
            return
        verdict = incoming_verdict(
            self.client.availability,
            request.headers.get_all("Call-Info"),
            request.headers.get_all("Alert-Info"),
        )
        if verdict.action is Action.REFUSE:
            assert verdict.code is not None
            self._refuse(transaction, verdict.code)
            return
        busy = self.current is not None or bool(self.ringing)
        if (busy and not self.client.options["allowMultipleIncomingCalls"]) or len(
            self.ringing
        ) >= MAX_PENDING_INVITES:
            transaction.respond(transaction.make_response(486, to_tag=new_tag()))
            return
        if request.content_type != "application/sdp" or not request.body:
            transaction.respond(
                transaction.make_response(
                    488, "Not Acceptable Here (no SDP offer)", to_tag=new_tag()
                )
            )
            return
        try:
            timer_answer = answer_request(request)
        except SessionTimerError as exc:
            transaction.respond(
                transaction.make_response(400, f"Bad Request ({exc})", to_tag=new_tag())
            )
            return
        if isinstance(timer_answer, TooSmall):
            too_small = transaction.make_response(422, to_tag=new_tag())
            too_small.headers.add("Min-SE", str(timer_answer.minimum))
            transaction.respond(too_small)
            return
        caller = request.from_
        registration = self.client.registration
        local_tag = new_tag()
        session = self._incoming_session(transaction, local_tag)
        session.timer_answer = timer_answer
        try:
            session.dialog = Dialog.from_uas(request, local_tag)
        except (DialogError, SipParseError) as exc:
            transaction.respond(
                transaction.make_response(400, f"Bad Request ({exc})", to_tag=local_tag)
            )
            return
        ringing = transaction.make_response(180, to_tag=local_tag, copy_record_route=True)
        if registration is not None:
            ringing.headers.add("Contact", registration.dialog_contact)
        transaction.respond(ringing)
        session.move(CallState.RINGING)
        self.ringing[session.call_uuid] = session
        self._emit(
            "onIncomingCall",
            _caller_id(request),
            dict(session.extra_headers),
            session.info(),
            caller.display_name or "",
        )
        if verdict.action is Action.AUTO_ANSWER:
            assert verdict.delay is not None
            self.spawn(self._auto_answer(session, verdict.delay))

    def _incoming_session(self, transaction: ServerTransaction, local_tag: str) -> CallSession:
        """A new incoming call's session, from its INVITE."""
        request = transaction.request
        caller_uri = request.from_.uri
        user = caller_uri.user if isinstance(caller_uri, SipUri) else str(caller_uri)
        registration = self.client.registration
        return CallSession(
            call_id=request.call_id,
            direction=Direction.INCOMING,
            src=user or "",
            dest=registration.credentials.username if registration else "",
            extra_headers=filter_incoming(request.headers),
            call_uuid=request.headers.get("X-Calluuid") or request.call_id,
            invite=request,
            server_transaction=transaction,
            local_tag=local_tag,
            peer_allows_update=_allows_update(request),
        )

    def _refuse(self, transaction: ServerTransaction, code: int) -> None:
        """Do-not-disturb: answer *code* at once; the app hears of the call as
        ``onIncomingCallRefused`` (a Webphone extension) to count it as missed."""
        local_tag = new_tag()
        transaction.respond(transaction.make_response(code, to_tag=local_tag))
        session = self._incoming_session(transaction, local_tag)
        session.server_transaction = None
        session.end_local(CallState.REJECTED, DND_REASON)
        session.code = code
        self.last_refused = session
        log.info("do not disturb: incoming call %s refused with %d", session.call_uuid, code)
        self._emit(
            "onIncomingCallRefused",
            _caller_id(transaction.request),
            dict(session.extra_headers),
            session.info(),
            transaction.request.from_.display_name or "",
        )

    async def _auto_answer(self, session: CallSession, delay: float) -> None:
        """Answer *session* after *delay* s if it still rings and no call is up (an
        auto-answer never hangs up the user's call), with a beep first."""
        await asyncio.sleep(delay)
        if (
            session.state is not CallState.RINGING
            or self.ringing.get(session.call_uuid) is not session
        ):
            return
        if self.current is not None:
            log.info("auto-answer: call %s left ringing, a call is up", session.call_uuid)
            return
        log.info("auto-answer: answering call %s", session.call_uuid)
        if self.client.availability.beep:
            self.client.audio.auto_answer_beep()
        # Other calls ringing alongside go on ringing: no one chose to refuse them.
        await self.answer(session.call_uuid, "letring")

    def _on_cancel(self, transaction: ServerTransaction) -> None:
        invite_tx = self.ua.layer.find_invite_for_cancel(transaction.request)
        if invite_tx is None or invite_tx.is_final:
            transaction.respond(transaction.make_response(481))
            return
        transaction.respond(transaction.make_response(200))
        session = next(
            (s for s in self.ringing.values() if s.server_transaction is invite_tx), None
        )
        tag = session.local_tag if session else new_tag()
        invite_tx.respond(invite_tx.make_response(487, to_tag=tag))
        if session is None:
            return  # an ignored call: no event after ignore()
        parsed = parse_reason_header(transaction.request.headers.get("Reason"))
        if parsed is not None:
            session.end_remote(CallState.CANCELED, parsed[2] or "Canceled", parsed[1], parsed[0])
        else:
            session.end_remote(CallState.CANCELED, "Canceled", 487)
        self._finish(session)
        self._emit("onIncomingCallCanceled", session.info())

    async def answer(self, call_uuid: str | None = None, action: str = "reject") -> bool:
        session = self._find(call_uuid)
        if session is None:
            log.error("answer(): no ringing call%s", f" with UUID {call_uuid}" if call_uuid else "")
            return False
        if not isinstance(action, str) or action.lower() not in ANSWER_ACTIONS:
            log.error("Invalid actionOnOtherIncomingCalls value %r", action)
            return False
        chosen = ANSWER_ACTIONS[action.lower()]
        for other in [s for s in self.ringing.values() if s is not session]:
            if chosen == "reject":
                self.reject(other.call_uuid)
            elif chosen == "ignore":
                self.ignore(other.call_uuid)
        if self.current is not None:
            await self.hangup()
        self.ringing.pop(session.call_uuid, None)
        self.current = session
        session.muted = self._mute_requested
        media = self._media()
        media.set_muted(session.muted)
        media.on_connected = lambda: self._media_connected(session)
        session.media = media
        transaction = session.server_transaction
        assert transaction is not None and session.invite is not None
        try:
            answer_sdp = await media.accept_offer(session.invite.text_body)
        except MediaError as exc:
            log.error("cannot answer: %s", exc)
            if not transaction.is_final:
                transaction.respond(transaction.make_response(488, to_tag=session.local_tag))
            session.end_local(CallState.CANCELED, "call answer fail")
            self._finish(session)
            self._emit("onIncomingCallCanceled", session.info())
            return False
        if transaction.is_final:  # canceled while we prepared the answer
            self._finish(session)
            return False
        ok = transaction.make_response(200, to_tag=session.local_tag, copy_record_route=True)
        registration = self.client.registration
        if registration is not None:
            ok.headers.add("Contact", registration.dialog_contact)
        ok.headers.add("Allow", ALLOW)
        ok.headers.add("Supported", "timer")
        for name, value in session.timer_answer.headers if session.timer_answer else []:
            ok.headers.add(name, value)
        ok.headers.add("Content-Type", "application/sdp")
        ok.body = answer_sdp.encode()
        transaction.respond(ok)
        return True

    def _in_dialog(self, transaction: ServerTransaction) -> CallSession | None:
        """The call whose dialog a target-refresh request (re-INVITE, UPDATE) belongs to,
        its CSeq checked and recorded (RFC 3261 §12.2.2); None once it has been refused
        (481 for no such dialog, 500 for a CSeq out of order)."""
        request = transaction.request
        session = self._find_by_dialog(request)
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
        session = self._find_by_dialog(request) or self._awaiting_ack.pop(request.call_id, None)
        if session is None or session.dialog is None:
            return
        if session.dialog.state is DialogState.EARLY:
            session.dialog.move(DialogState.CONFIRMED)
            if session.is_over:
                self.spawn(self._bye(session.dialog))
                return
            session.move(CallState.ANSWERED)
            self.last_call_uuid = session.call_uuid
            answer = session.timer_answer
            self._start_timer(session, answer.timer if answer is not None else None)
            self._watch_addresses(session)
            self._watch_media(session)
            self._emit("onCallAnswered", session.info())
            if session.media is not None and session.media.connected:
                self._emit("onMediaConnected", session.info())

    def reject(self, call_uuid: str | None = None) -> bool:
        session = self._find(call_uuid)
        if session is None:
            log.warning("reject(): no ringing call to reject")
            return False
        transaction = session.server_transaction
        if transaction is not None and not transaction.is_final:
            transaction.respond(transaction.make_response(486, to_tag=session.local_tag))
        session.end_local(CallState.REJECTED, "Rejected")
        self._finish(session)
        self._emit("onCallFailed", "Rejected", session.info())
        return True

    def ignore(self, call_uuid: str | None = None) -> bool:
        session = self._find(call_uuid)
        if session is None:
            log.warning("No incoming calls to ignore")
            return False
        session.end_local(CallState.IGNORED, "Ignored")
        self._finish(session)
        self._emit("onIncomingCallIgnored", session.info())
        return True

    # -- ending ----
    async def close(self, grace: float = CLOSE_GRACE) -> None:
        """End every call for shutdown: the current one is hung up (BYE, or CANCEL while
        it rings), ringing ones are declined, and every peer connection is closed. Waits
        at most *grace* seconds for the far end's answers: quitting never hangs on them.
        An unclosed peer connection would also keep aiortc's decoder thread, which keeps
        the process from exiting."""
        if self.current is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.hangup(), grace)
        for call_uuid in list(self.ringing):
            self.reject(call_uuid)
        for session in [self.current, *self._awaiting_ack.values()]:
            if session is not None:
                self._finish(session)
        self._awaiting_ack.clear()
        await self._tasks.settle(grace)

    async def hangup(self) -> bool:
        session = self.current
        if session is None:
            log.warning("No call session exists to hangup")
            return False
        if session.state is CallState.ANSWERED and session.dialog is not None:
            self._end_answered(session, "local", "Terminated")
            await self._bye(session.dialog)
            return True
        if session.direction is Direction.OUTGOING:
            self._send_cancel(session)
            self._fail(session, "Canceled", 487, local=True)
            return True
        # Incoming, answered but not yet ACKed: BYE once the dialog is confirmed (see _on_ack).
        session.move(CallState.ANSWERED)
        session.end_local(CallState.ENDED, "Terminated")
        self._awaiting_ack[session.call_id] = session
        self._finish(session)
        self._emit(
            "onCallTerminated", {"originator": "local", "reason": "Terminated"}, session.info()
        )
        return True

    def _end_answered(self, session: CallSession, originator: str, reason: str) -> None:
        """An answered call is over for the user: state, media, onCallTerminated."""
        if originator == "local":
            session.end_local(CallState.ENDED, reason)
        else:
            session.end_remote(CallState.ENDED, reason, 200)
        self._finish(session)
        self._emit("onCallTerminated", {"originator": originator, "reason": reason}, session.info())

    async def _bye(self, dialog: Dialog, reason: str | None = None) -> None:
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

    def _on_bye(self, transaction: ServerTransaction) -> None:
        if self.transfers.on_bye(transaction):
            return
        request = transaction.request
        session = self._find_by_dialog(request)
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
            self._finish(session)
            self._emit(
                "onCallTerminated", {"originator": "remote", "reason": "Terminated"}, session.info()
            )

    # -- session timer (RFC 4028) ----
    def _start_timer(self, session: CallSession, negotiated: Negotiated | None) -> None:
        """(Re)arm the call's session timer after a refresh with *negotiated*'s outcome."""
        if session.timer is None:
            if negotiated is None:
                return
            session.timer = SessionTimer(
                self.ua.layer.scheduler,
                on_refresh=lambda: self.spawn(self._refresh(session)),
                on_expired=lambda: self._expired(session),
            )
        if negotiated is not None:
            log.info(
                "session timer %d s, refreshed by %s",
                negotiated.interval,
                "us" if negotiated.we_refresh else "the peer",
            )
        session.timer.start(negotiated)

    def refresh_answer(self, session: CallSession, request: SipRequest) -> Answer:
        """The session timer part of our 2xx to the peer's re-INVITE or UPDATE, which is
        a refresh (RFC 4028 §9): any interval it asks is kept, running calls are never
        refused over their timer, and a bad Session-Expires is ignored."""
        try:
            answer = answer_request(request, minimum=None)
        except SessionTimerError as exc:
            log.warning("ignoring the refresh's session timer: %s", exc)
            return Answer([], None)
        assert not isinstance(answer, TooSmall)
        return answer

    def refreshed(self, session: CallSession, answer: Answer) -> None:
        """Our 2xx to the peer's re-INVITE or UPDATE went out: the session is refreshed.
        A request that said nothing of timers leaves the timer as it was, from now; one
        in an early dialog (an UPDATE before the answer) starts none."""
        if session.state is not CallState.ANSWERED:
            return
        if answer.timer is not None:
            self._start_timer(session, answer.timer)
        elif session.timer is not None:
            session.timer.restart()

    def _expired(self, session: CallSession) -> None:
        """The peer had to refresh and did not (RFC 4028 §10): BYE, and tell the user."""
        if session.is_over or session.dialog is None:
            return
        log.warning("call %s: no session refresh from the peer; ending it", session.call_uuid)
        self._end_by_timer(session, SESSION_EXPIRED)

    def _end_by_timer(self, session: CallSession, reason: str) -> None:
        """End the answered call for *reason* with a BYE; its code is 408 (the session
        timed out), as in the BYE's Reason."""
        dialog = session.dialog
        assert dialog is not None
        session.end_local(CallState.ENDED, reason)
        session.code = 408
        self._finish(session)
        self._emit("onCallTerminated", {"originator": "local", "reason": reason}, session.info())
        self.spawn(self._bye(dialog, f'SIP;cause=408;text="{reason}"'))

    async def _refresh(self, session: CallSession) -> None:
        """Refresh the session (RFC 4028 §10, we are the refresher): an UPDATE without
        SDP when the peer allows UPDATE, else a re-INVITE with our SDP on the call's own
        peer connection (the same ICE credentials and DTLS fingerprint: gateways drop
        media whose credentials change). 408, 481 or no answer end the call; 422 asks
        again with the longer interval; 405/501 to an UPDATE falls back to re-INVITE;
        491 tries again after a pause; another refusal keeps the call (the peer answered,
        so it is there) and the next refresh comes at the usual time. While disconnected
        nothing is sent: the recovery re-INVITE (:meth:`recover`) refreshes the session."""
        timer = session.timer
        if timer is None or timer.negotiated is None:
            return
        interval = timer.negotiated.interval
        method = "UPDATE" if session.peer_allows_update else "INVITE"
        interval_retries = glare_retries = 0
        while not session.is_over and session.dialog is not None:
            if self.ua.transport is None:
                # Disconnected: the call's recovery re-INVITE (see recover()) will be the
                # refresh; until then the session is as alive as the peer lets it be.
                log.info("call %s: refresh due while disconnected", session.call_uuid)
                timer.restart()
                return
            if session.reinvite_pending:
                # Our re-INVITE moving the media is out: it refreshes the session too,
                # and a second INVITE of ours may not cross it (RFC 3261 §14.1).
                timer.restart()
                return
            try:
                response = await self._send_refresh(session, method, interval)
            except _NotSent as exc:
                log.warning("call %s: no session refresh sent (%s)", session.call_uuid, exc)
                timer.restart()
                return
            if session.is_over:
                return
            if response is None and self.ua.transport is None:
                continue  # the connection went while we waited: as above
            if response is None or response.status in (408, 481):
                cause = f"{response.status} {response.reason}" if response else "no answer"
                log.warning("call %s: session refresh failed (%s)", session.call_uuid, cause)
                self._end_by_timer(session, REFRESH_FAILED)
                return
            if 200 <= response.status < 300:
                if "Allow" in response.headers:
                    session.peer_allows_update = _allows_update(response)
                try:
                    negotiated = from_response(response)
                except SessionTimerError as exc:
                    log.warning("refresh 2xx: %s; keeping the interval", exc)
                    negotiated = timer.negotiated
                self._start_timer(session, negotiated)
                return
            if response.status == 422 and interval_retries < MAX_INTERVAL_RETRIES:
                longer = _longer_interval_than(interval, response)
                if longer is not None:
                    interval_retries += 1
                    interval = longer
                    continue
            if method == "UPDATE" and response.status in (405, 501):
                session.peer_allows_update = False
                method = "INVITE"
                continue
            if response.status == 491 and glare_retries < MAX_GLARE_RETRIES:
                glare_retries += 1
                await asyncio.sleep(random.uniform(2.1, 4.0))  # RFC 3261 §14.1
                continue
            log.warning(
                "call %s: session refresh refused (%s %s); the call goes on",
                session.call_uuid,
                response.status,
                response.reason,
            )
            timer.restart()
            return

    async def _send_refresh(
        self, session: CallSession, method: str, interval: int
    ) -> SipResponse | None:
        """One refresh request and its final response (None: none came); a re-INVITE's
        2xx is ACKed and its SDP answer applied to the call's peer connection. Raises
        :class:`_NotSent` when there is no offer to make (the peer did not refuse)."""
        dialog, media = session.dialog, session.media
        assert dialog is not None
        body = b""
        if method == "INVITE":
            if media is None:
                raise _NotSent("the call has no media")
            try:
                body = (await media.create_reoffer()).encode()
            except MediaError as exc:
                raise _NotSent(f"cannot offer: {exc}") from exc
            if session.is_over:
                return None
        extra = [
            *request_headers(interval, refresher=True),
            ("Supported", "timer"),
        ]
        contact = self.contact()
        if contact is not None:
            extra.append(("Contact", contact))
        request = dialog.create_request(
            method,
            self.ua.via(),
            body=body,
            content_type="application/sdp" if body else None,
            extra_headers=extra,
        )
        session.reinvite_pending = method == "INVITE"
        try:
            response = await self.ua.request(request, timeout=32)
        except RequestTimeout:
            return None
        finally:
            session.reinvite_pending = False
        if method == "INVITE" and 200 <= response.status < 300:
            self.ua.send(dialog.create_request("ACK", self.ua.via(), cseq=request.cseq.number))
            if media is not None and media is session.media and response.body:
                try:
                    await media.accept_answer(response.text_body)
                except MediaError as exc:
                    log.warning("the refresh's answer is unusable: %s", exc)
        return response

    # -- in-call ----
    def _on_info(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        session = self._find_by_dialog(request)
        if session is None:
            transaction.respond(transaction.make_response(481))
            return
        transaction.respond(transaction.make_response(200))
        if request.content_type == "application/dtmf-relay":
            signal = _DTMF_BODY.search(request.text_body)
            if signal:
                duration = _DURATION.search(request.text_body)
                self._emit(
                    "onDtmfReceived",
                    {
                        "tone": signal.group(1),
                        "duration": int(duration.group(1)) if duration else 100,
                    },
                )
        elif request.content_type == "application/dtmf":
            tone = request.text_body.strip()
            if tone in DTMF_DIGITS:
                self._emit("onDtmfReceived", {"tone": tone, "duration": 100})
        elif request.text_body.strip() in REMOTE_AUDIO_BODIES:
            self._emit("remoteAudioStatus", REMOTE_AUDIO_BODIES[request.text_body.strip()])

    async def send_dtmf(self, digit: object) -> bool:
        text = str(digit) if isinstance(digit, int | str) and not isinstance(digit, bool) else None
        if text is None or len(text) != 1 or text not in DTMF_DIGITS:
            log.warning("%r is not a valid DTMF digit", digit)
            return False
        session = self.current
        if session is None or session.state is not CallState.ANSWERED or session.dialog is None:
            log.warning("Unable to send DTMF: no answered call")
            return False
        kinds = self.client.options["dtmfOptions"]["sendDtmfType"]
        if "outband" not in kinds:
            # In-band only: an RFC 4733 event in our RTP when the far end negotiated
            # telephone-event, else the dual tone mixed into the audio it hears.
            if session.media is None:
                log.warning("Unable to send DTMF: the call has no media")
                return False
            sent = await session.media.send_dtmf(text)
            if not sent:
                log.warning("DTMF %s not sent: the call's media is not flowing", text)
            return sent
        body = f"Signal={text}\r\nDuration=100\r\n".encode()
        request = session.dialog.create_request(
            "INFO", self.ua.via(), body=body, content_type="application/dtmf-relay"
        )
        try:
            response = await self.ua.request(request, timeout=10)
        except RequestTimeout:
            log.warning("DTMF INFO unanswered")
            return False
        return 200 <= response.status < 300

    def set_mute(self, muted: bool) -> bool:
        session = self.current
        self._mute_requested = muted
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
        self._lost_at = time.monotonic()
        for session in list(self.ringing.values()):
            session.end_local(CallState.CANCELED, "Network switch while ringing")
            self._finish(session)
            self._emit("onIncomingCallCanceled", session.info())
        current = self.current
        if current is not None and current.state is not CallState.ANSWERED:
            self._fail(current, "Network switch while ringing", -1, local=True)

    async def recover(self) -> None:
        """Re-INVITE the answered call in its dialog with a fresh peer connection, after a
        reconnect or a sleep: the network under the media may be another one now.

        When a restart of the media is already out (the host's address changed, see
        :meth:`restart_media`), this waits for it rather than sending a second re-INVITE,
        and sends its own only if that one failed (its transaction dies with the old
        connection); one that already moved the media over the new connection (the
        address watch can be quicker than the re-REGISTER) leaves nothing to do.
        """
        lost, self._lost_at = self._lost_at, None
        session = self.current
        if session is None or session.state is not CallState.ANSWERED or session.dialog is None:
            return
        if lost is not None and self._moved_at > lost:
            log.info("call %s: media already moved since the reconnect", session.call_uuid)
            return
        await self.restart_media(session, "recovering the call", again=True)

    async def restart_media(self, session: CallSession, why: str, *, again: bool = False) -> bool:
        """Move the call's media to a new peer connection with a re-INVITE; whether it
        was moved. One at a time per client: a request while one is out takes that
        one's outcome, or with *again* sends its own once that one failed."""
        running = self._restart
        if (
            running is not None
            and not running.done()
            and (await asyncio.shield(running) or not again)
        ):
            return running.result()
        if session.is_over or session.state is not CallState.ANSWERED:
            return False
        task = self._tasks.spawn(self._reinvite_new_media(session, why), "sip-media-restart")
        self._restart = task
        return await asyncio.shield(task)

    async def _reinvite_new_media(self, session: CallSession, why: str) -> bool:
        """aiortc has no ICE restart, so the new offer comes from a new RTCPeerConnection
        (gathered on the addresses the host has now, with new ICE credentials); the old
        one is closed once the answer is in."""
        if session.dialog is None or session.reinvite_pending:
            return False
        log.info("call %s: re-INVITE with new media (%s)", session.call_uuid, why)
        media = self._media()
        media.set_muted(session.muted)
        registration = self.client.registration
        session.reinvite_pending = True
        try:
            offer = await media.create_offer()
            extra = [("Contact", registration.dialog_contact)] if registration else []
            negotiated = session.timer.negotiated if session.timer is not None else None
            if negotiated is not None:
                # This re-INVITE refreshes the session too (RFC 4028 §7.4): keep its roles.
                extra += [
                    *request_headers(negotiated.interval, refresher=negotiated.we_refresh),
                    ("Supported", "timer"),
                ]
            invite = session.dialog.create_request(
                "INVITE",
                self.ua.via(),
                body=offer.encode(),
                content_type="application/sdp",
                extra_headers=extra,
            )
            response = await self.ua.request(invite, timeout=32)
        except (MediaError, RequestTimeout) as exc:
            log.warning("call recovery failed: %s", exc)
            await media.close()
            return False
        finally:
            session.reinvite_pending = False
        if not 200 <= response.status < 300 or session.is_over:
            log.warning("call recovery refused: %s %s", response.status, response.reason)
            await media.close()
            return False
        self.ua.send(session.dialog.create_request("ACK", self.ua.via(), cseq=invite.cseq.number))
        try:
            await media.accept_answer(response.text_body)
        except MediaError as exc:
            log.warning("call recovery answer unusable: %s", exc)
            await media.close()
            return False
        self.swap_media(session, media)
        self._moved_at = time.monotonic()
        try:
            self._start_timer(session, from_response(response))
        except SessionTimerError as exc:
            log.warning("recovery 2xx: %s", exc)
        log.info("call %s recovered on a new connection", session.call_uuid)
        return True

    def _watch_addresses(self, session: CallSession) -> None:
        """Poll the host's addresses while *session* is answered (see
        :mod:`.address_change`); a call's media moves when its address goes."""
        if self._address_watch is not None and not self._address_watch.done():
            self._address_watch.cancel()
        watch = AddressWatch(
            _WatchedSession(self, session),
            self._gatherable_addresses,
            label=session.call_uuid,
        )
        self._address_watch = self._tasks.spawn(watch.run(), "call-address-watch")

    def _watch_media(self, session: CallSession) -> None:
        """End *session* when its far end sends nothing for a while (see
        :mod:`.media_timeout`)."""
        if self._media_watch is not None and not self._media_watch.done():
            self._media_watch.cancel()
        watch = MediaTimeoutWatch(_TimedSession(self, session), label=session.call_uuid)
        self._media_watch = self._tasks.spawn(watch.run(), "call-media-timeout")

    def media_expected(self, session: CallSession) -> bool:
        """Whether *session*'s far end should be sending now: the signalling is up (a
        reconnect's recovery may bring new media), no re-INVITE is setting the media up
        afresh, and the far end's SDP does not hold the call."""
        if self.ua.transport is None or session.reinvite_pending:
            return False
        if self._restart is not None and not self._restart.done():
            return False
        media = session.media
        remote = media.pc.remoteDescription if media is not None else None
        return not on_hold(remote.sdp if remote is not None else None)

    def end_for_media_timeout(self, session: CallSession, reason: str) -> None:
        """The far end of *session* sent nothing for too long: BYE, onCallTerminated."""
        if session.is_over or session.dialog is None or session.state is not CallState.ANSWERED:
            return
        self._end_by_timer(session, reason)

    def _gatherable_addresses(self) -> frozenset[str]:
        from ..media.interfaces import gatherable_addresses  # loaded with the call's media

        return gatherable_addresses(self.client._media_config().allowed_addresses)

    def new_media(self, session: CallSession) -> MediaSession:
        """A fresh peer connection for *session*, muted as the call is."""
        media = self._media()
        media.set_muted(session.muted)
        return media

    def contact(self) -> str | None:
        """Our Contact header value, None while not registered."""
        registration = self.client.registration
        return registration.dialog_contact if registration is not None else None

    def swap_media(self, session: CallSession, media: MediaSession) -> None:
        old, session.media = session.media, media
        if old is not None:
            self.spawn(old.close())


def _caller_id(request: SipRequest) -> str:
    """``user@host`` of an INVITE's From, as onIncomingCall reports the caller."""
    uri = request.from_.uri
    user = uri.user if isinstance(uri, SipUri) else str(uri)
    host = uri.host if isinstance(uri, SipUri) else ""
    return f"{user}@{host}" if user else host


def _redirect_target(response: SipResponse) -> SipUri | None:
    try:
        contacts = response.contacts
    except SipParseError:
        return None
    for contact in contacts:
        if isinstance(contact.uri, SipUri):
            return contact.uri
    return None


class _WatchedSession:
    """One answered call as :class:`.address_change.AddressWatch` sees it."""

    def __init__(self, calls: CallManager, session: CallSession) -> None:
        self._calls = calls
        self._session = session

    def media(self) -> WatchedMedia | None:
        session = self._session
        if session.is_over or self._calls.current is not session:
            return None
        return session.media

    def signalling_up(self) -> bool:
        return self._calls.ua.transport is not None

    async def restart(self, reason: str) -> bool:
        return await self._calls.restart_media(self._session, reason)


class _TimedSession:
    """One answered call as :class:`.media_timeout.MediaTimeoutWatch` sees it."""

    def __init__(self, calls: CallManager, session: CallSession) -> None:
        self._calls = calls
        self._session = session

    def media(self) -> CountedMedia | None:
        session = self._session
        if session.is_over or self._calls.current is not session:
            return None
        return session.media

    def media_expected(self) -> bool:
        return self._calls.media_expected(self._session)

    def timeout_disabled(self) -> bool:
        return bool(self._calls.client.options["disableRtpTimeOut"])

    def timed_out(self, reason: str) -> None:
        self._calls.end_for_media_timeout(self._session, reason)


class _NotSent(Exception):
    """A refresh we could not even send (no offer to make): not the peer's doing."""


def _allows_update(message: SipRequest | SipResponse) -> bool:
    return any(method.upper() == "UPDATE" for method in message.headers.values("Allow"))


def _longer_interval_than(interval: int, response: SipResponse) -> int | None:
    """The interval a 422 asks for (its Min-SE), None if it asks for nothing longer."""
    try:
        minimum = min_se(response)
    except SessionTimerError as exc:
        log.warning("unusable 422: %s", exc)
        return None
    return minimum if minimum is not None and minimum > interval else None


def _longer_interval(invite: SipRequest, response: SipResponse) -> int | None:
    try:
        asked = session_expires(invite)
    except SessionTimerError:
        asked = None
    return _longer_interval_than(asked.interval if asked else 0, response)


def _failure_cause(response: SipResponse) -> str:
    return causes.cause_for_status(response.status)
