"""The embedded demo service over real WebSockets, driven by hand-built SIP messages:
registrar (digest, stale nonces, bearer tokens, expiry), proxy (MESSAGE, INVITE dialogs with
Record-Route and connection aliases, CANCEL, 404/480, keepalive), robustness, lifecycle."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import signal
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from webphone.demo import ALIAS_PARAM, DemoService
from webphone.sdk.core.token import make_demo_token
from webphone.sip.auth import DigestSession, choose_challenge, parse_challenges
from webphone.sip.headers import NameAddr, Via
from webphone.sip.ids import new_branch, new_call_id, new_tag
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message
from webphone.sip.uri import SipUri, parse_uri

pytestmark = pytest.mark.timeout(30)
APP = Path(__file__).resolve().parents[2] / "app"
Message = SipRequest | SipResponse


async def wait_for(predicate: Callable[[], bool], timeout: float = 2.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


class Peer:
    """A hand-driven SIP-over-WebSocket client for one demo user."""

    def __init__(self, ws: ClientConnection, user: str, domain: str, password: str) -> None:
        self.ws = ws
        self.user = user
        self.domain = domain
        self.password = password
        self.host = secrets.token_hex(4) + ".invalid"
        self.contact = SipUri(
            self.host, f"{user}-{secrets.token_hex(2)}", params={"transport": "ws"}
        )
        self.aor = SipUri(domain, user)
        self.tag = new_tag()
        self.cseq = 0

    @classmethod
    async def connect(cls, demo: DemoService, user: str) -> Peer:
        ws = await connect(demo.url, subprotocols=["sip"])  # type: ignore[list-item]
        return cls(ws, user, demo.domain, demo.accounts.get(user, "nope"))

    async def send(self, message: Message | str | bytes) -> None:
        if isinstance(message, SipRequest | SipResponse):
            await self.ws.send(message.to_bytes().decode())
        else:
            await self.ws.send(message)

    async def recv_frame(self, timeout: float = 2.0) -> str | bytes:
        return await asyncio.wait_for(self.ws.recv(), timeout)

    async def recv(self, timeout: float = 2.0) -> Message:
        return parse_message(await self.recv_frame(timeout))

    async def expect_request(self, method: str) -> SipRequest:
        message = await self.recv()
        assert isinstance(message, SipRequest) and message.method == method, message
        return message

    async def expect_response(self, status: int | None = None) -> SipResponse:
        message = await self.recv()
        assert isinstance(message, SipResponse), message
        assert status is None or message.status == status, message
        return message

    async def nothing(self, timeout: float = 0.2) -> None:
        with pytest.raises(TimeoutError):
            await self.recv_frame(timeout)

    def request(
        self,
        method: str,
        uri: str | SipUri,
        *,
        to: str | None = None,
        to_tag: str | None = None,
        call_id: str | None = None,
        cseq: int | None = None,
        branch: str | None = None,
        extra: tuple[tuple[str, str], ...] = (),
        body: bytes = b"",
        contact: bool = False,
    ) -> SipRequest:
        if cseq is None:
            self.cseq += 1
            cseq = self.cseq
        to_value = f"<{to or uri}>" + (f";tag={to_tag}" if to_tag else "")
        lines = [
            f"{method} {uri} SIP/2.0",
            f"Via: SIP/2.0/WS {self.host};branch={branch or new_branch()}",
            f"From: <{self.aor}>;tag={self.tag}",
            f"To: {to_value}",
            f"Call-ID: {call_id or new_call_id()}",
            f"CSeq: {cseq} {method}",
            "Max-Forwards: 70",
        ]
        if contact:
            lines.append(f"Contact: <{self.contact}>")
        lines += [f"{name}: {value}" for name, value in extra]
        message = parse_message(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        assert isinstance(message, SipRequest)
        return message

    def register_request(
        self, expires: int = 300, extra: tuple[tuple[str, str], ...] = ()
    ) -> SipRequest:
        return self.request(
            "REGISTER",
            f"sip:{self.domain}",
            to=str(self.aor),
            call_id="reg-" + self.tag,
            extra=(("Contact", f"<{self.contact}>"), ("Expires", str(expires)), *extra),
        )

    def answer(
        self, request: SipRequest, challenge: SipResponse, *, password: str | None = None
    ) -> SipRequest:
        proxy = challenge.status == 407
        name = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
        chosen = choose_challenge(parse_challenges(challenge.headers.get_all(name), proxy=proxy))
        value = DigestSession().authorize(
            chosen,
            method=request.method,
            uri=str(request.uri),
            username=self.user,
            password=self.password if password is None else password,
        )
        again = parse_message(request.to_bytes())
        assert isinstance(again, SipRequest)
        self.cseq += 1
        again.headers.set("CSeq", f"{self.cseq} {request.method}")
        again.headers.set("Via", f"SIP/2.0/WS {self.host};branch={new_branch()}")
        again.headers.set("Proxy-Authorization" if proxy else "Authorization", value)
        return again

    async def register(self, expires: int = 300) -> SipResponse:
        request = self.register_request(expires)
        await self.send(request)
        challenge = await self.expect_response(401)
        await self.send(self.answer(request, challenge))
        return await self.expect_response()

    async def close(self) -> None:
        await self.ws.close()


@pytest.fixture
async def demo() -> AsyncIterator[DemoService]:
    async with DemoService() as service:
        yield service


@pytest.fixture
async def alice(demo: DemoService) -> AsyncIterator[Peer]:
    peer = await Peer.connect(demo, "alice")
    assert (await peer.register()).status == 200
    yield peer
    await peer.close()


@pytest.fixture
async def bob(demo: DemoService) -> AsyncIterator[Peer]:
    peer = await Peer.connect(demo, "bob")
    assert (await peer.register()).status == 200
    yield peer
    await peer.close()


def challenges_of(response: SipResponse, proxy: bool = False) -> list[str]:
    return response.headers.get_all("Proxy-Authenticate" if proxy else "WWW-Authenticate")


# -- WebSocket handshake -------------------------------------------------------------------


async def test_sip_subprotocol_is_required(demo: DemoService) -> None:
    assert demo.url.startswith("ws://127.0.0.1:") and demo.domain == "demo.webphone.local"
    with pytest.raises(InvalidStatus) as refused:
        await connect(demo.url)
    assert refused.value.response.status_code == 400
    with pytest.raises(InvalidStatus):
        await connect(demo.url, subprotocols=["chat"])  # type: ignore[list-item]
    peer = await Peer.connect(demo, "alice")
    assert peer.ws.subprotocol == "sip"
    await peer.close()


# -- registrar -----------------------------------------------------------------------------


async def test_challenge_offers_sha256_then_md5(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    await peer.send(peer.register_request())
    response = await peer.expect_response(401)
    values = challenges_of(response)
    assert len(values) == 2
    assert [c.algorithm for c in parse_challenges(values)] == ["SHA-256", "MD5"]
    for value in values:
        assert 'qop="auth"' in value and "opaque=" in value
        assert f'realm="{demo.domain}"' in value
    await peer.close()


async def test_register_and_binding(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    ok = await peer.register(expires=120)
    assert ok.status == 200
    [contact] = [NameAddr.parse(v) for v in ok.headers.values("Contact")]
    assert contact.uri == peer.contact and contact.params["expires"] == "120"
    [binding] = demo.bindings("alice")
    assert binding.contact == str(peer.contact) and 118 <= binding.expires <= 120
    assert binding.connection in demo.connection_ids
    assert demo.register_count("alice") == 1 and demo.connection_count == 1
    await peer.close()


async def test_wrong_password_gets_401_again(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    request = peer.register_request()
    await peer.send(request)
    first = await peer.expect_response(401)
    await peer.send(peer.answer(request, first, password="wrong"))
    again = await peer.expect_response(401)
    chosen = choose_challenge(parse_challenges(challenges_of(again)))
    assert not chosen.stale
    assert chosen.nonce != choose_challenge(parse_challenges(challenges_of(first))).nonce
    assert demo.bindings("alice") == [] and demo.register_count("alice") == 0
    await peer.close()


async def test_unknown_user_is_403(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "mallory")
    request = peer.register_request()
    await peer.send(request)
    await peer.send(peer.answer(request, await peer.expect_response(401), password="guess"))
    await peer.expect_response(403)
    await peer.close()


async def test_stale_nonce() -> None:
    async with DemoService(nonce_lifetime=0.3) as demo:
        peer = await Peer.connect(demo, "alice")
        request = peer.register_request()
        await peer.send(request)
        challenge = await peer.expect_response(401)
        await asyncio.sleep(0.4)
        await peer.send(peer.answer(request, challenge))
        stale = await peer.expect_response(401)
        assert all("stale=true" in v for v in challenges_of(stale))
        assert choose_challenge(parse_challenges(challenges_of(stale))).stale
        await peer.send(peer.answer(request, stale))
        await peer.expect_response(200)
        await peer.close()


async def test_bearer_tokens(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    good = make_demo_token(demo.jwt_secret, sub="alice", iss="tests")
    assert demo.jwt_secret == "webphone-demo-secret"
    await peer.send(peer.register_request(extra=(("Authorization", f"Bearer {good}"),)))
    await peer.expect_response(200)
    assert len(demo.bindings("alice")) == 1
    for token, code in (
        (make_demo_token("not-the-secret", sub="alice", iss="tests"), "10007"),
        (make_demo_token(demo.jwt_secret, sub="alice", iss="tests", lifetime=-60), "10006"),
        (make_demo_token(demo.jwt_secret, sub="nobody", iss="tests"), "10004"),
    ):
        await peer.send(peer.register_request(extra=(("Authorization", f"Bearer {token}"),)))
        refused = await peer.expect_response(403)
        assert refused.headers.get("X-Plivo-Jwt-Error-Code") == code
        assert 'Bearer realm="demo.webphone.local", error="invalid_token"' in (
            refused.headers.get("WWW-Authenticate") or ""
        )
    await peer.close()


async def test_interval_too_brief(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    response = await peer.register(expires=5)
    assert response.status == 423
    assert response.headers.get("Min-Expires") == "10"
    assert (await peer.register(expires=10)).status == 200
    await peer.close()


async def test_unregister_and_binding_dies_with_connection(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "alice")
    await peer.register()
    ok = await peer.register(expires=0)
    assert ok.status == 200 and ok.headers.values("Contact") == []
    assert demo.bindings("alice") == []
    await peer.register()
    assert len(demo.bindings("alice")) == 1
    await peer.close()
    await wait_for(lambda: demo.bindings("alice") == [] and demo.connection_count == 0)


# -- proxy ---------------------------------------------------------------------------------


async def test_options_keepalive(demo: DemoService) -> None:
    peer = await Peer.connect(demo, "carol")  # not registered: keepalive needs no account
    await peer.send(peer.request("OPTIONS", f"sip:{demo.domain}"))
    ok = await peer.expect_response(200)
    assert "REGISTER" in (ok.headers.get("Allow") or "")
    await peer.close()


async def test_404_and_480(demo: DemoService, alice: Peer) -> None:
    await alice.send(alice.request("MESSAGE", f"sip:nobody@{demo.domain}"))
    await alice.expect_response(404)
    await alice.send(alice.request("MESSAGE", f"sip:carol@{demo.domain}"))
    await alice.expect_response(480)


async def test_unregistered_sender_gets_407(demo: DemoService, bob: Peer) -> None:
    carol = await Peer.connect(demo, "carol")
    message = carol.request("MESSAGE", bob.aor, extra=(("Content-Type", "text/plain"),), body=b"hi")
    await carol.send(message)
    challenge = await carol.expect_response(407)
    assert len(challenges_of(challenge, proxy=True)) == 2
    await carol.send(carol.answer(message, challenge))
    received = await bob.expect_request("MESSAGE")
    assert received.body == b"hi" and "Proxy-Authorization" not in received.headers
    await carol.close()


async def test_message_is_routed_byte_for_byte(demo: DemoService, alice: Peer, bob: Peer) -> None:
    body = b"\xff\x00 not UTF-8 \xc3\xa9"
    message = alice.request(
        "MESSAGE",
        bob.aor,
        extra=(("Content-Type", "application/octet-stream"), ("X-PH-Note", "a b; c")),
        body=body,
    )
    await alice.ws.send(message.to_bytes())  # binary frame
    frame = await bob.recv_frame()
    assert isinstance(frame, bytes), "a non-UTF-8 body travels in a binary frame"
    received = parse_message(frame)
    assert isinstance(received, SipRequest)
    assert received.body == body
    assert received.headers.get("X-PH-Note") == "a b; c"
    assert received.uri == bob.contact
    assert received.top_via.params[ALIAS_PARAM] == demo.bindings("alice")[0].connection
    await bob.send(make_response(received, 200, to_tag="b"))
    ok = await alice.expect_response(200)
    assert ok.vias == message.vias


async def test_invite_dialog_through_record_route_and_aliases(
    demo: DemoService, alice: Peer, bob: Peer
) -> None:
    alice_cid = demo.bindings("alice")[0].connection
    bob_cid = demo.bindings("bob")[0].connection
    sdp = b"v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    invite = alice.request(
        "INVITE",
        bob.aor,
        call_id="dialog-1",
        contact=True,
        extra=(("Content-Type", "application/sdp"), ("X-PH-Header1", "v1")),
        body=sdp,
    )
    await alice.send(invite)

    # bob: the INVITE, from the proxy, with Record-Route and alice's Contact aliased
    incoming = await bob.expect_request("INVITE")
    assert incoming.uri == bob.contact
    assert incoming.body == sdp and incoming.headers.get("X-PH-Header1") == "v1"
    [record_route] = incoming.headers.values("Record-Route")
    assert record_route == f"<sip:127.0.0.1:{demo.port};transport=ws;lr>"
    alice_target = NameAddr.parse(incoming.headers.get("Contact") or "").sip_uri
    assert alice_target.params[ALIAS_PARAM] == alice_cid
    assert alice_target.without_params(ALIAS_PARAM) == alice.contact
    assert int(incoming.headers.get("Max-Forwards") or 0) == 69

    ringing = make_response(incoming, 180, to_tag="bobtag", copy_record_route=True)
    ringing.headers.add("Contact", f"<{bob.contact}>")
    await bob.send(ringing)
    got_ringing = await alice.expect_response(180)
    assert got_ringing.vias == invite.vias
    ok = make_response(incoming, 200, to_tag="bobtag", copy_record_route=True)
    ok.headers.add("Contact", f"<{bob.contact}>")
    ok.headers.add("Content-Type", "application/sdp")
    ok.body = b"v=0\r\no=bob 2 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
    await bob.send(ok)
    answered = await alice.expect_response(200)
    assert answered.body == ok.body
    bob_target = NameAddr.parse(answered.headers.get("Contact") or "").sip_uri
    assert bob_target.params[ALIAS_PARAM] == bob_cid
    route_set = list(reversed(answered.headers.values("Record-Route")))
    assert route_set == [record_route]

    # alice: ACK (a new transaction) to the remote target, through the route set
    ack = alice.request(
        "ACK",
        bob_target,
        to=str(bob.aor),
        to_tag="bobtag",
        call_id="dialog-1",
        cseq=invite.cseq.number,
        extra=tuple(("Route", r) for r in route_set),
    )
    await alice.send(ack)
    got_ack = await bob.expect_request("ACK")
    assert got_ack.uri == bob.contact, "the alias is removed on the way"
    assert "Route" not in got_ack.headers

    # bob hangs up: BYE to alice's Contact as received, Route = Record-Route as received
    bye = bob.request(
        "BYE",
        alice_target,
        to=str(alice.aor),
        to_tag=alice.tag,
        call_id="dialog-1",
        extra=(("Route", record_route),),
    )
    bye.headers.set("From", f"<{bob.aor}>;tag=bobtag")
    await bob.send(bye)
    got_bye = await alice.expect_request("BYE")
    assert got_bye.uri == alice.contact and got_bye.call_id == "dialog-1"
    await alice.send(make_response(got_bye, 200))
    await bob.expect_response(200)
    await alice.nothing()


async def test_cancel_is_routed_with_the_invite_branch(
    demo: DemoService, alice: Peer, bob: Peer
) -> None:
    branch = new_branch()
    invite = alice.request("INVITE", bob.aor, call_id="c-1", branch=branch, contact=True)
    await alice.send(invite)
    incoming = await bob.expect_request("INVITE")
    ringing = make_response(incoming, 180, to_tag="bt")
    await bob.send(ringing)
    await alice.expect_response(180)

    cancel = alice.request("CANCEL", bob.aor, call_id="c-1", cseq=invite.cseq.number, branch=branch)
    await alice.send(cancel)
    got_cancel = await bob.expect_request("CANCEL")
    assert got_cancel.top_via.branch == incoming.top_via.branch
    assert got_cancel.uri == incoming.uri
    await bob.send(make_response(got_cancel, 200, to_tag="bt"))
    await bob.send(make_response(incoming, 487, to_tag="bt"))
    cancelled = [await alice.expect_response(), await alice.expect_response()]
    assert sorted((r.status, r.cseq.method) for r in cancelled) == [
        (200, "CANCEL"),
        (487, "INVITE"),
    ]
    ack = alice.request(
        "ACK", bob.aor, to_tag="bt", call_id="c-1", cseq=invite.cseq.number, branch=branch
    )
    await alice.send(ack)
    got_ack = await bob.expect_request("ACK")
    assert got_ack.top_via.branch == incoming.top_via.branch


async def test_alias_of_a_gone_connection_is_480(demo: DemoService, alice: Peer) -> None:
    bob = await Peer.connect(demo, "bob")
    await bob.register()
    await alice.send(alice.request("MESSAGE", bob.aor, contact=True))
    incoming = await bob.expect_request("MESSAGE")
    alias_uri = incoming.uri.with_params(**{ALIAS_PARAM: demo.bindings("bob")[0].connection})  # type: ignore[union-attr]
    await bob.close()
    await wait_for(lambda: demo.connection_count == 1)
    await alice.send(alice.request("INFO", alias_uri, to_tag="x"))
    await alice.expect_response(480)


async def test_responses_from_clients_that_are_not_for_us_are_dropped(
    demo: DemoService, alice: Peer, bob: Peer
) -> None:
    stray = make_response(alice.request("MESSAGE", bob.aor), 200, to_tag="x")
    await alice.send(stray)
    via_us = make_response(alice.request("MESSAGE", bob.aor), 200, to_tag="x")
    via_us.headers.add(
        "Via",
        str(Via("WS", "127.0.0.1", demo.port, {"branch": "z9hG4bKq", ALIAS_PARAM: "c999"})),
        first=True,
    )
    await alice.send(via_us)
    await alice.nothing()
    await bob.nothing(0.05)


# -- robustness ----------------------------------------------------------------------------


async def test_garbage_never_breaks_the_connection_or_the_service(
    demo: DemoService, alice: Peer, bob: Peer
) -> None:
    for frame in (
        "hello",
        b"\x00\xff\xfe\xfd",
        "SIP/2.0 200 OK\r\n\r\n",
        "INVITE sip:bob@x SIP/2.0\r\n\r\n",
        "\r\n\r\n",
        "",
        "X" * 300_000,
    ):
        await alice.send(frame)
    readable = (
        "MESSAGE sip:bob@demo.webphone.local SIP/2.0\r\n"
        "Via: SIP/2.0/WS x.invalid;branch=z9hG4bKbad1\r\n"
        "From: <sip:alice@demo.webphone.local>;tag=a\r\n"
        "To: <sip:bob@demo.webphone.local>\r\n"
        "Call-ID: bad-1\r\n"
        "CSeq: 1 MESSAGE\r\n"
        "Bad Header Line\r\n\r\n"
    )
    await alice.send(readable)
    bad = await alice.expect_response(400)
    assert bad.call_id == "bad-1" and "header" in bad.reason.lower()
    unroutable = alice.request("MESSAGE", bob.aor, extra=(("Contact", "<sip:unterminated"),))
    await alice.send(unroutable)
    assert "unterminated" in (await alice.expect_response(400)).reason
    # Everyone still works.
    await alice.send(alice.request("OPTIONS", f"sip:{demo.domain}"))
    await alice.expect_response(200)
    await bob.send(bob.request("MESSAGE", alice.aor, body=b"still here"))
    assert (await alice.expect_request("MESSAGE")).body == b"still here"
    assert demo.connection_count == 2


async def test_logs_never_contain_secrets(
    demo: DemoService, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="webphone")
    peer = await Peer.connect(demo, "alice")
    request = peer.register_request()
    await peer.send(request)
    authorised = peer.answer(request, await peer.expect_response(401))
    digest = authorised.headers.get("Authorization") or ""
    await peer.send(authorised)
    await peer.expect_response(200)
    token = make_demo_token(demo.jwt_secret, sub="alice", iss="tests")
    await peer.send(peer.register_request(extra=(("Authorization", f"Bearer {token}"),)))
    await peer.expect_response(200)
    await peer.send(f"REGISTER sip:x SIP/2.0\r\nAuthorization Bearer {token}\r\n\r\n")
    await peer.send(f"garbage alice-demo {token}")
    await peer.send(peer.request("OPTIONS", f"sip:{demo.domain}"))
    await peer.expect_response(200)
    await peer.close()
    await wait_for(lambda: demo.connection_count == 0)
    text = caplog.text
    assert "unparseable" in text, "the garbage was logged"
    response_param = digest.split('response="')[1].split('"')[0]
    for secret in ("alice-demo", token, token[:40], response_param, digest):
        assert secret not in text


# -- lifecycle -----------------------------------------------------------------------------


async def test_drop_connections_aborts_clients(demo: DemoService, alice: Peer, bob: Peer) -> None:
    assert demo.connection_count == 2
    assert demo.drop_connections() == 2
    for peer in (alice, bob):
        with pytest.raises(ConnectionClosed):
            await peer.recv_frame()
        assert peer.ws.close_code == 1006
    await wait_for(lambda: demo.connection_count == 0)
    assert demo.bindings("alice") == [] and demo.bindings("bob") == []
    again = await Peer.connect(demo, "alice")
    assert (await again.register()).status == 200, "the service itself carries on"
    await again.close()


async def test_stop_closes_every_connection() -> None:
    demo = DemoService(port=0)
    await demo.start()
    with pytest.raises(RuntimeError):
        await demo.start()
    peer = await Peer.connect(demo, "alice")
    await peer.register()
    await demo.stop()
    with pytest.raises(ConnectionClosed):
        await peer.recv_frame()
    assert peer.ws.close_code == 1001
    assert demo.connection_count == 0 and demo.bindings("alice") == []
    await demo.stop()  # idempotent


async def test_wss(tmp_path: Path) -> None:
    import ssl

    import trustme

    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    async with DemoService(ssl_context=server_context) as demo:
        assert demo.url.startswith("wss://127.0.0.1:")
        ws = await connect(demo.url, subprotocols=["sip"], ssl=client_context)  # type: ignore[list-item]
        peer = Peer(ws, "alice", demo.domain, "alice-demo")
        assert (await peer.register()).status == 200
        await peer.send(peer.request("MESSAGE", peer.aor, contact=True))
        incoming = await peer.expect_request("MESSAGE")
        assert incoming.top_via.transport == "WSS"
        await peer.close()


async def test_python_dash_m_prints_the_banner() -> None:
    env = {**os.environ, "PYTHONPATH": str(APP)}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "webphone.demo",
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        while not lines or not lines[-1].startswith("  Access tokens"):
            line = await asyncio.wait_for(process.stdout.readline(), 10)
            assert line, "the demo service exited early"
            lines.append(line.decode().rstrip("\n"))
        text = "\n".join(lines)
        assert "LOCAL DEMO SERVICE" in text and "not a SIP server for real deployments" in text
        assert "Domain:  demo.webphone.local" in text
        for user in ("alice", "bob", "carol", "dave"):
            assert f"{user} / {user}-demo" in text
        url = next(line.split()[-1] for line in lines if "URL:" in line)
        assert parse_uri("sip:x@" + url.split("//")[1]).host == "127.0.0.1"  # type: ignore[union-attr]
        async with connect(url, subprotocols=["sip"]) as ws:  # type: ignore[list-item]
            peer = Peer(ws, "alice", "demo.webphone.local", "alice-demo")
            assert (await peer.register()).status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 10) == 0
