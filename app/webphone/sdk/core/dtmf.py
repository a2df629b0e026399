"""Key presses in a call, both ways: INFO requests (and the remote-audio status a server
may send in one) and the digits the user sends, by INFO or in the media."""

from __future__ import annotations

import re

from ...sip.transaction import ServerTransaction
from .call import CallState
from .call_core import CallCore
from .log import get_logger
from .useragent import RequestTimeout

log = get_logger("webphone.sdk.core.calls")

DTMF_DIGITS = frozenset("0123456789*#")
_DTMF_BODY = re.compile(r"signal\s*=\s*([0-9*#A-Da-d])", re.IGNORECASE)
_DURATION = re.compile(r"duration\s*=\s*(\d+)", re.IGNORECASE)
# INFO bodies of a server that watches the far end's audio (SPEC.md §9.7).
REMOTE_AUDIO_BODIES = {"no-remote-audio": False, "remote-audio": True}


class Dtmf:
    """Key presses for the calls of one client."""

    def __init__(self, core: CallCore) -> None:
        self._core = core

    def on_info(self, transaction: ServerTransaction) -> None:
        """INFO in a call: a key press (``application/dtmf-relay`` or ``application/dtmf``)
        or a server's word on the far end's audio (SPEC.md §9.7)."""
        request = transaction.request
        session = self._core.registry.find_by_dialog(request)
        if session is None:
            transaction.respond(transaction.make_response(481))
            return
        transaction.respond(transaction.make_response(200))
        if request.content_type == "application/dtmf-relay":
            signal = _DTMF_BODY.search(request.text_body)
            if signal:
                duration = _DURATION.search(request.text_body)
                self._core.emit(
                    "onDtmfReceived",
                    {
                        "tone": signal.group(1),
                        "duration": int(duration.group(1)) if duration else 100,
                    },
                )
        elif request.content_type == "application/dtmf":
            tone = request.text_body.strip()
            if tone in DTMF_DIGITS:
                self._core.emit("onDtmfReceived", {"tone": tone, "duration": 100})
        elif request.text_body.strip() in REMOTE_AUDIO_BODIES:
            self._core.emit("remoteAudioStatus", REMOTE_AUDIO_BODIES[request.text_body.strip()])

    async def send(self, digit: object) -> bool:
        """Send one key press in the answered call, as ``dtmfOptions`` say: INFO, or in
        the media (RFC 4733, else the tone itself)."""
        text = str(digit) if isinstance(digit, int | str) and not isinstance(digit, bool) else None
        if text is None or len(text) != 1 or text not in DTMF_DIGITS:
            log.warning("%r is not a valid DTMF digit", digit)
            return False
        session = self._core.registry.current
        if session is None or session.state is not CallState.ANSWERED or session.dialog is None:
            log.warning("Unable to send DTMF: no answered call")
            return False
        kinds = self._core.host.options["dtmfOptions"]["sendDtmfType"]
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
            "INFO", self._core.ua.via(), body=body, content_type="application/dtmf-relay"
        )
        try:
            response = await self._core.ua.request(request, timeout=10)
        except RequestTimeout:
            log.warning("DTMF INFO unanswered")
            return False
        return 200 <= response.status < 300
