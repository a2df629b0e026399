"""A call whose far end vanishes (its media stops arriving, no BYE) is ended by the media
timeout with a BYE and a clear reason; ``disableRtpTimeOut`` keeps it up.

The far end "vanishes" the way a crashed or unplugged peer does: every UDP datagram in
the test's network namespace is dropped by nftables (media and ICE checks both ways),
while the signalling (WebSocket over TCP to Kamailio) still works, so the BYE arrives.
The timeout is shortened to 3 s through its module constant.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.integration.fault_scenarios import Phone, make_phone, media_flows, wait_for
from tests.rig.kamailio import _missing

from webphone.sdk.core import media_timeout

pytestmark = pytest.mark.timeout(60)

LIMIT = 3.0
TABLE = "webphone_media_drop"


@pytest.fixture
def drop_udp() -> Iterator[Callable[[], None]]:
    """``drop_udp()`` drops every UDP datagram from then on; removed after the test."""
    nft = shutil.which("nft") or ("/usr/sbin/nft" if Path("/usr/sbin/nft").exists() else None)
    if nft is None:
        _missing("nftables (nft) is not installed: run tests/rig/ensure_system.sh")
    if [name for _, name in socket.if_nameindex()] != ["lo"]:
        _missing("needs root in a loopback-only network namespace (unshare -n)")

    def run(*args: str) -> None:
        subprocess.run([str(nft), *args], check=True, capture_output=True, timeout=10)

    def drop() -> None:
        run("add", "table", "inet", TABLE)
        run("add", "chain", "inet", TABLE, "in", "{ type filter hook input priority -5; }")
        run("add", "rule", "inet", TABLE, "in", "meta", "l4proto", "udp", "drop")

    yield drop
    with contextlib.suppress(subprocess.CalledProcessError):
        run("delete", "table", "inet", TABLE)


def reasons(phone: Phone) -> list[tuple[str, str]]:
    ended = [args[0] for name, args in phone.events if name == "onCallTerminated"]
    return [(info["originator"], info["reason"]) for info in ended]


async def answered_call(kamailio: Any) -> tuple[Phone, Phone]:
    alice = make_phone(kamailio, "alice", secure=False, tone=440)
    bob = make_phone(kamailio, "bob", secure=True, tone=880)
    assert await alice.client.login(alice.user, alice.password)
    assert await bob.client.login(bob.user, bob.password)
    assert await alice.client.call(bob.user)
    await wait_for(lambda: bob.count("onIncomingCall") == 1, 10, "bob rings")
    assert await bob.client.answer()
    await media_flows(alice)
    await media_flows(bob)
    return alice, bob


async def test_a_far_end_that_stops_sending_is_hung_up(
    kamailio: Any, drop_udp: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media_timeout, "MEDIA_TIMEOUT", LIMIT)
    alice, bob = await answered_call(kamailio)
    # bob keeps his side up, as a phone without the timeout would: alice's ends it.
    bob.client.options["disableRtpTimeOut"] = True
    try:
        drop_udp()
        gone = time.monotonic()
        await wait_for(lambda: alice.count("onCallTerminated") == 1, 15, "alice's call ends")
        took = time.monotonic() - gone
        assert reasons(alice) == [("local", media_timeout.reason(LIMIT))]
        assert reasons(alice)[0][1] == "Media timeout: nothing received for 3 s"
        assert alice.client.get_current_session() is None
        # Not before the limit; within a few looks after it.
        assert LIMIT <= took < LIMIT + 3, took
        # The BYE reached bob, whose own timeout was off: his call was still up.
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 10, "the BYE reaches bob")
        assert reasons(bob) == [("remote", "Terminated")]
        print(f"\nfar end silent: call ended {took:.1f} s later (limit {LIMIT:g} s)")
    finally:
        await alice.client.close()
        await bob.client.close()


async def test_disable_rtp_timeout_keeps_a_silent_call(
    kamailio: Any, drop_udp: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(media_timeout, "MEDIA_TIMEOUT", LIMIT)
    alice, bob = await answered_call(kamailio)
    alice.client.options["disableRtpTimeOut"] = True
    try:
        drop_udp()
        # bob's timeout is on: his call ends after the limit, and by then alice's (as
        # silent as his, for as long) would have ended too; it is the BYE that ends it.
        await wait_for(lambda: bob.count("onCallTerminated") == 1, 15, "bob's call ends")
        assert reasons(bob) == [("local", media_timeout.reason(LIMIT))]
        await wait_for(lambda: alice.count("onCallTerminated") == 1, 10, "the BYE reaches alice")
        assert reasons(alice) == [("remote", "Terminated")]
    finally:
        await alice.client.close()
        await bob.client.close()
