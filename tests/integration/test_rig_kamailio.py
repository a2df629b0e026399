"""Smoke tests of the real-Kamailio rig itself, with hand-written SIP over ``websockets``
(no project code): listeners, certificates, digest and bearer auth, routing, keepalive,
restart on the same ports, and the TCP relay that simulates network loss."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import re
import secrets
import ssl
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import websockets
from tests.rig.kamailio import KamailioServer
from tests.rig.tcpproxy import TcpProxy
from websockets.asyncio.client import ClientConnection
from websockets.typing import Subprotocol

pytestmark = [pytest.mark.kamailio, pytest.mark.timeout(30)]

REPLY_TIMEOUT = 5.0
SIP = [Subprotocol("sip")]  # Kamailio answers 400 to a WebSocket without it


@dataclass
class Message:
    first_line: str
    headers: list[tuple[str, str]]
    body: str

    @property
    def status(self) -> int:
        # Requests have no status; 0 keeps comparisons simple.
        parts = self.first_line.split(" ", 2)
        return int(parts[1]) if parts[0] == "SIP/2.0" else 0

    @property
    def method(self) -> str:
        return self.first_line.split(" ", 1)[0]

    def get(self, name: str) -> str | None:
        return next((v for n, v in self.headers if n.lower() == name.lower()), None)

    def all(self, name: str) -> list[str]:
        return [v for n, v in self.headers if n.lower() == name.lower()]


def parse(text: str) -> Message:
    head, _, body = text.partition("\r\n\r\n")
    first, *lines = head.split("\r\n")
    headers = []
    for line in lines:
        name, _, value = line.partition(":")
        headers.append((name.strip(), value.strip()))
    return Message(first, headers, body)


def digest_params(challenge: str) -> dict[str, str]:
    assert challenge.startswith("Digest "), challenge
    return {k: v1 or v2 for k, v1, v2 in re.findall(r'(\w+)=(?:"([^"]*)"|([^,\s]+))', challenge)}


def digest_authorization(challenge: str, user: str, password: str, method: str, uri: str) -> str:
    """RFC 7616 response with qop=auth, computed inline (MD5 or SHA-256 per challenge)."""
    params = digest_params(challenge)
    algorithm = params.get("algorithm", "MD5")
    h: Callable[[str], str] = {
        "MD5": lambda s: hashlib.md5(s.encode()).hexdigest(),
        "SHA-256": lambda s: hashlib.sha256(s.encode()).hexdigest(),
    }[algorithm]
    realm, nonce, cnonce, nc = params["realm"], params["nonce"], secrets.token_hex(8), "00000001"
    ha1 = h(f"{user}:{realm}:{password}")
    ha2 = h(f"{method}:{uri}")
    response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
    return (
        f'Digest username="{user}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
        f'response="{response}", algorithm={algorithm}, cnonce="{cnonce}", qop=auth, nc={nc}'
    )


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_jwt(secret: str, **claims: Any) -> str:
    head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims).encode())
    mac = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64url(mac)}"


class SipWs:
    """One UA on one WebSocket: sends hand-written requests, waits for final responses."""

    def __init__(self, ws: ClientConnection, domain: str, user: str, transport: str) -> None:
        self.ws, self.domain, self.user, self.transport = ws, domain, user, transport
        self.call_id = secrets.token_hex(8)
        self.tag = secrets.token_hex(4)
        self.contact_user = secrets.token_hex(4)
        self.contact_params = ""  # e.g. ;+sip.instance=...
        self.extra: tuple[str, ...] = ()  # headers added to every request
        self.cseq = 0
        self.inbox: list[Message] = []

    def request(
        self, method: str, uri: str, to: str, headers: tuple[str, ...] = (), body: str = ""
    ) -> str:
        self.cseq += 1
        lines = [
            f"{method} {uri} SIP/2.0",
            f"Via: SIP/2.0/{self.transport} {self.contact_user}.invalid;branch=z9hG4bK"
            + secrets.token_hex(8),
            "Max-Forwards: 70",
            f"From: <sip:{self.user}@{self.domain}>;tag={self.tag}",
            f"To: <{to}>",
            f"Call-ID: {self.call_id}",
            f"CSeq: {self.cseq} {method}",
            f"Contact: <sip:{self.contact_user}@{self.contact_user}.invalid;transport=ws>"
            + self.contact_params,
            *self.extra,
            *headers,
            f"Content-Length: {len(body.encode())}",
            "",
            body,
        ]
        return "\r\n".join(lines)

    async def send(self, text: str) -> Message:
        """Send a request and return its final response (requests to us are queued)."""
        await self.ws.send(text)
        cseq = parse(text).get("CSeq")
        while True:
            message = await self.receive()
            if message.status == 0:
                self.inbox.append(message)
            elif message.get("CSeq") == cseq and message.status >= 200:
                return message

    async def receive(self) -> Message:
        raw = await asyncio.wait_for(self.ws.recv(), REPLY_TIMEOUT)
        return parse(raw if isinstance(raw, str) else raw.decode())

    async def register(self, password: str | None, expires: int = 60) -> Message:
        """REGISTER, answering one digest challenge when *password* is given."""
        uri, aor = f"sip:{self.domain}", f"sip:{self.user}@{self.domain}"
        extra = (f"Expires: {expires}",)
        response = await self.send(self.request("REGISTER", uri, aor, extra))
        if response.status == 401 and password is not None:
            challenge = response.get("WWW-Authenticate") or ""
            auth = digest_authorization(challenge, self.user, password, "REGISTER", uri)
            response = await self.send(
                self.request("REGISTER", uri, aor, (*extra, f"Authorization: {auth}"))
            )
        return response


@asynccontextmanager
async def ua(url: str, domain: str, user: str, ca_file: str | None = None) -> AsyncIterator[SipWs]:
    context = ssl.create_default_context(cafile=ca_file) if url.startswith("wss") else None
    async with websockets.connect(
        url, subprotocols=SIP, ssl=context, open_timeout=REPLY_TIMEOUT
    ) as ws:
        yield SipWs(ws, domain, user, "WSS" if context else "WS")


async def test_register_over_ws_is_challenged_with_digest(kamailio: KamailioServer) -> None:
    async with ua(kamailio.ws_url, kamailio.domain, "alice") as alice:
        response = await alice.register(password=None)
    assert response.status == 401
    challenge = digest_params(response.get("WWW-Authenticate") or "")
    assert challenge["realm"] == kamailio.domain
    assert challenge["qop"] == "auth"
    assert challenge.get("algorithm", "MD5") == "MD5"


async def test_wss_verifies_with_the_rig_ca(kamailio: KamailioServer) -> None:
    async with ua(kamailio.wss_url, kamailio.domain, "alice", kamailio.ca_file) as alice:
        assert (await alice.register(password=None)).status == 401
    # The certificate also names localhost.
    context = ssl.create_default_context(cafile=kamailio.ca_file)
    async with websockets.connect(
        kamailio.wss_url, subprotocols=SIP, ssl=context, server_hostname="localhost"
    ) as ws:
        assert ws.subprotocol == "sip"


async def test_wss_with_an_unrelated_ca_fails_verification(kamailio: KamailioServer) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        async with ua(kamailio.wss_url, kamailio.domain, "alice", kamailio.wrong_ca_file):
            pass


async def test_websocket_without_sip_subprotocol_is_refused(kamailio: KamailioServer) -> None:
    with pytest.raises(websockets.InvalidStatus) as refused:
        async with websockets.connect(kamailio.ws_url, open_timeout=REPLY_TIMEOUT):
            pass
    assert refused.value.response.status_code == 400


@pytest.mark.parametrize("scheme", ["ws", "wss"])
async def test_md5_digest_register_is_accepted(kamailio: KamailioServer, scheme: str) -> None:
    url = kamailio.ws_url if scheme == "ws" else kamailio.wss_url
    async with ua(url, kamailio.domain, "alice", kamailio.ca_file) as alice:
        response = await alice.register(kamailio.users["alice"], expires=60)
        assert response.status == 200, response.first_line
        ours = [c for c in response.all("Contact") if alice.contact_user in c]
        assert ours, response.all("Contact")
        assert re.search(r";expires=(60|59)\b", ours[0]), ours[0]
        # Unregister: the binding would go with the connection anyway (handle_lost_tcp).
        assert (await alice.register(kamailio.users["alice"], expires=0)).status == 200


async def test_wrong_password_is_challenged_again_and_unknown_user_forbidden(
    kamailio: KamailioServer,
) -> None:
    async with ua(kamailio.ws_url, kamailio.domain, "alice") as alice:
        again = await alice.register("not-the-password")
        assert again.status == 401
        assert (again.get("WWW-Authenticate") or "").startswith("Digest ")
    async with ua(kamailio.ws_url, kamailio.domain, "mallory") as mallory:
        assert (await mallory.register("anything")).status == 403


async def test_options_to_the_server_is_answered(kamailio: KamailioServer) -> None:
    async with ua(kamailio.ws_url, kamailio.domain, "alice") as alice:
        uri = f"sip:{kamailio.domain}"
        assert (await alice.send(alice.request("OPTIONS", uri, uri))).status == 200


async def send_message(sender: SipWs, password: str, uri: str, to: SipWs | None) -> Message:
    """MESSAGE to *uri*, answering the 407; when *to* is given it must arrive there and
    its 200 OK come back to *sender*."""
    plain = ("Content-Type: text/plain",)
    challenged = await sender.send(sender.request("MESSAGE", uri, uri, plain, "hi"))
    assert challenged.status == 407, challenged.first_line
    challenge = challenged.get("Proxy-Authenticate") or ""
    auth = digest_authorization(challenge, sender.user, password, "MESSAGE", uri)
    request = sender.request("MESSAGE", uri, uri, (*plain, f"Proxy-Authorization: {auth}"), "hi")
    if to is None:
        return await sender.send(request)
    await sender.ws.send(request)
    delivered = await to.receive()
    assert delivered.method == "MESSAGE" and delivered.body == "hi"
    vias = "\r\n".join(f"Via: {v}" for v in delivered.all("Via"))
    ok = (
        f"SIP/2.0 200 OK\r\n{vias}\r\nFrom: {delivered.get('From')}\r\n"
        f"To: {delivered.get('To')};tag=b0b\r\nCall-ID: {delivered.get('Call-ID')}\r\n"
        f"CSeq: {delivered.get('CSeq')}\r\nContent-Length: 0\r\n\r\n"
    )
    await to.ws.send(ok)
    return await sender.receive()


async def test_message_is_routed_between_registered_users(kamailio: KamailioServer) -> None:
    domain, password = kamailio.domain, kamailio.users["alice"]
    async with (
        ua(kamailio.ws_url, domain, "bob") as bob,
        ua(kamailio.wss_url, domain, "alice", kamailio.ca_file) as alice,
    ):
        assert (await bob.register(kamailio.users["bob"])).status == 200
        assert (await send_message(alice, password, f"sip:bob@{domain}", bob)).status == 200
        assert (await send_message(alice, password, f"sip:mallory@{domain}", None)).status == 404
        assert (await send_message(alice, password, f"sip:carol@{domain}", None)).status == 480


async def test_gruus_are_handed_out_and_route(kamailio: KamailioServer) -> None:
    domain, users = kamailio.domain, kamailio.users
    async with (
        ua(kamailio.ws_url, domain, "bob") as bob,
        ua(kamailio.ws_url, domain, "alice") as alice,
    ):
        # RFC 5627: GRUUs only for a REGISTER with Supported: gruu and a +sip.instance.
        bob.contact_params = ';+sip.instance="<urn:uuid:7e1c2a9e-0000-4000-8000-00000000b0b0>"'
        bob.extra = ("Supported: gruu",)
        response = await bob.register(users["bob"])
        assert response.status == 200
        params = dict(re.findall(r';(pub-gruu|temp-gruu)="([^"]+)"', response.get("Contact") or ""))
        assert params["pub-gruu"].startswith(f"sip:bob@{domain};gr=urn:uuid:7e1c2a9e")
        for gruu in params.values():
            assert (await send_message(alice, users["alice"], gruu, bob)).status == 200


async def test_bearer_token_register(kamailio: KamailioServer) -> None:
    if not kamailio.supports_bearer:
        pytest.skip("this Kamailio cannot verify bearer tokens")
    now = int(time.time())
    claims = {"iss": "rig-test", "sub": "carol", "nbf": now, "exp": now + 300}
    async with ua(kamailio.ws_url, kamailio.domain, "carol") as carol:
        uri, aor = f"sip:{kamailio.domain}", f"sip:carol@{kamailio.domain}"

        async def register(token: str) -> Message:
            auth = f"Authorization: Bearer {token}"
            return await carol.send(carol.request("REGISTER", uri, aor, ("Expires: 60", auth)))

        assert (await register(hs256_jwt(kamailio.jwt_secret, **claims))).status == 200
        # The token vouches for its connection: no digest challenge for carol's requests.
        stranger = f"sip:mallory@{kamailio.domain}"
        assert (await carol.send(carol.request("MESSAGE", stranger, stranger))).status == 404
        forged = await register(hs256_jwt("not-the-secret", **claims))
        assert forged.status == 403
        assert forged.get("X-Plivo-Jwt-Error-Code") == "10007"
        expired = await register(hs256_jwt(kamailio.jwt_secret, **{**claims, "exp": now - 5}))
        assert expired.get("X-Plivo-Jwt-Error-Code") == "10006"
        other = await register(hs256_jwt(kamailio.jwt_secret, **{**claims, "sub": "bob"}))
        assert other.get("X-Plivo-Jwt-Error-Code") == "10004"
        garbage = hs256_jwt(kamailio.jwt_secret, **claims).replace(".", "", 1)
        assert (await register(garbage)).status == 403


async def test_sha256_digest_register(kamailio_sha256: KamailioServer) -> None:
    server = kamailio_sha256
    async with ua(server.ws_url, server.domain, "bob") as bob:
        challenge = await bob.register(password=None)
        assert digest_params(challenge.get("WWW-Authenticate") or "")["algorithm"] == "SHA-256"
        assert (await bob.register(server.users["bob"])).status == 200


async def test_restart_comes_back_on_the_same_ports(kamailio_fresh: KamailioServer) -> None:
    server = kamailio_fresh
    ports = (server.ws_port, server.wss_port)
    async with ua(server.ws_url, server.domain, "alice") as alice:
        assert (await alice.register(server.users["alice"])).status == 200
        await asyncio.get_running_loop().run_in_executor(None, server.restart)
        with pytest.raises(websockets.ConnectionClosed):
            await alice.receive()
    assert (server.ws_port, server.wss_port) == ports
    async with ua(server.ws_url, server.domain, "alice") as alice:
        assert (await alice.register(server.users["alice"])).status == 200
    assert server.log_path.read_text().count("--- starting kamailio") == 2


async def test_tcp_proxy_relays_and_drops_like_a_network_loss(
    kamailio: KamailioServer, tcp_proxy: Callable[[str, int], Any]
) -> None:
    proxy: TcpProxy = await tcp_proxy("127.0.0.1", kamailio.ws_port)
    async with ua(proxy.url("ws"), kamailio.domain, "alice") as alice:
        assert (await alice.register(password=None)).status == 401
        assert proxy.connection_count == 1 and proxy.accepted_total == 1
        await proxy.drop_connections()
        with pytest.raises(websockets.ConnectionClosedError) as lost:
            await alice.receive()
        assert lost.value.rcvd is None  # no close frame: the client reports 1006
    assert proxy.connection_count == 0

    proxy.pause()
    # Accepted and reset at once: the handshake fails like an unreachable server.
    with pytest.raises((OSError, websockets.InvalidHandshake)):
        async with ua(proxy.url("ws"), kamailio.domain, "alice"):
            pass
    proxy.resume()
    async with ua(proxy.url("ws"), kamailio.domain, "alice") as alice:
        assert (await alice.register(password=None)).status == 401
    assert proxy.accepted_total == 2
