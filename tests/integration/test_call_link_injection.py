"""A call link from a web page, dialled through the SDK: the INVITE on the wire carries the
link's number or user@host and nothing else of it (no header, no URI parameter)."""

from __future__ import annotations

import pytest
from scripted_server import ScriptedServer, default_answer, wait_for

from webphone.sdk import Client
from webphone.sdk.api.click_to_call import destination_from_link
from webphone.sip.message import SipRequest, SipResponse, make_response

pytestmark = pytest.mark.timeout(60)

LINKS = [
    (
        "sip:bob@x.example?Subject=Free%20money&Call-Info=%3Chttp://evil.example/%3E"
        "&Route=%3Csip:evil.example;lr%3E&X-Evil=1",
        "sip:bob@x.example",
    ),
    ("sip:bob@x.example;transport=tcp;maddr=evil.example;lr", "sip:bob@x.example"),
    ("sip:bob;maddr=evil.example@x.example:5070", "sip:bob@x.example:5070"),
    ("tel:+15550100;phone-context=evil.example?X-Header=evil", "sip:+15550100@example.com"),
    ("callto:+1 555 0100?Subject=evil", "sip:+15550100@example.com"),
]
# What the SDK itself puts in an INVITE; nothing from a link may add to it.
OWN_HEADERS = {
    "Via",
    "Max-Forwards",
    "From",
    "To",
    "Call-ID",
    "CSeq",
    "User-Agent",
    "Contact",
    "Allow",
    "Supported",
    "Content-Type",
    "Content-Length",
    "Session-Expires",
    "Min-SE",
    "Route",
    "P-Preferred-Identity",
    "X-Plivo-Jwt",
    "Authorization",
}


def busy(request: SipRequest) -> SipResponse:
    if request.method == "INVITE":
        return make_response(request, 486, to_tag="busy")
    return default_answer(request)


async def test_only_the_address_of_a_link_reaches_the_invite() -> None:
    async with ScriptedServer(answer=busy) as server:
        client = Client(server=server.url, domain="example.com", keepalive_interval=3600)
        failed: list[object] = []
        client.on("onCallFailed", lambda cause, *_: failed.append(cause))
        try:
            assert await client.login("alice", "pw-alice")
            for n, (link, request_uri) in enumerate(LINKS, 1):
                destination = destination_from_link(link, client.domain)
                assert await client.call(destination), link
                await wait_for(lambda n=n: len(failed) == n, timeout=15)
                invite = server.requests("INVITE")[-1]
                frame = next(f for f in reversed(server.frames) if f.startswith(b"INVITE "))
                head = frame.split(b"\r\n\r\n", 1)[0].decode()
                assert head.splitlines()[0] == f"INVITE {request_uri} SIP/2.0", link
                assert str(invite.to.uri) == request_uri and not invite.to.params, link
                names = {name for name, _ in invite.headers}
                assert names <= OWN_HEADERS, f"{link}: {names - OWN_HEADERS}"
                assert "Route" not in names, "a link never routes the call"
                for word in ("evil", "Subject", "Call-Info", "X-Header", "X-Evil", "maddr"):
                    assert word.lower() not in head.lower(), f"{link}: {word} on the wire"
        finally:
            await client.close()
