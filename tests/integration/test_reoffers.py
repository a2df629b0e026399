"""Offers the far end makes inside an answered call, as a plain phone behind a gateway or a
server refreshing its session timer does: a re-INVITE without SDP (our 200 carries an
offer on the same connection, its ACK the answer), an UPDATE without SDP (a refresh) and
an UPDATE holding the call (answered recvonly on the same connection). The far end is a
scripted SIP peer whose media is a real aiortc session, so audio is checked throughout."""

from __future__ import annotations

import re

import pytest
from scripted_phone import Phone, answered_call

pytestmark = pytest.mark.timeout(60)


def _identity(sdp: str) -> list[str]:
    return sorted(re.findall(r"^a=(?:ice-ufrag|fingerprint):.*?\r?$", sdp, re.MULTILINE))


def _direction(sdp: str) -> str:
    match = re.search(r"^a=(sendrecv|sendonly|recvonly|inactive)\r?$", sdp, re.MULTILINE)
    assert match, sdp
    return match.group(1)


async def test_offerless_reinvite_and_updates_keep_the_media_up() -> None:
    phone = Phone()
    async with phone.server:
        client, first_offer = await answered_call(phone)
        try:
            # A session-timer refresh by UPDATE, no SDP: a plain 200.
            update = await phone.send("UPDATE")
            assert (await phone.response_to(update)).status == 200
            # A re-INVITE without SDP: our 200 offers on the same connection.
            reinvite = await phone.send("INVITE")
            ok = await phone.response_to(reinvite)
            assert ok.status == 200
            offer = ok.text_body
            assert _identity(offer) == _identity(first_offer), "same ICE and DTLS"
            assert phone.media.keeps_transport(offer)
            answer = await phone.media.accept_reoffer(offer)
            await phone.send("ACK", sdp=answer, cseq=reinvite.cseq.number)
            await phone.hears_audio()
            # An UPDATE that holds the call: answered recvonly, on the same connection.
            hold_transceiver = phone.media.pc.getTransceivers()[0]
            hold_transceiver.direction = "sendonly"
            await phone.media.pc.setLocalDescription(await phone.media.pc.createOffer())
            assert phone.media.pc.localDescription is not None
            hold = await phone.send("UPDATE", sdp=phone.media.pc.localDescription.sdp)
            held = await phone.response_to(hold)
            assert held.status == 200
            assert _direction(held.text_body) == "recvonly"
            assert _identity(held.text_body) == _identity(first_offer)
            assert client.calls.current is not None, "the call is still up"
        finally:
            await client.close()
            await phone.media.close()
