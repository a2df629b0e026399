"""Blind call transfer with REFER (RFC 3515), both ends.

Transferor: ``redirect(uri)`` on an answered call sends REFER and, when the transferee's
NOTIFY reports a 2xx for the new call, ends its own leg with BYE (RFC 5589 §6).
Transferee: a REFER in an answered call is accepted (202), our leg is released (one
answered call at a time), the target is called, and the outcome goes back in NOTIFYs
with ``message/sipfrag`` bodies; after a success the transferor's BYE closes the old
dialog, after a failure we send it, since our leg is gone.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable

from ...sip.dialog import Dialog, DialogState
from ...sip.errors import SipParseError
from ...sip.headers import NameAddr
from ...sip.status import reason_phrase
from ...sip.transaction import ServerTransaction
from ...sip.uri import SipUri
from .call import CallSession, CallState
from .call_core import CallCore
from .log import get_logger
from .useragent import RequestTimeout

log = get_logger("webphone.sdk.core.transfer")

SIPFRAG = "message/sipfrag;version=2.0"
NEW_CALL_TIMEOUT = 60.0  # how long the transferee waits for the target to answer
BYE_GRACE = 32.0  # how long the transferee keeps the old dialog for the transferor's BYE
_STATUS_LINE = re.compile(r"^SIP/2\.0\s+(\d{3})\b")


def sipfrag_status(body: str) -> int | None:
    """The status code of a ``message/sipfrag`` body's status line, if it has one."""
    match = _STATUS_LINE.match(body.lstrip())
    return int(match.group(1)) if match else None


class Transfers:
    """REFER and NOTIFY for the calls of one client."""

    def __init__(self, core: CallCore, place_call: Callable[[str], Awaitable[bool]]) -> None:
        self._core = core
        # The transferee calls the target as the user would (the new call is current).
        self._place_call = place_call
        # Transferee side: old dialogs waiting for the transferor's BYE, by Call-ID.
        self._released: dict[str, Dialog] = {}

    # -- transferor ----
    def refer(self, session: CallSession, target: SipUri) -> None:
        """Asks the far end of the answered *session* to call *target* instead of us."""
        assert session.dialog is not None
        self._core.spawn(self._refer(session, session.dialog, target))

    async def _refer(self, session: CallSession, dialog: Dialog, target: SipUri) -> None:
        registration = self._core.host.registration
        extra = [("Refer-To", f"<{target}>")]
        if registration is not None:
            extra.append(("Referred-By", f"<{registration.aor}>"))
        request = dialog.create_request("REFER", self._core.ua.via(), extra_headers=extra)
        try:
            response = await self._core.ua.request(request, timeout=10)
        except RequestTimeout:
            log.warning("transfer: REFER unanswered; the call goes on")
            return
        if not 200 <= response.status < 300:
            log.warning(
                "transfer refused (%s %s); the call goes on", response.status, response.reason
            )

    def on_notify(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        session = self._core.registry.find_by_dialog(request)
        event = (request.headers.get("Event") or "").split(";")[0].strip().lower()
        if session is None or event != "refer":
            transaction.respond(transaction.make_response(481 if session is None else 489))
            return
        transaction.respond(transaction.make_response(200))
        status = sipfrag_status(request.text_body)
        if status is None or status < 200:
            return
        if status >= 300:
            log.warning("transfer failed at the far end (%s); the call goes on", status)
            return
        if session.state is CallState.ANSWERED and session.dialog is not None:
            self._core.end_answered(session, "local", "Transferred")
            self._core.spawn(self._core.bye(session.dialog))

    # -- transferee ----
    def on_refer(self, transaction: ServerTransaction) -> None:
        request = transaction.request
        session = self._core.registry.find_by_dialog(request)
        if session is None or session.dialog is None:
            transaction.respond(transaction.make_response(481))
            return
        if session is not self._core.registry.current or session.state is not CallState.ANSWERED:
            transaction.respond(transaction.make_response(603))
            return
        try:
            target = NameAddr.parse(request.headers.get("Refer-To") or "").uri
        except (SipParseError, ValueError):
            target = None
        if not isinstance(target, SipUri):
            transaction.respond(transaction.make_response(400, "Bad Refer-To"))
            return
        transaction.respond(transaction.make_response(202))
        self._core.spawn(self._follow(session, session.dialog, target))

    async def _follow(self, session: CallSession, dialog: Dialog, target: SipUri) -> None:
        await self._notify(dialog, 100, active=True)
        # Our leg ends here for the user; the dialog lives on for the NOTIFYs.
        self._core.end_answered(session, "remote", "Transferred")
        self._released[dialog.call_id] = dialog
        placed = await self._place_call(str(target))
        new = self._core.registry.current if placed else None
        status = 503 if new is None else await self._outcome(new)
        await self._notify(dialog, status, active=False)
        if 200 <= status < 300:
            await asyncio.sleep(BYE_GRACE)  # the transferor hangs up (RFC 5589 §6)
        # After a failure our leg is gone already: end the transferor's too.
        if self._released.pop(dialog.call_id, None) is not None:
            await self._core.bye(dialog)

    async def _outcome(self, session: CallSession) -> int:
        """The final status of the new call: 200 once answered, else its failure code."""
        settled: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def watch(state: CallState) -> None:
            if (state is CallState.ANSWERED or session.is_over) and not settled.done():
                settled.set_result(None)

        session.state_listeners.append(watch)
        watch(session.state)
        try:
            await asyncio.wait_for(settled, NEW_CALL_TIMEOUT)
        except TimeoutError:
            return 408
        finally:
            session.state_listeners.remove(watch)
        if session.state is CallState.ANSWERED:
            return 200
        return session.code if 300 <= session.code < 700 else 487

    async def _notify(self, dialog: Dialog, status: int, *, active: bool) -> None:
        state = "active;expires=60" if active else "terminated;reason=noresource"
        body = f"SIP/2.0 {status} {reason_phrase(status)}\r\n".encode()
        request = dialog.create_request(
            "NOTIFY",
            self._core.ua.via(),
            body=body,
            content_type=SIPFRAG,
            extra_headers=[("Event", "refer"), ("Subscription-State", state)],
        )
        try:
            await self._core.ua.request(request, timeout=10)
        except RequestTimeout:
            log.warning("transfer: NOTIFY %s unanswered", status)

    def on_bye(self, transaction: ServerTransaction) -> bool:
        """Answers a BYE for a released (transferred) dialog; False if it is not one."""
        dialog = next((d for d in self._released.values() if d.matches(transaction.request)), None)
        if dialog is None:
            return False
        del self._released[dialog.call_id]
        dialog.move(DialogState.TERMINATED)
        transaction.respond(transaction.make_response(200))
        return True
