"""Outgoing calls: the INVITE and what comes back before the answer (authentication,
redirects, a 422's longer session interval, provisional responses with their early
dialog, PRACK and early media), CANCEL when the user hangs up first, and the answer."""

from __future__ import annotations

from collections.abc import Callable

from ...media.config import MediaError
from ...sip.auth import AuthRetryPolicy, DigestSession
from ...sip.cancel import build_cancel
from ...sip.dialog import Dialog, DialogError
from ...sip.errors import SipParseError
from ...sip.headers import NameAddr
from ...sip.ids import new_call_id, new_tag
from ...sip.message import SipRequest, SipResponse
from ...sip.uri import SipUri
from . import causes
from .call import CallSession, CallState, Cancel, Direction
from .call_core import CallCore
from .challenge import answer_challenge
from .destination import InvalidDestination, normalise_destination
from .extra_headers import filter_outgoing
from .log import get_logger
from .registration import PasswordCredentials
from .session_refresh import MAX_INTERVAL_RETRIES, allows_update, longer_interval_than
from .session_timer import (
    DEFAULT_INTERVAL,
    Negotiated,
    SessionTimerError,
    from_response,
    request_headers,
    session_expires,
)
from .useragent import ALLOW, RequestTimeout

log = get_logger("webphone.sdk.core.calls")

MAX_REDIRECTS = 3


class OutgoingCalls:
    """Places the calls of one client and carries each up to its answer."""

    def __init__(
        self, core: CallCore, on_answered: Callable[[CallSession, Negotiated | None], None]
    ) -> None:
        self._core = core
        self._registry = core.registry
        self._on_answered = on_answered
        self._digest = DigestSession()

    async def call(self, dest: str, extra_headers: dict[str, object] | None = None) -> bool:
        if not self._core.host.is_registered():
            log.warning("Must be logged in before to make a call")
            return False
        if self._registry.current is not None:
            log.warning("Cannot make another call while in call")
            return False
        if self._registry.ringing:
            log.warning("Cannot make a call while there is an incoming call")
            return False
        registration = self._core.host.registration
        assert registration is not None
        try:
            target = normalise_destination(dest, self._core.host.domain)
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
        session.muted = self._registry.mute_requested
        self._registry.current = session
        self._core.emit("onCalling")
        session.media = self._core.first_media(session)
        try:
            offer = await session.media.create_offer()
        except MediaError as exc:
            self._core.fail(session, "WebRTC Error", -1, local=True)
            log.error("cannot create the offer: %s", exc)
            return False
        if session.is_over:
            return True  # hung up while the offer was being prepared
        extra = list(headers.items())
        region = self._core.host.options["clientRegion"]
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
        invite = self._core.ua.build_request(
            "INVITE",
            target,
            from_=NameAddr(registration.aor, params={"tag": tag}),
            to=NameAddr(target),
            call_id=call_id,
            extra_headers=extra,
            body=offer.encode(),
            content_type="application/sdp",
        )
        self._core.spawn(self._run_outgoing(session, invite))
        return True

    async def _run_outgoing(self, session: CallSession, invite: SipRequest) -> None:
        policy = AuthRetryPolicy()
        redirects = 0
        interval_retries = 0
        while True:
            session.invite = invite
            try:
                response = await self._core.ua.request(
                    invite, on_provisional=lambda r: self._provisional(session, r)
                )
            except RequestTimeout:
                if not session.is_over:
                    self._core.fail(session, causes.REQUEST_TIMEOUT, 408, local=True)
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
            self._core.fail(
                session,
                causes.cause_for_status(response.status),
                response.status,
                local=False,
                reason_header=response.headers.get("Reason"),
            )

    def _authorised_retry(
        self, invite: SipRequest, response: SipResponse, policy: AuthRetryPolicy
    ) -> SipRequest | None:
        credentials = (
            self._core.host.registration.credentials if self._core.host.registration else None
        )
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
        retry.headers.set("Via", str(self._core.ua.via()))
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
        retry.headers.set("Via", str(self._core.ua.via()))
        retry.headers.set("CSeq", f"{invite.cseq.number + 1} INVITE")
        for name, value in request_headers(interval, interval):
            retry.headers.set(name, value)
        return retry

    def _retarget(self, invite: SipRequest, target: SipUri) -> SipRequest:
        """The same call sent to a new target (RFC 3261 §8.1.3.4): new branch, next CSeq."""
        retry = SipRequest(
            headers=invite.headers.copy(), method="INVITE", uri=target, body=invite.body
        )
        retry.headers.set("Via", str(self._core.ua.via()))
        retry.headers.set("CSeq", f"{invite.cseq.number + 1} INVITE")
        retry.headers.remove("Authorization")
        retry.headers.remove("Proxy-Authorization")
        return retry

    def _provisional(self, session: CallSession, response: SipResponse) -> None:
        session.provisional_seen = True
        if session.cancel is Cancel.WAITING:
            self.send_cancel(session)  # the user hung up before the first 1xx
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
            self._core.spawn(self._early_answer(session, response.text_body, reliable=reliable))
        if session.state is CallState.INITIALIZED:
            session.move(CallState.RINGING)
            self._core.emit("onCallRemoteRinging", session.info())

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
            self._core.ua.via(),
            extra_headers=[("RAck", f"{rseq} {session.invite.cseq.number} INVITE")],
        )
        self._core.spawn(self._send_prack(prack))

    async def _send_prack(self, prack: SipRequest) -> None:
        try:
            response = await self._core.ua.request(prack, timeout=32)
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

    def send_cancel(self, session: CallSession) -> None:
        """CANCEL the outgoing INVITE now if a provisional response allows it, else as soon
        as one arrives (:meth:`_provisional`); a 200 that crosses it gets ACK + BYE."""
        if session.cancel is Cancel.SENT:
            return
        if session.invite is None or not session.provisional_seen:
            session.cancel = Cancel.WAITING
            return
        session.cancel = Cancel.SENT
        self._core.spawn(self._cancel(session.invite))

    async def _cancel(self, invite: SipRequest) -> None:
        try:
            await self._core.ua.request(build_cancel(invite), timeout=10)
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
        ack = dialog.create_request("ACK", self._core.ua.via(), cseq=invite.cseq.number)
        self._core.ua.send(ack)
        uuid = response.headers.get("X-Calluuid")
        if uuid:
            session.call_uuid = uuid
        if session.is_over:
            # CANCEL crossed the 200 OK: the call exists now, end it with a BYE (§9.1).
            self._core.spawn(self._core.bye(dialog))
            return
        try:
            assert session.media is not None
            if not session.answer_applied:
                await session.media.accept_answer(response.text_body)
        except (MediaError, AssertionError) as exc:
            log.error("cannot use the answer SDP: %s", exc)
            self._core.spawn(self._core.bye(dialog))
            self._core.fail(session, "Incompatible SDP", 488, local=True)
            return
        session.peer_allows_update = allows_update(response)
        try:
            negotiated = from_response(response)
        except SessionTimerError as exc:
            log.warning("no session timer: %s", exc)
            negotiated = None
        self._on_answered(session, negotiated)


def _redirect_target(response: SipResponse) -> SipUri | None:
    try:
        contacts = response.contacts
    except SipParseError:
        return None
    for contact in contacts:
        if isinstance(contact.uri, SipUri):
            return contact.uri
    return None


def _longer_interval(invite: SipRequest, response: SipResponse) -> int | None:
    try:
        asked = session_expires(invite)
    except SessionTimerError:
        asked = None
    return longer_interval_than(asked.interval if asked else 0, response)
