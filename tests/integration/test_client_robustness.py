"""Bad input from the server side: garbage frames and malformed SIP never break the client."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scripted_server import ScriptedServer, wait_for

from webphone.sdk import Client

VALID_OPTIONS = (
    "OPTIONS sip:x.invalid SIP/2.0\r\n"
    "Via: SIP/2.0/WS 127.0.0.1:5060;branch=z9hG4bKprobe{n}\r\n"
    "From: <sip:server@example.com>;tag=s{n}\r\n"
    "To: <sip:alice@example.com>\r\n"
    "Call-ID: probe-{n}\r\n"
    "CSeq: 1 OPTIONS\r\n\r\n"
)


async def logged_in_client(server: ScriptedServer) -> Client:
    client = Client(server=server.url, domain="example.com", keepalive_interval=3600)
    assert await client.login("alice", "pw-alice")
    return client


async def still_works(server: ScriptedServer, client: Client, n: int) -> None:
    """The client still answers a well-formed request and is still registered."""
    before = len(server.responses())
    await server.push(VALID_OPTIONS.format(n=n))
    await wait_for(lambda: len(server.responses()) > before)
    assert server.responses()[-1].status == 200
    assert client.is_registered()


async def test_garbage_frames_are_dropped_and_the_client_keeps_working() -> None:
    async with ScriptedServer() as server:
        client = await logged_in_client(server)
        try:
            rng = random.Random(4475)
            for i in range(200):
                await server.push(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 300))))
                if i % 50 == 0:
                    await still_works(server, client, i)
            await server.push("")
            await server.push("\r\n\r\n")
            await server.push("SIP/2.0 200 OK\r\n\r\n")  # a response with no headers at all
            await still_works(server, client, 1000)
        finally:
            await client.close()


async def test_malformed_request_with_readable_headers_gets_400() -> None:
    async with ScriptedServer() as server:
        client = await logged_in_client(server)
        try:
            bad = VALID_OPTIONS.format(n=1).replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS")
            await server.push(bad)
            # The 400 echoes the broken CSeq, so it is checked as text, not parsed.
            await wait_for(lambda: any(f.startswith(b"SIP/2.0 400") for f in server.frames))
            reply = next(f for f in server.frames if f.startswith(b"SIP/2.0 400")).decode()
            assert "CSeq" in reply.splitlines()[0], "the reason phrase names the problem"
            assert "Call-ID: probe-1" in reply
            await still_works(server, client, 2)
        finally:
            await client.close()


async def test_unknown_method_gets_501_and_unknown_dialog_481() -> None:
    async with ScriptedServer() as server:
        client = await logged_in_client(server)
        try:
            await server.push(VALID_OPTIONS.format(n=3).replace("OPTIONS", "FROBNICATE"))
            await wait_for(lambda: any(r.status == 501 for r in server.responses()))
            bye = (
                VALID_OPTIONS.format(n=4)
                .replace("OPTIONS", "BYE")
                .replace("To: <sip:alice@example.com>", "To: <sip:alice@example.com>;tag=nope")
            )
            await server.push(bye)
            await wait_for(lambda: any(r.status == 481 for r in server.responses()))
        finally:
            await client.close()


SIP_PIECES = st.sampled_from(
    [
        "INVITE sip:a@b SIP/2.0\r\n",
        "SIP/2.0 180 Ringing\r\n",
        "Via: SIP/2.0/WS h;branch=z9hG4bKx\r\n",
        "Via: garbage\r\n",
        "From: <sip:a@b>;tag=1\r\n",
        'From: "unterminated <sip:a@b>\r\n',
        "To: <sip:c@d>\r\n",
        "Call-ID: x\r\n",
        "CSeq: 1 INVITE\r\n",
        "CSeq: 99999999999 INVITE\r\n",
        "Content-Length: 10\r\n",
        "Content-Length: -1\r\n",
        "Contact: *\r\n",
        "\r\n",
        " folded\r\n",
        "\x00",
        "\xff",
        "%",
        ":",
        ";",
        "<",
        ">",
        '"',
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(pieces=st.lists(SIP_PIECES, min_size=1, max_size=12))
async def test_fuzzed_sip_from_server_never_breaks_the_client(pieces: list[str]) -> None:
    async with ScriptedServer() as server:
        client = await logged_in_client(server)
        try:
            await server.push("".join(pieces))
            await still_works(server, client, 7)
        finally:
            await client.close()
