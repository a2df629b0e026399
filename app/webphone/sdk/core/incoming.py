"""Incoming calls: a new INVITE refused or ringing (several may ring at once), the
caller's CANCEL, auto-answer, and the user's answer, reject or ignore."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from ...media.config import MediaError
from ...sip.dialog import Dialog, DialogError
from ...sip.errors import SipParseError
from ...sip.ids import new_tag
from ...sip.message import SipRequest
from ...sip.transaction import ServerTransaction
from ...sip.uri import SipUri
from .availability import DND_REASON, Action, incoming_verdict
from .call import CallSession, CallState, Direction, parse_reason_header
from .call_core import CallCore
from .extra_headers import filter_incoming
from .log import get_logger
from .session_refresh import allows_update
from .session_timer import SessionTimerError, TooSmall, answer_request
from .useragent import ALLOW

log = get_logger("webphone.sdk.core.calls")

ANSWER_ACTIONS = {"reject": "reject", "ignore": "ignore", "ignored": "ignore", "letring": "letring"}
MAX_PENDING_INVITES = 50


class IncomingCalls:
    """The calls that come in to one client, up to their answer."""

    def __init__(self, core: CallCore, hang_up: Callable[[], Awaitable[bool]]) -> None:
        self._core = core
        self._registry = core.registry
        # Answering while a call is up ends that one first (one answered call at a time).
        self._hang_up = hang_up

    def on_invite(self, transaction: ServerTransaction) -> None:
        """A new call: refused (do-not-disturb, busy, no offer, a bad timer) or ringing."""
        request = transaction.request
        verdict = incoming_verdict(
            self._core.host.availability,
            request.headers.get_all("Call-Info"),
            request.headers.get_all("Alert-Info"),
        )
        if verdict.action is Action.REFUSE:
            assert verdict.code is not None
            self._refuse(transaction, verdict.code)
            return
        busy = self._registry.busy
        if (busy and not self._core.host.options["allowMultipleIncomingCalls"]) or len(
            self._registry.ringing
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
        registration = self._core.host.registration
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
        self._registry.ringing[session.call_uuid] = session
        self._core.emit(
            "onIncomingCall",
            _caller_id(request),
            dict(session.extra_headers),
            session.info(),
            caller.display_name or "",
        )
        if verdict.action is Action.AUTO_ANSWER:
            assert verdict.delay is not None
            self._core.spawn(self._auto_answer(session, verdict.delay))

    def _incoming_session(self, transaction: ServerTransaction, local_tag: str) -> CallSession:
        """A new incoming call's session, from its INVITE."""
        request = transaction.request
        caller_uri = request.from_.uri
        user = caller_uri.user if isinstance(caller_uri, SipUri) else str(caller_uri)
        registration = self._core.host.registration
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
            peer_allows_update=allows_update(request),
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
        self._registry.last_refused = session
        log.info("do not disturb: incoming call %s refused with %d", session.call_uuid, code)
        self._core.emit(
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
            or self._registry.ringing.get(session.call_uuid) is not session
        ):
            return
        if self._registry.current is not None:
            log.info("auto-answer: call %s left ringing, a call is up", session.call_uuid)
            return
        log.info("auto-answer: answering call %s", session.call_uuid)
        if self._core.host.availability.beep:
            self._core.host.auto_answer_beep()
        # Other calls ringing alongside go on ringing: no one chose to refuse them.
        await self.answer(session.call_uuid, "letring")

    def on_cancel(self, transaction: ServerTransaction) -> None:
        invite_tx = self._core.ua.layer.find_invite_for_cancel(transaction.request)
        if invite_tx is None or invite_tx.is_final:
            transaction.respond(transaction.make_response(481))
            return
        transaction.respond(transaction.make_response(200))
        session = next(
            (s for s in self._registry.ringing.values() if s.server_transaction is invite_tx), None
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
        self._core.finish(session)
        self._core.emit("onIncomingCallCanceled", session.info())

    async def answer(self, call_uuid: str | None = None, action: str = "reject") -> bool:
        session = self._registry.find(call_uuid)
        if session is None:
            log.error("answer(): no ringing call%s", f" with UUID {call_uuid}" if call_uuid else "")
            return False
        if not isinstance(action, str) or action.lower() not in ANSWER_ACTIONS:
            log.error("Invalid actionOnOtherIncomingCalls value %r", action)
            return False
        chosen = ANSWER_ACTIONS[action.lower()]
        for other in [s for s in self._registry.ringing.values() if s is not session]:
            if chosen == "reject":
                self.reject(other.call_uuid)
            elif chosen == "ignore":
                self.ignore(other.call_uuid)
        if self._registry.current is not None:
            await self._hang_up()
        self._registry.ringing.pop(session.call_uuid, None)
        self._registry.current = session
        session.muted = self._registry.mute_requested
        media = self._core.first_media(session)
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
            self._core.finish(session)
            self._core.emit("onIncomingCallCanceled", session.info())
            return False
        if transaction.is_final:  # canceled while we prepared the answer
            self._core.finish(session)
            return False
        ok = transaction.make_response(200, to_tag=session.local_tag, copy_record_route=True)
        registration = self._core.host.registration
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

    def reject(self, call_uuid: str | None = None) -> bool:
        session = self._registry.find(call_uuid)
        if session is None:
            log.warning("reject(): no ringing call to reject")
            return False
        transaction = session.server_transaction
        if transaction is not None and not transaction.is_final:
            transaction.respond(transaction.make_response(486, to_tag=session.local_tag))
        session.end_local(CallState.REJECTED, "Rejected")
        self._core.finish(session)
        self._core.emit("onCallFailed", "Rejected", session.info())
        return True

    def ignore(self, call_uuid: str | None = None) -> bool:
        session = self._registry.find(call_uuid)
        if session is None:
            log.warning("No incoming calls to ignore")
            return False
        session.end_local(CallState.IGNORED, "Ignored")
        self._core.finish(session)
        self._core.emit("onIncomingCallIgnored", session.info())
        return True


def _caller_id(request: SipRequest) -> str:
    """``user@host`` of an INVITE's From, as onIncomingCall reports the caller."""
    uri = request.from_.uri
    user = uri.user if isinstance(uri, SipUri) else str(uri)
    host = uri.host if isinstance(uri, SipUri) else ""
    return f"{user}@{host}" if user else host
