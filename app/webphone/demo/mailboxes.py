"""Voicemail boxes of the local demo service and their message-summary NOTIFYs (RFC 3842).

Part of the embedded *demo/test* service; real deployments use a real voicemail server.
Pure logic: each method returns the :class:`~.proxy.Delivery` list to send.

* A user's ``SUBSCRIBE`` (``Event: message-summary``) to their own address is answered
  here (200 with ``Expires``, at most :data:`MAX_EXPIRES`), followed by a NOTIFY with the
  box's state; a refresh in the dialog gets both again; ``Expires: 0`` ends it with a
  ``terminated;reason=timeout`` NOTIFY. Someone else's box: 403.
* When the box changes (the ``voicemail`` bot took a message, or the user heard them),
  every live subscription of the user gets a NOTIFY; a user with none gets an
  unsolicited NOTIFY (no dialog, as Asterisk sends them) at each registered device.
* Subscriptions live as long as their grant or their connection, whichever ends first;
  an expired one is dropped silently when next looked at (no timer of its own).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..sip.headers import Headers, NameAddr, Via
from ..sip.ids import new_branch, new_call_id, new_tag
from ..sip.message import SipRequest, SipResponse, make_response
from ..sip.message_summary import CONTENT_TYPE, EVENT, MessageSummary, format_message_summary
from ..sip.uri import SipUri, Uri
from .proxy import Delivery
from .registrar import SERVER_HEADER, Registrar

__all__ = ["MAILBOX_USER", "MAX_EXPIRES", "Mailboxes"]

#: The mailbox's own address (``Message-Account``): calling it is calling the bot.
MAILBOX_USER = "voicemail"
MAX_EXPIRES = 3600


@dataclass
class _Subscription:
    user: str
    connection: str
    call_id: str
    local_tag: str  # ours (the To tag of our 2xx)
    subscriber: NameAddr  # the SUBSCRIBE's From, with its tag: our NOTIFYs' To
    target: Uri  # the subscriber's Contact: our NOTIFYs' request-URI
    expires_at: float
    cseq: int = 0


class Mailboxes:
    """Message counts per user and who is subscribed to them."""

    def __init__(
        self,
        registrar: Registrar,
        *,
        via: Callable[[], Via],
        contact: Callable[[], str],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.registrar = registrar
        self._via = via
        self._contact = contact
        self.clock = clock
        self.boxes: dict[str, tuple[int, int]] = {}  # user -> (new, old)
        self._subs: dict[tuple[str, str], _Subscription] = {}  # (Call-ID, our tag)
        self._ids = itertools.count(1)

    @property
    def account(self) -> str:
        return f"sip:{MAILBOX_USER}@{self.registrar.domain}"

    def summary(self, user: str) -> MessageSummary:
        new, old = self.boxes.get(user, (0, 0))
        return MessageSummary(new > 0, self.account, new, old)

    # -- the box changes ----
    def leave_message(self, user: str) -> list[Delivery]:
        new, old = self.boxes.get(user, (0, 0))
        self.boxes[user] = (new + 1, old)
        return self._tell(user)

    def mark_heard(self, user: str) -> list[Delivery]:
        new, old = self.boxes.get(user, (0, 0))
        self.boxes[user] = (0, old + new)
        return self._tell(user)

    def _tell(self, user: str) -> list[Delivery]:
        subs = self._live(user)
        if subs:
            return [self._notify(sub, "active") for sub in subs]
        deliveries = []
        for binding in self.registrar.bindings(user):
            request = self._request(
                binding.uri,
                from_=NameAddr(
                    SipUri(self.registrar.domain, MAILBOX_USER), params={"tag": new_tag()}
                ),
                to=NameAddr(SipUri(self.registrar.domain, user)),
                call_id=new_call_id(),
                cseq=1,
                user=user,
                state=None,
            )
            deliveries.append(Delivery(binding.connection, request))
        return deliveries

    def _live(self, user: str) -> list[_Subscription]:
        now = self.clock()
        for key, sub in list(self._subs.items()):
            if sub.expires_at <= now:
                del self._subs[key]
        return [sub for sub in self._subs.values() if sub.user == user]

    def connection_closed(self, connection: str) -> None:
        for key, sub in list(self._subs.items()):
            if sub.connection == connection:
                del self._subs[key]

    # -- SUBSCRIBE ----
    def subscribe(self, source: str, request: SipRequest, user: str) -> list[Delivery]:
        """A SUBSCRIBE from *source*, whose From is the proven *user*."""
        expires = request.expires
        expires = MAX_EXPIRES if expires is None else min(expires, MAX_EXPIRES)
        to_tag = request.to.tag
        if to_tag is None:
            owner = self.registrar.local_user(request.uri)
            if owner != user:
                return [Delivery(source, self._response(request, 403, "Forbidden (not your box)"))]
            contacts = request.contacts
            if not contacts:
                return [Delivery(source, self._response(request, 400, "Bad Request (Contact)"))]
            sub = _Subscription(
                user=user,
                connection=source,
                call_id=request.call_id,
                local_tag=new_tag(),
                subscriber=request.from_,
                target=contacts[0].uri,
                expires_at=self.clock() + expires,
            )
            self._subs[(sub.call_id, sub.local_tag)] = sub
        else:
            found = self._subs.get((request.call_id, to_tag))
            if found is None or found.connection != source:
                return [Delivery(source, self._response(request, 481))]
            sub = found
            sub.expires_at = self.clock() + expires
        response = make_response(request, 200, to_tag=sub.local_tag)
        response.headers.add("Expires", str(expires))
        response.headers.add("Contact", self._contact())
        response.headers.add("Server", SERVER_HEADER)
        if expires == 0:
            del self._subs[(sub.call_id, sub.local_tag)]
            return [Delivery(source, response), self._notify(sub, "terminated;reason=timeout")]
        return [Delivery(source, response), self._notify(sub, "active")]

    # -- NOTIFY ----
    def _notify(self, sub: _Subscription, state: str) -> Delivery:
        sub.cseq += 1
        if state == "active":
            left = max(0, int(sub.expires_at - self.clock()))
            state = f"active;expires={left}"
        request = self._request(
            sub.target,
            from_=NameAddr(SipUri(self.registrar.domain, sub.user), params={"tag": sub.local_tag}),
            to=sub.subscriber,
            call_id=sub.call_id,
            cseq=sub.cseq,
            user=sub.user,
            state=state,
        )
        return Delivery(sub.connection, request)

    def _request(
        self,
        uri: Uri,
        *,
        from_: NameAddr,
        to: NameAddr,
        call_id: str,
        cseq: int,
        user: str,
        state: str | None,
    ) -> SipRequest:
        via = self._via()
        via.params["branch"] = new_branch()
        headers = Headers()
        headers.add("Via", str(via))
        headers.add("Max-Forwards", "70")
        headers.add("From", str(from_))
        headers.add("To", str(to))
        headers.add("Call-ID", call_id)
        headers.add("CSeq", f"{cseq} NOTIFY")
        headers.add("Contact", self._contact())
        headers.add("Event", EVENT)
        if state is not None:
            headers.add("Subscription-State", state)
        headers.add("Content-Type", CONTENT_TYPE)
        body = format_message_summary(self.summary(user)).encode()
        return SipRequest(headers=headers, method="NOTIFY", uri=uri, body=body)

    def _response(self, request: SipRequest, status: int, reason: str | None = None) -> SipResponse:
        response = make_response(request, status, reason, to_tag=new_tag())
        response.headers.add("Server", SERVER_HEADER)
        return response
