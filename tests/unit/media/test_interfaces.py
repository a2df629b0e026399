"""Host-candidate restriction: ICE offers only the chosen addresses, per task."""

from __future__ import annotations

import aioice.ice
import pytest

from webphone.media.interfaces import host_addresses, resolve_allowed


def test_loopback_can_be_chosen_although_aioice_skips_it() -> None:
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False)
    with host_addresses(["127.0.0.1"]):
        assert aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False) == ["127.0.0.1"]
        assert aioice.ice.get_host_addresses(use_ipv4=False, use_ipv6=True) == []
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False)


def test_interface_names_expand_to_their_addresses() -> None:
    assert "127.0.0.1" in resolve_allowed(["lo"])


def test_unknown_interface_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="neither an IP address nor a network interface"):
        resolve_allowed(["no-such-nic0"])


async def test_offer_carries_only_loopback_candidates() -> None:
    from aiortc import RTCConfiguration, RTCPeerConnection

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    try:
        pc.addTransceiver("audio", direction="sendrecv")
        with host_addresses(["127.0.0.1"]):
            await pc.setLocalDescription(await pc.createOffer())
        candidates = [
            x for x in pc.localDescription.sdp.splitlines() if x.startswith("a=candidate")
        ]
        assert candidates and all(" 127.0.0.1 " in c for c in candidates)
    finally:
        await pc.close()
