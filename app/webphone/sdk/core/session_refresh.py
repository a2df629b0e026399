"""Session timers in a call (RFC 4028): arming a call's timer from what was negotiated,
refreshing the session when we are the refresher, ending the call when the peer that
should refresh does not, and the timer part of our answers to the peer's refreshes."""

from __future__ import annotations

import asyncio
import random

from ...media.config import MediaError
from ...sip.message import SipRequest, SipResponse
from .call import CallSession, CallState
from .call_core import CallCore
from .log import get_logger
from .session_timer import (
    Answer,
    Negotiated,
    SessionTimer,
    SessionTimerError,
    TooSmall,
    answer_request,
    from_response,
    min_se,
    request_headers,
)
from .useragent import RequestTimeout

log = get_logger("webphone.sdk.core.calls")

#: onCallTerminated reasons of a session timer (RFC 4028 §10): the peer, which had to
#: refresh, did not; or our refresh found the peer gone (408, 481, no answer).
SESSION_EXPIRED = "Session timer expired"
REFRESH_FAILED = "Session refresh failed"
#: How many times one INVITE or refresh is retried with a longer interval after a 422.
MAX_INTERVAL_RETRIES = 2
#: How many times one refresh is sent again after 491 Request Pending (RFC 3261 §14.1).
MAX_GLARE_RETRIES = 2


class SessionRefresher:
    """The session timers of one client's calls."""

    def __init__(self, core: CallCore) -> None:
        self._core = core

    def start(self, session: CallSession, negotiated: Negotiated | None) -> None:
        """(Re)arm the call's session timer after a refresh with *negotiated*'s outcome."""
        if session.timer is None:
            if negotiated is None:
                return
            session.timer = SessionTimer(
                self._core.ua.layer.scheduler,
                on_refresh=lambda: self._core.spawn(self._refresh(session)),
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
            self.start(session, answer.timer)
        elif session.timer is not None:
            session.timer.restart()

    def _expired(self, session: CallSession) -> None:
        """The peer had to refresh and did not (RFC 4028 §10): BYE, and tell the user."""
        if session.is_over or session.dialog is None:
            return
        log.warning("call %s: no session refresh from the peer; ending it", session.call_uuid)
        self._core.end_timed_out(session, SESSION_EXPIRED)

    async def _refresh(self, session: CallSession) -> None:
        """Refresh the session (RFC 4028 §10, we are the refresher): an UPDATE without
        SDP when the peer allows UPDATE, else a re-INVITE with our SDP on the call's own
        peer connection (the same ICE credentials and DTLS fingerprint: gateways drop
        media whose credentials change). 408, 481 or no answer end the call; 422 asks
        again with the longer interval; 405/501 to an UPDATE falls back to re-INVITE;
        491 tries again after a pause; another refusal keeps the call (the peer answered,
        so it is there) and the next refresh comes at the usual time. While disconnected
        nothing is sent: the recovery re-INVITE (:meth:`.MediaRecovery.recover`)
        refreshes the session."""
        timer = session.timer
        if timer is None or timer.negotiated is None:
            return
        interval = timer.negotiated.interval
        method = "UPDATE" if session.peer_allows_update else "INVITE"
        interval_retries = glare_retries = 0
        while not session.is_over and session.dialog is not None:
            if self._core.ua.transport is None:
                # Disconnected: the call's recovery re-INVITE (MediaRecovery.recover) will
                # be the refresh; until then the session is as alive as the peer lets it be.
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
            if response is None and self._core.ua.transport is None:
                continue  # the connection went while we waited: as above
            if response is None or response.status in (408, 481):
                cause = f"{response.status} {response.reason}" if response else "no answer"
                log.warning("call %s: session refresh failed (%s)", session.call_uuid, cause)
                self._core.end_timed_out(session, REFRESH_FAILED)
                return
            if 200 <= response.status < 300:
                if "Allow" in response.headers:
                    session.peer_allows_update = allows_update(response)
                try:
                    negotiated = from_response(response)
                except SessionTimerError as exc:
                    log.warning("refresh 2xx: %s; keeping the interval", exc)
                    negotiated = timer.negotiated
                self.start(session, negotiated)
                return
            if response.status == 422 and interval_retries < MAX_INTERVAL_RETRIES:
                longer = longer_interval_than(interval, response)
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
        contact = self._core.contact()
        if contact is not None:
            extra.append(("Contact", contact))
        request = dialog.create_request(
            method,
            self._core.ua.via(),
            body=body,
            content_type="application/sdp" if body else None,
            extra_headers=extra,
        )
        session.reinvite_pending = method == "INVITE"
        try:
            response = await self._core.ua.request(request, timeout=32)
        except RequestTimeout:
            return None
        finally:
            session.reinvite_pending = False
        if method == "INVITE" and 200 <= response.status < 300:
            self._core.ua.send(
                dialog.create_request("ACK", self._core.ua.via(), cseq=request.cseq.number)
            )
            if media is not None and media is session.media and response.body:
                try:
                    await media.accept_answer(response.text_body)
                except MediaError as exc:
                    log.warning("the refresh's answer is unusable: %s", exc)
        return response


class _NotSent(Exception):
    """A refresh we could not even send (no offer to make): not the peer's doing."""


def allows_update(message: SipRequest | SipResponse) -> bool:
    """Whether *message*'s Allow lists UPDATE (RFC 3311)."""
    return any(method.upper() == "UPDATE" for method in message.headers.values("Allow"))


def longer_interval_than(interval: int, response: SipResponse) -> int | None:
    """The interval a 422 asks for (its Min-SE), None if it asks for nothing longer."""
    try:
        minimum = min_se(response)
    except SessionTimerError as exc:
        log.warning("unusable 422: %s", exc)
        return None
    return minimum if minimum is not None and minimum > interval else None
