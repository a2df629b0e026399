"""Hanging up while a plain phone rings behind the WebRTC gateway stops its ringing at
once (issue 15: CANCEL after the first 18x; test_gateway.py covers the hang-up after
100 Trying, before any 18x).

The callee is baresip answering by hand (tests/rig/gateway.py): it rings (180 through
Kamailio) until the test accepts or the caller cancels. baresip 1.0 reports a CANCEL and
a BYE alike ("Connection reset by peer"), so that it was a CANCEL, and that the phone
answered it, is read from the gateway's log of the requests and replies it relayed.
Webphone and its fixtures are test_gateway.py's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from scripted_server import wait_for
from test_gateway import (  # the gateway tests' Webphone and its fixtures
    Webphone,
    sources,  # noqa: F401
    webphone,  # noqa: F401
)
from tests.rig.gateway import Baresip, Gateway

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(60)]

#: How soon the phone must stop ringing after the hang-up (a CANCEL through a proxy on
#: loopback takes milliseconds; a call that rang on would close only at its timeout).
STOPS_WITHIN = 2.0


async def test_hang_up_while_the_plain_phone_rings_stops_its_ringing(
    webphone: Callable[..., Awaitable[Webphone]],  # noqa: F811
    plain_phones: Callable[..., Awaitable[Baresip]],
    sources: dict[str, Path],  # noqa: F811
    gateway: Gateway,
) -> None:
    desk = await plain_phones("ringer", sources["baresip"], answermode="manual")
    alice = await webphone()
    log_start = len(gateway.sip_log())
    assert await alice.client.call("ringer")
    await desk.event("CALL_INCOMING")
    await alice.seen("onCallRemoteRinging")
    hung_up = time.monotonic()
    assert await alice.client.hangup()
    assert alice.of("onCallFailed")[0][0] == "Canceled"
    closed = await desk.event("CALL_CLOSED", timeout=STOPS_WITHIN + 1)
    stopped = time.monotonic() - hung_up
    assert stopped < STOPS_WITHIN, f"the phone rang on for {stopped:.1f} s after the hang-up"
    assert closed["param"] == "Connection reset by peer", closed
    assert "CALL_ESTABLISHED" not in desk.types(), desk.types()

    def relayed() -> str:
        return gateway.sip_log()[log_start:]

    # The phone's replies reach the gateway's log about when its event reaches us.
    ended = r"reply 487 Request Terminated to INVITE from udp:"
    try:
        await wait_for(lambda: bool(re.search(ended, relayed())), timeout=2)
    except AssertionError:
        raise AssertionError(f"no 487 from the phone:\n{relayed()}") from None
    assert re.search(r"req CANCEL sip:ringer@\S+ from sip:alice@", relayed()), relayed()
    assert re.search(r"reply 200 OK to CANCEL from udp:", relayed()), "the phone took the CANCEL"
    assert not re.search(r"reply 200 OK to INVITE|req BYE sip:ringer@", relayed()), relayed()
    assert alice.of("onCallAnswered") == [] and alice.of("onCallTerminated") == []
