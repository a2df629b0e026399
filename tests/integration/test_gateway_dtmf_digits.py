"""Several DTMF digits in a row reach a plain phone behind the WebRTC gateway, each once
and in order (issue 15): a user typing a PIN or an IVR choice, "12344#*", as RFC 4733
events through rtpengine and as SIP INFO through Kamailio.

The plain phone is baresip (tests/rig/gateway.py); it reports every digit on its control
socket (``CALL_DTMF_START``) and logs which way it came. The digits are checked once the
call is over, so a digit repeated late is counted too. The phone and Webphone fixtures
are test_gateway.py's.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from test_gateway import (  # the gateway tests' Webphone and its fixtures
    Webphone,
    sources,  # noqa: F401
    webphone,  # noqa: F401
)
from tests.rig.gateway import Baresip

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]

DIGITS = "12344#*"  # a digit twice in a row must give two events


@pytest.mark.parametrize(
    ("kind", "codecs", "log_line"),
    [
        # SIP INFO application/dtmf-relay through the proxy.
        ("outband", ("opus", "pcmu"), r"call: received DTMF: '(.)'"),
        # RFC 4733 events in the RTP, on the audio's 8 kHz clock.
        ("inband", ("pcmu",), r"received event: '(.)' \(end=0\)"),
    ],
    ids=["INFO", "RFC4733-pcmu"],
)
async def test_digits_in_a_row_reach_the_plain_phone_once_each_in_order(
    kind: str,
    codecs: tuple[str, ...],
    log_line: str,
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    plain_phones: Callable[..., Awaitable[Baresip]],
    sources: dict[str, Path],  # noqa: F811
) -> None:
    desk = await plain_phones("pin", sources["baresip"], codecs=codecs)
    alice = await webphone(options={"dtmfOptions": {"sendDtmfType": [kind]}})
    assert await alice.client.call("pin")
    await alice.seen("onMediaConnected")
    await desk.event("CALL_ESTABLISHED")
    for digit in DIGITS:  # each returns once sent, as a user presses the next key
        assert await alice.client.send_dtmf(digit), digit
    await desk.event("CALL_DTMF_START", len(DIGITS))
    assert await alice.client.hangup()
    await desk.event("CALL_CLOSED")
    received = "".join(event["param"] for event in desk.of("CALL_DTMF_START"))
    assert received == DIGITS, f"the phone got {received!r} for {DIGITS!r}"
    by_way = "".join(re.findall(log_line, desk.log_text()))
    assert by_way == DIGITS, f"{kind}: the phone logged {by_way!r} the expected way"
