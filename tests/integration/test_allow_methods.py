"""``Allow`` lists only what Webphone handles (issue 15): every method its REGISTER, its
INVITE and its 200 to an INVITE advertise gets a real answer from it, not 405 Method Not
Allowed or 501 Not Implemented. A peer that reads our Allow (a gateway choosing UPDATE
for session refreshes, a PBX choosing INFO for DTMF or REFER for a transfer) must be
able to count on it.

The peer is the scripted caller (tests/integration/scripted_caller.py) with real aiortc
media: it registers Webphone, calls it, and sends each advertised method in the answered
call's dialog (OPTIONS also outside it), in an order that keeps the call up until the
BYE.
"""

from __future__ import annotations

import pytest
from scripted_caller import Callee, Caller
from scripted_server import wait_for

from webphone.media.config import MediaConfig
from webphone.media.session import MediaSession
from webphone.media.tracks import GeneratedAudioTrack
from webphone.sip.ids import new_call_id
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)

#: Refused as "not handled" (RFC 3261 §21.4.6, §21.5.2). In a dialog that is up, 481
#: says the same: a method we list but have no handler for gets it there (the user
#: agent's default answer), so the request never reached the call.
NOT_HANDLED = (405, 501)
NOT_IN_DIALOG = 481
#: The bodies that make each request well formed, as a peer would send it.
BODIES = {
    "INFO": ("application/dtmf-relay", "Signal=5\r\nDuration=100\r\n"),
    # A transfer's progress: not its final outcome, which would end the call (and today
    # ends it even with no transfer of ours under way, see the issue note).
    "NOTIFY": ("message/sipfrag;version=2.0", "SIP/2.0 100 Trying\r\n"),
}
EXTRA = {
    "NOTIFY": ["Event: refer", "Subscription-State: active;expires=60"],
    "REFER": ["Refer-To: <sip:dave@example.com>", "Referred-By: <sip:carol@example.com>"],
}
#: In-dialog order: harmless first, then what changes the call, the BYE last. ACK gets
#: no response; CANCEL is tried on its own (it needs a transaction to cancel); REFER ends
#: the call it is sent in, so it gets a call of its own.
ORDER = ["OPTIONS", "INFO", "NOTIFY", "UPDATE", "INVITE", "BYE"]


def allowed(message: SipRequest | SipResponse) -> set[str]:
    return {
        method.strip().upper()
        for value in message.headers.values("Allow")
        for method in value.split(",")
        if method.strip()
    }


async def request(
    caller: Caller, method: str, cseq: int, to_tag: str, sdp: str = ""
) -> SipResponse:
    """*method* in the call's dialog (or outside it, *to_tag* empty), with the headers and
    body a peer would send; Webphone's final response."""
    content_type, body = BODIES.get(method, ("application/sdp" if sdp else "", sdp))
    headers = "".join(f"{h}\r\n" for h in EXTRA.get(method, []))
    tag = f";tag={to_tag}" if to_tag else ""
    text = (
        f"{method} sip:bob@127.0.0.1;transport=ws SIP/2.0\r\n"
        "Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-allow-"
        f"{method.lower()}-{cseq}\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:carol@example.com>;tag=carol\r\n"
        f"To: <sip:bob@example.com>{tag}\r\n"
        f"Call-ID: {caller.call_id if to_tag else 'allow-' + method.lower()}\r\n"
        f"CSeq: {cseq} {method}\r\n"
        "Contact: <sip:carol@127.0.0.1;transport=ws>\r\n"
        + headers
        + (f"Content-Type: {content_type}\r\n" if body else "")
        + f"Content-Length: {len(body.encode())}\r\n\r\n{body}"
    )
    sent = len(caller.server.received)
    await caller.server.push(text)

    def final() -> SipResponse | None:
        return next(
            (
                m
                for m in caller.server.received[sent:]
                if isinstance(m, SipResponse)
                and m.cseq.method == method
                and m.cseq.number == cseq
                and m.status >= 200
            ),
            None,
        )

    await wait_for(lambda: final() is not None, timeout=10)
    response = final()
    assert response is not None
    return response


async def ack(caller: Caller, cseq: int, ok: SipResponse) -> None:
    """ACK a 2xx to the caller's re-INVITE, taking its answer."""
    await caller.media.accept_answer(ok.text_body)
    await caller.server.push(
        "ACK sip:bob@127.0.0.1;transport=ws SIP/2.0\r\n"
        f"Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bK-allow-ack-{cseq}\r\n"
        "Max-Forwards: 70\r\n"
        "From: <sip:carol@example.com>;tag=carol\r\n"
        f"To: {ok.headers.get('To')}\r\n"
        f"Call-ID: {caller.call_id}\r\n"
        f"CSeq: {cseq} ACK\r\n"
        "Content-Length: 0\r\n\r\n"
    )


async def answered(caller: Caller, callee: Callee) -> SipResponse:
    """The caller's new call, answered by Webphone (logged in already); its 200."""
    calls = len(callee.of("onCallAnswered"))
    invite = await caller.invite()
    await wait_for(lambda: len(callee.of("onIncomingCall")) > calls)
    assert await callee.client.answer()
    ok = await caller.final_response(invite)
    assert ok.status == 200, ok
    await caller.ack(invite, ok)
    await wait_for(lambda: len(callee.of("onCallAnswered")) > calls)
    return ok


async def test_every_method_in_our_allow_is_handled() -> None:
    caller = Caller()
    # Webphone's own INVITE (placed below) is refused at once: only its Allow matters.
    answer_call = caller.answer

    def answer(message: SipRequest) -> SipResponse | object:
        if message.method == "INVITE" and message.call_id != caller.call_id:
            return make_response(message, 486)
        return answer_call(message)

    caller.server.answer = answer
    async with caller.server:
        callee = Callee(caller)
        try:
            assert await callee.client.login("bob", "pw-bob")
            register = caller.server.requests("REGISTER")[0]
            assert await callee.client.call("dave")
            await wait_for(lambda: bool(caller.server.requests("INVITE")))
            invite = caller.server.requests("INVITE")[0]
            await wait_for(lambda: callee.client.calls.current is None, timeout=10)
            ok = await answered(caller, callee)
            advertised = {
                "REGISTER": allowed(register),
                "INVITE": allowed(invite),
                "200 to INVITE": allowed(ok),
            }
            for where, listed in advertised.items():
                assert listed, f"no Allow in our {where}"
            methods = set().union(*advertised.values())
            # Any other method is tried plainly, in the dialog before its BYE.
            others = sorted(methods - {*ORDER, "REFER", "ACK", "CANCEL"})
            in_dialog = [m for m in ORDER[:-1] if m in methods] + others + ["BYE"]

            answers: dict[str, int] = {}
            answers["OPTIONS outside a dialog"] = (await request(caller, "OPTIONS", 1, "")).status
            # A CANCEL that matches no transaction: 481, not "CANCEL not handled".
            answers["CANCEL"] = (await request(caller, "CANCEL", 1, "")).status
            to_tag = ok.to.tag
            assert to_tag
            for cseq, method in enumerate(in_dialog, start=2):
                # Each one in a dialog that is still up (the BYE ends it).
                assert callee.of("onCallTerminated") == [], (method, answers)
                sdp = await caller.media.create_reoffer() if method == "INVITE" else ""
                response = await request(caller, method, cseq, to_tag, sdp)
                answers[method] = response.status
                assert response.status != NOT_IN_DIALOG, f"{method} in a live call: {answers}"
                if method == "INVITE" and response.status == 200:
                    await ack(caller, cseq, response)
            if "REFER" in methods:
                # A transfer asked by the peer ends the call too: a second call for it.
                await wait_for(lambda: callee.client.calls.current is None)
                await caller.media.close()
                caller.call_id = new_call_id()
                caller.media = MediaSession(
                    MediaConfig(allowed_addresses=["127.0.0.1"]), GeneratedAudioTrack(440)
                )
                second = await answered(caller, callee)
                assert second.to.tag
                answers["REFER"] = (await request(caller, "REFER", 2, second.to.tag)).status
            refused = {m: s for m, s in answers.items() if s in NOT_HANDLED}
            assert not refused, f"advertised {sorted(methods)} but refused {refused}"
            assert set(answers) >= methods - {"ACK"}, (methods, answers)
            print("answers:", answers)
        finally:
            await callee.client.close()
            await caller.media.close()
