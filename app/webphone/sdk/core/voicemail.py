"""The voicemail indicator: a ``message-summary`` subscription (RFC 6665 + RFC 3842).

After login the client subscribes to its own AoR's ``message-summary`` event, refreshes
the subscription before it expires and subscribes again after a reconnect; the state
machine (:mod:`webphone.sip.subscription`) decides when, this module does the I/O.
Each NOTIFY's mailbox state becomes ``client.voicemail`` and an ``onVoicemail`` event (a
Webphone extension, not in the Browser SDK's contract)::

    {"messagesWaiting": True, "newMessages": 2, "oldMessages": 1,
     "urgentNewMessages": 0, "urgentOldMessages": 0, "account": "sip:*97@example.com"}

NOTIFYs out of any dialog (Asterisk's unsolicited MWI, sent with no SUBSCRIBE) are
accepted too. A NOTIFY whose body is malformed is answered ``200`` all the same, with a
warning naming the fault, and the last good state is kept: a ``400`` would make the
notifier end the subscription (RFC 6665 §4.2.2), and one bad body is no reason to lose
the next good one. A NOTIFY of a dialog that is not ours gets ``481``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Protocol

from ...sip.auth import AuthRetryPolicy, DigestSession, bearer_authorization
from ...sip.dialog import Dialog, DialogError, DialogState
from ...sip.errors import SipParseError
from ...sip.headers import NameAddr
from ...sip.ids import new_call_id, new_tag
from ...sip.message import SipRequest, SipResponse
from ...sip.message_summary import (
    CONTENT_TYPE,
    EVENT,
    MessageSummary,
    MessageSummaryError,
    parse_message_summary,
)
from ...sip.subscription import (
    Action,
    Arm,
    Disarm,
    GiveUp,
    Send,
    SubscriberMachine,
    SubscriberState,
    SubscriptionStateHeader,
)
from ...sip.transaction import Cancellable, Scheduler, ServerTransaction
from .challenge import answer_challenge
from .log import get_logger
from .registration import PasswordCredentials, Registration, TokenCredentials
from .useragent import ALLOW, RequestTimeout, UserAgent

log = get_logger(__name__)

#: What we ask for (s); servers commonly grant 3600 or less.
SUBSCRIBE_EXPIRES = 3600
#: How long an unsubscribe on logout may hold the logout up (s).
UNSUBSCRIBE_TIMEOUT = 2.0
REQUEST_TIMEOUT = 32.0


class _LoopScheduler:
    def call_later(self, delay: float, callback: Callable[[], None], /) -> Cancellable:
        return asyncio.get_running_loop().call_later(delay, callback)


class Emit(Protocol):
    def __call__(self, event: str, *args: Any) -> None: ...


class VoicemailSubscription:
    """One account's message-summary subscription and the last mailbox state."""

    def __init__(
        self,
        ua: UserAgent,
        *,
        registration: Callable[[], Registration | None],
        emit: Emit,
        scheduler: Scheduler | None = None,
        expires: int = SUBSCRIBE_EXPIRES,
    ) -> None:
        self.ua = ua
        self._registration = registration
        self._emit = emit
        self._scheduler = scheduler or _LoopScheduler()
        self.machine = SubscriberMachine(expires)
        self.summary: MessageSummary | None = None
        self.subscribe_count = 0  # SUBSCRIBEs sent (tests check that nothing storms)
        self._timer: Cancellable | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._digest = DigestSession()
        # The current subscription: its Call-ID and our tag identify its NOTIFYs, even one
        # that overtakes the SUBSCRIBE's 2xx (RFC 6665 §4.1.2.4).
        self._call_id = ""
        self._local_tag = ""
        self._cseq = 0
        self.dialog: Dialog | None = None

    @property
    def state(self) -> SubscriberState:
        return self.machine.state

    # -- lifecycle (the client calls these) ----
    def start(self) -> None:
        """Subscribe: after login and after each reconnect's REGISTER."""
        self._run(self.machine.start())

    def connection_lost(self) -> None:
        self._run(self.machine.connection_lost())
        self.dialog = None

    async def stop(self) -> None:
        """Logging out: unsubscribe while the connection still carries it."""
        actions = self.machine.stop()
        self._run([a for a in actions if not isinstance(a, Send)])
        # Only in the dialog: with none, an Expires 0 SUBSCRIBE would be a new one-off fetch.
        unsubscribe = any(isinstance(a, Send) for a in actions) and self.dialog is not None
        if unsubscribe and self.ua.transport is not None:
            task = asyncio.ensure_future(self._subscribe(0, fresh=False, report=False))
            try:
                await asyncio.wait_for(task, UNSUBSCRIBE_TIMEOUT)
            except (TimeoutError, RequestTimeout):
                log.debug("voicemail: the unsubscribe went unanswered")
        for task in list(self._tasks):
            task.cancel()
        self.dialog = None
        self.summary = None

    # -- actions ----
    def _run(self, actions: list[Action]) -> None:
        for action in actions:
            if isinstance(action, Disarm | Arm) and self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if isinstance(action, Arm):
                self._timer = self._scheduler.call_later(action.delay, self._timer_fired)
            elif isinstance(action, Send):
                self._spawn(self._subscribe(action.expires, fresh=action.fresh))
            elif isinstance(action, GiveUp):
                # One line, then silence: no retry storm against a server without MWI.
                log.info("voicemail indicator off: %s", action.why)

    def _timer_fired(self) -> None:
        self._timer = None
        self._run(self.machine.timer())

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro, name="sip-mwi-subscribe")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # -- SUBSCRIBE ----
    async def _subscribe(self, expires: int, *, fresh: bool, report: bool = True) -> None:
        registration = self._registration()
        if registration is None:
            return
        if fresh or self.dialog is None:
            self._call_id = new_call_id()
            self._local_tag = new_tag()
            self._cseq = 0
            self.dialog = None
        policy = AuthRetryPolicy()
        authorization: dict[str, str] = {}
        response: SipResponse | None = None
        for _ in range(4):  # a 407 and a 401, a stale nonce: bounded
            request = self._build(registration, expires, authorization)
            self.subscribe_count += 1
            try:
                response = await self.ua.request(request, timeout=REQUEST_TIMEOUT)
            except RequestTimeout as exc:
                log.debug("voicemail: %s", exc)
                response = None
                break
            credentials = registration.credentials
            if response.status in (401, 407) and isinstance(credentials, PasswordCredentials):
                answer = answer_challenge(
                    response,
                    request,
                    digest=self._digest,
                    policy=policy,
                    username=credentials.username,
                    password=credentials.password,
                )
                if answer is not None:
                    authorization[answer[0]] = answer[1]
                    continue
            break
        if not report:
            return
        if response is None:
            self._run(self.machine.response(0))
            return
        if 200 <= response.status < 300 and self.dialog is None:
            self.dialog = _dialog(request, response)
        self._run(
            self.machine.response(
                response.status,
                granted=_expires(response),
                retry_after=_retry_after(response),
            )
        )

    def _build(
        self, registration: Registration, expires: int, authorization: dict[str, str]
    ) -> SipRequest:
        headers: list[tuple[str, str]] = [
            ("Event", EVENT),
            ("Accept", CONTENT_TYPE),
            ("Expires", str(expires)),
            ("Contact", f"<{registration.contact_uri}>"),
            ("Allow", ALLOW),
        ]
        credentials = registration.credentials
        if isinstance(credentials, TokenCredentials):
            headers.append(("Authorization", bearer_authorization(credentials.token.raw)))
        else:
            headers.extend(authorization.items())
        if self.dialog is not None:
            return self.dialog.create_request("SUBSCRIBE", self.ua.via(), extra_headers=headers)
        self._cseq += 1
        aor = registration.aor
        return self.ua.build_request(
            "SUBSCRIBE",
            aor,
            from_=NameAddr(aor, params={"tag": self._local_tag}),
            to=NameAddr(aor),
            call_id=self._call_id,
            cseq=self._cseq,
            extra_headers=headers,
        )

    # -- NOTIFY ----
    def on_notify(self, transaction: ServerTransaction) -> None:
        """A ``message-summary`` NOTIFY: in our subscription's dialog, or unsolicited."""
        request = transaction.request
        to_tag = request.to.tag
        ours = bool(self._call_id) and (
            request.call_id == self._call_id and to_tag == self._local_tag
        )
        if to_tag is not None and not ours:
            transaction.respond(transaction.make_response(481))
            return
        if ours and self.dialog is not None:
            try:
                self.dialog.accept_remote_request(request)
            except DialogError as exc:
                transaction.respond(transaction.make_response(500, "Out of Order"))
                log.debug("voicemail: %s", exc)
                return
        transaction.respond(transaction.make_response(200, to_tag=None if to_tag else new_tag()))
        if ours and self.machine.state is SubscriberState.IDLE:
            return  # the last NOTIFY of a subscription we ended (logout): no state to keep
        if ours:
            header = SubscriptionStateHeader.parse(
                request.headers.get("Subscription-State") or "active"
            )
            self._run(self.machine.notify(header))
        self._read_body(request)

    def _read_body(self, request: SipRequest) -> None:
        body = request.text_body
        if not body.strip():
            return  # e.g. the first NOTIFY of a pending subscription: nothing known yet
        content_type = (request.content_type or "").split(";")[0].strip().lower()
        if content_type and content_type != CONTENT_TYPE:
            log.warning("voicemail: ignoring a NOTIFY body of type %s", content_type[:60])
            return
        try:
            summary = parse_message_summary(body)
        except MessageSummaryError as exc:
            log.warning("voicemail: ignoring a malformed message-summary NOTIFY: %s", exc)
            return
        self.summary = summary
        log.info(
            "voicemail: %s (%d new, %d old)",
            "messages waiting" if summary.messages_waiting else "no messages waiting",
            summary.new,
            summary.old,
        )
        self._emit("onVoicemail", summary.as_event())


def _dialog(request: SipRequest, response: SipResponse) -> Dialog | None:
    try:
        dialog = Dialog.from_uac(request, response)
    except (DialogError, SipParseError) as exc:
        # Without a Contact or a To tag no refresh can go in the dialog: refreshes then
        # go out as new subscriptions (the machine still keeps the timing).
        log.debug("voicemail: the SUBSCRIBE's 2xx makes no dialog: %s", exc)
        return None
    dialog.move(DialogState.CONFIRMED)
    return dialog


def _expires(response: SipResponse) -> int | None:
    try:
        return response.expires
    except SipParseError:
        return None


def _retry_after(response: SipResponse) -> int | None:
    value = (response.headers.get("Retry-After") or "").split(";")[0].split("(")[0].strip()
    return int(value) if value.isdigit() else None
