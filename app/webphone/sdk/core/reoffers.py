"""Offers the peer makes inside an answered call: re-INVITE with or without SDP (RFC 3261
§14.2) and UPDATE (RFC 3311). This is how a plain phone holds and resumes through a
gateway, how the peer refreshes a session timer (RFC 4028: every 2xx we send to one is a
refresh, and carries the negotiated Session-Expires) and how a peer that reconnected
moves its media.

A re-offer that keeps the peer's ICE credentials and DTLS fingerprint is answered on the
call's peer connection: gateways such as rtpengine drop the media of a peer whose
credentials change mid-call. Only a peer that restarted ICE gets a new connection, since
aiortc cannot restart ICE on one.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Protocol

from ...media.config import MediaError
from ...sip.message import SipRequest, SipResponse
from ...sip.transaction import ServerTransaction
from .call import CallSession
from .log import get_logger
from .session_timer import Answer

if TYPE_CHECKING:
    from ...media.session import MediaSession

log = get_logger(__name__)


class CallMedia(Protocol):
    """What answering in-dialog offers needs of the call manager."""

    def new_media(self, session: CallSession) -> MediaSession:
        """A fresh peer connection for *session* (muted as the call is)."""

    def swap_media(self, session: CallSession, media: MediaSession) -> None:
        """Make *media* the call's, closing the one it replaces."""

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        """Run *coro* as a task the manager owns."""

    def contact(self) -> str | None:
        """Our Contact header value, None while not registered."""

    def refresh_answer(self, session: CallSession, request: SipRequest) -> Answer:
        """The session timer headers of our 2xx to *request* (RFC 4028 §9)."""

    def refreshed(self, session: CallSession, answer: Answer) -> None:
        """Our 2xx with *answer* went out: the session timer restarts."""


class Reoffers:
    """Answers re-INVITEs and UPDATEs of answered calls; holds the offers we made in a
    2xx to an offerless re-INVITE until the ACK brings the answer."""

    def __init__(self, calls: CallMedia) -> None:
        self._calls = calls
        # Call-ID -> the media whose offer went out in our 2xx, awaiting the ACK's answer.
        self._awaiting_answer: dict[str, MediaSession] = {}

    def on_reinvite(self, transaction: ServerTransaction, session: CallSession) -> None:
        """A re-INVITE in an answered call (its dialog already checked)."""
        self._calls.spawn(self._answer(transaction, session, self._ok(transaction, session)))

    def on_update(self, transaction: ServerTransaction, session: CallSession) -> None:
        """An UPDATE (RFC 3311) in a call's dialog: with SDP an offer, without one a session
        refresh, answered 200 at once."""
        if not transaction.request.body:
            transaction.respond(self._ok(transaction, session))
            self._calls.refreshed(session, self._timer_answer(transaction, session))
            return
        self._calls.spawn(self._answer(transaction, session, self._ok(transaction, session)))

    def on_ack(self, request: SipRequest) -> bool:
        """The ACK of our 2xx to an offerless re-INVITE: its body is the answer. Returns
        whether the ACK belonged to such an exchange."""
        media = self._awaiting_answer.pop(request.call_id, None)
        if media is None:
            return False
        if request.content_type == "application/sdp" and request.body:
            self._calls.spawn(self._apply_answer(media, request.text_body))
        else:
            log.warning("ACK without the answer to our offer: the media stays as it was")
        return True

    def forget(self, call_id: str) -> None:
        """The call ended: drop what was waiting for its ACK."""
        self._awaiting_answer.pop(call_id, None)

    def _ok(self, transaction: ServerTransaction, session: CallSession) -> SipResponse:
        ok = transaction.make_response(200, copy_record_route=True)
        contact = self._calls.contact()
        if contact is not None:
            ok.headers.add("Contact", contact)
        ok.headers.add("Supported", "timer")
        for name, value in self._timer_answer(transaction, session).headers:
            ok.headers.add(name, value)
        return ok

    def _timer_answer(self, transaction: ServerTransaction, session: CallSession) -> Answer:
        return self._calls.refresh_answer(session, transaction.request)

    async def _answer(
        self, transaction: ServerTransaction, session: CallSession, ok: SipResponse
    ) -> None:
        request = transaction.request
        current = session.media
        if not request.body:
            # RFC 3261 §14.2: no offer in the re-INVITE, so our 2xx carries one.
            if current is None:
                transaction.respond(transaction.make_response(488))
            elif await self._respond(transaction, ok, current.create_reoffer(), current, session):
                self._awaiting_answer[request.call_id] = current
            return
        offer = request.text_body
        if current is not None and current.keeps_transport(offer):
            await self._respond(transaction, ok, current.accept_reoffer(offer), current, session)
            return
        media = self._calls.new_media(session)
        await self._respond(transaction, ok, media.accept_offer(offer), media, session)

    async def _respond(
        self,
        transaction: ServerTransaction,
        ok: SipResponse,
        negotiation: Coroutine[Any, Any, str],
        media: MediaSession,
        session: CallSession,
    ) -> bool:
        """Send *ok* with the SDP *negotiation* makes, or 488 if it fails; a new *media*
        replaces the call's once its SDP is out. Returns whether the 200 went."""
        try:
            sdp = await negotiation
        except MediaError as exc:
            log.warning("cannot answer the %s: %s", transaction.request.method, exc)
            if media is not session.media:
                await media.close()
            transaction.respond(transaction.make_response(488))
            return False
        ok.headers.add("Content-Type", "application/sdp")
        ok.body = sdp.encode()
        transaction.respond(ok)
        self._calls.refreshed(session, self._timer_answer(transaction, session))
        if media is not session.media:
            self._calls.swap_media(session, media)
        return True

    async def _apply_answer(self, media: MediaSession, sdp: str) -> None:
        try:
            await media.accept_answer(sdp)
        except MediaError as exc:
            log.warning("the answer in the ACK is unusable: %s", exc)
