"""The demo proxy's routing decisions (no sockets): authentication of senders, targets,
Via/Record-Route/alias handling, CANCEL, responses, errors."""

from __future__ import annotations

import pytest

from webphone.demo.proxy import ALIAS_PARAM, Delivery, Proxy
from webphone.demo.registrar import Registrar
from webphone.sip.auth import DigestSession, choose_challenge, parse_challenges
from webphone.sip.headers import NameAddr, Via
from webphone.sip.message import SipRequest, SipResponse, make_response, parse_message
from webphone.sip.uri import SipUri

DOMAIN = "demo.test"
ACCOUNTS = {"alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"}
HOST, PORT = "127.0.0.1", 5999
OUR_ROUTE = f"<sip:{HOST}:{PORT};transport=ws;lr>"


class Rig:
    def __init__(self) -> None:
        self.connected = {"c1", "c2", "c3"}
        self.registrar = Registrar(DOMAIN, dict(ACCOUNTS), "secret")
        self.proxy = Proxy(
            self.registrar, host=HOST, port=PORT, is_connected=self.connected.__contains__
        )

    def send(self, source: str, message: SipRequest | SipResponse) -> Delivery | None:
        copy = parse_message(message.to_bytes())
        return self.proxy.handle(source, copy)

    def reply(self, source: str, message: SipRequest) -> SipResponse:
        delivery = self.send(source, message)
        assert delivery is not None and delivery.connection == source
        assert isinstance(delivery.message, SipResponse)
        return delivery.message

    def register(self, user: str, source: str) -> None:
        request = request_(
            "REGISTER",
            f"sip:{DOMAIN}",
            user,
            to=f"sip:{user}@{DOMAIN}",
            extra=(("Contact", f"<sip:{user}-c@{user}.invalid;transport=ws>"), ("Expires", "300")),
        )
        challenge = self.reply(source, request)
        assert challenge.status == 401
        response = self.reply(source, authorised(request, challenge, ACCOUNTS[user]))
        assert response.status == 200


def request_(
    method: str,
    uri: str,
    sender: str = "alice",
    *,
    to: str | None = None,
    to_tag: str | None = None,
    branch: str = "z9hG4bKabc123",
    cseq: int = 1,
    extra: tuple[tuple[str, str], ...] = (),
    body: bytes = b"",
    max_forwards: str | None = "70",
) -> SipRequest:
    lines = [
        f"{method} {uri} SIP/2.0",
        f"Via: SIP/2.0/WSS {sender}.invalid;branch={branch}",
        f"From: <sip:{sender}@{DOMAIN}>;tag=from-{sender}",
        f"To: <{to or uri}>" + (f";tag={to_tag}" if to_tag else ""),
        "Call-ID: call-1",
        f"CSeq: {cseq} {method}",
    ]
    if max_forwards is not None:
        lines.append(f"Max-Forwards: {max_forwards}")
    lines += [f"{name}: {value}" for name, value in extra]
    message = parse_message(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
    assert isinstance(message, SipRequest)
    return message


def authorised(request: SipRequest, challenge: SipResponse, password: str) -> SipRequest:
    proxy = challenge.status == 407
    name = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
    chosen = choose_challenge(parse_challenges(challenge.headers.get_all(name), proxy=proxy))
    value = DigestSession().authorize(
        chosen,
        method=request.method,
        uri=str(request.uri),
        username=request.from_.sip_uri.user or "",
        password=password,
    )
    again = parse_message(request.to_bytes())
    assert isinstance(again, SipRequest)
    again.headers.set("Proxy-Authorization" if proxy else "Authorization", value)
    return again


@pytest.fixture
def rig() -> Rig:
    rig = Rig()
    rig.register("alice", "c1")
    rig.register("bob", "c2")
    return rig


def invite(**kwargs: object) -> SipRequest:
    return request_(
        "INVITE",
        f"sip:bob@{DOMAIN}",
        extra=(
            ("Contact", "<sip:alice-c@alice.invalid;transport=ws>"),
            ("Content-Type", "application/sdp"),
            ("X-PH-Custom", "kept as is"),
        ),
        body=b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=\xc3\xa9\r\n",
        **kwargs,  # type: ignore[arg-type]
    )


def forwarded(delivery: Delivery | None, target: str) -> SipRequest:
    assert delivery is not None, "dropped"
    assert delivery.connection == target, delivery.message
    assert isinstance(delivery.message, SipRequest)
    return delivery.message


# -- local answers -------------------------------------------------------------------------


def test_options_to_the_domain_is_answered_without_authentication(rig: Rig) -> None:
    for uri in (f"sip:{DOMAIN}", f"sip:{HOST}:{PORT};transport=ws"):
        response = rig.reply("c3", request_("OPTIONS", uri, "carol", max_forwards="0"))
        assert response.status == 200
        assert "INVITE" in (response.headers.get("Allow") or "")
        assert NameAddr.parse(response.headers.get("To") or "").tag


def test_unknown_and_unregistered_users(rig: Rig) -> None:
    assert rig.reply("c1", request_("MESSAGE", f"sip:mallory@{DOMAIN}")).status == 404
    assert rig.reply("c1", request_("MESSAGE", f"sip:carol@{DOMAIN}")).status == 480
    assert rig.reply("c1", request_("MESSAGE", "sip:bob@elsewhere.test")).status == 404
    assert rig.reply("c1", request_("MESSAGE", f"sip:{DOMAIN}")).status == 404
    assert rig.reply("c1", request_("MESSAGE", "tel:+15551234567")).status == 416


def test_max_forwards(rig: Rig) -> None:
    assert rig.reply("c1", request_("MESSAGE", f"sip:bob@{DOMAIN}", max_forwards="0")).status == 483
    bad = rig.reply("c1", request_("MESSAGE", f"sip:bob@{DOMAIN}", max_forwards="lots"))
    assert bad.status == 400 and "Max-Forwards" in bad.reason
    out = forwarded(
        rig.send("c1", request_("MESSAGE", f"sip:bob@{DOMAIN}", max_forwards=None)), "c2"
    )
    assert out.headers.get("Max-Forwards") == "70"


# -- sender authentication -----------------------------------------------------------------


def test_unregistered_connection_is_challenged_with_407(rig: Rig) -> None:
    message = request_("MESSAGE", f"sip:bob@{DOMAIN}", "carol", body=b"hi")
    challenge = rig.reply("c3", message)
    assert challenge.status == 407
    assert [
        c.algorithm for c in parse_challenges(challenge.headers.get_all("Proxy-Authenticate"))
    ] == [
        "SHA-256",
        "MD5",
    ]
    out = forwarded(rig.send("c3", authorised(message, challenge, "carol-pw")), "c2")
    assert "Proxy-Authorization" not in out.headers, "our credentials are consumed here"
    # Proven once: later requests From carol on that connection pass.
    forwarded(rig.send("c3", request_("MESSAGE", f"sip:bob@{DOMAIN}", "carol", cseq=2)), "c2")


def test_wrong_proxy_credentials(rig: Rig) -> None:
    message = request_("MESSAGE", f"sip:bob@{DOMAIN}", "carol")
    challenge = rig.reply("c3", message)
    assert rig.reply("c3", authorised(message, challenge, "wrong")).status == 407


def test_registered_connection_may_not_send_as_someone_else(rig: Rig) -> None:
    spoofed = request_("MESSAGE", f"sip:bob@{DOMAIN}", "carol")
    assert rig.reply("c1", spoofed).status == 407, "c1 proved alice, not carol"
    alice_creds = request_("MESSAGE", f"sip:bob@{DOMAIN}", "carol")
    challenge = rig.reply("c1", alice_creds)
    chosen = choose_challenge(
        parse_challenges(challenge.headers.get_all("Proxy-Authenticate"), proxy=True)
    )
    value = DigestSession().authorize(
        chosen, method="MESSAGE", uri=f"sip:bob@{DOMAIN}", username="alice", password="alice-pw"
    )
    alice_creds.headers.set("Proxy-Authorization", value)
    assert rig.reply("c1", alice_creds).status == 403


def test_authentication_is_forgotten_with_the_connection(rig: Rig) -> None:
    rig.proxy.connection_closed("c1")
    assert rig.reply("c1", request_("MESSAGE", f"sip:bob@{DOMAIN}")).status == 407


# -- forwarding ----------------------------------------------------------------------------


def test_invite_is_forwarded_with_via_record_route_and_alias(rig: Rig) -> None:
    original = invite()
    out = forwarded(rig.send("c1", original), "c2")
    assert str(out.uri) == "sip:bob-c@bob.invalid;transport=ws", "R-URI: the registered Contact"
    vias = out.vias
    assert len(vias) == 2 and vias[1] == original.top_via
    ours = vias[0]
    assert (ours.transport, ours.host, ours.port) == ("WS", HOST, PORT)
    assert ours.params[ALIAS_PARAM] == "c1"
    assert ours.branch and ours.branch.startswith("z9hG4bK") and ours.branch != "z9hG4bKabc123"
    assert out.headers.values("Record-Route") == [OUR_ROUTE]
    contact = NameAddr.parse(out.headers.get("Contact") or "").sip_uri
    assert contact.params[ALIAS_PARAM] == "c1" and contact.params["transport"] == "ws"
    assert out.headers.get("Max-Forwards") == "69"
    assert out.body == original.body, "body byte-for-byte"
    assert out.headers.get("X-PH-Custom") == "kept as is"
    again = forwarded(rig.send("c1", invite()), "c2")
    assert again.top_via.branch == ours.branch, "deterministic branch"


def test_branch_depends_on_incoming_branch_and_connection(rig: Rig) -> None:
    a = forwarded(rig.send("c1", invite(branch="z9hG4bK1")), "c2").top_via.branch
    b = forwarded(rig.send("c1", invite(branch="z9hG4bK2")), "c2").top_via.branch
    assert a != b


def test_in_dialog_request_goes_down_the_aliased_connection(rig: Rig) -> None:
    contact = f"sip:alice-c@alice.invalid;transport=ws;{ALIAS_PARAM}=c1"
    bye = request_(
        "BYE",
        contact,
        "bob",
        to=f"sip:alice@{DOMAIN}",
        to_tag="from-alice",
        extra=(("Route", OUR_ROUTE),),
    )
    out = forwarded(rig.send("c2", bye), "c1")
    assert str(out.uri) == "sip:alice-c@alice.invalid;transport=ws", "alias removed"
    assert "Route" not in out.headers, "our own Route is consumed"
    assert "Record-Route" not in out.headers, "not dialog-forming"
    assert out.top_via.params[ALIAS_PARAM] == "c2"


def test_foreign_routes_are_kept(rig: Rig) -> None:
    message = request_(
        "MESSAGE",
        f"sip:bob@{DOMAIN}",
        extra=(("Route", f"{OUR_ROUTE}, <sip:other.test;lr>"),),
    )
    out = forwarded(rig.send("c1", message), "c2")
    assert out.headers.values("Route") == ["<sip:other.test;lr>"]


def test_alias_of_a_closed_connection_is_480(rig: Rig) -> None:
    bye = request_("BYE", f"sip:x@x.invalid;{ALIAS_PARAM}=c9", "bob", to_tag="t")
    assert rig.reply("c2", bye).status == 480
    ack = request_("ACK", f"sip:x@x.invalid;{ALIAS_PARAM}=c9", "bob", to_tag="t")
    assert rig.send("c2", ack) is None, "ACK is never answered"


def test_out_of_dialog_request_to_an_alias_needs_authentication(rig: Rig) -> None:
    message = request_("MESSAGE", f"sip:alice-c@alice.invalid;{ALIAS_PARAM}=c1", "carol")
    assert rig.reply("c3", message).status == 407


def test_fallback_when_the_target_vanishes_at_send_time(rig: Rig) -> None:
    delivery = rig.send("c1", invite())
    assert delivery is not None and delivery.fallback is not None
    assert delivery.source == "c1"
    assert delivery.fallback.status == 480
    assert len(delivery.fallback.headers.values("Via")) == 1, "answers the original request"


# -- CANCEL, ACK ---------------------------------------------------------------------------


def test_cancel_follows_its_invite(rig: Rig) -> None:
    out_invite = forwarded(rig.send("c1", invite()), "c2")
    rig.register("bob", "c3")  # bob now has a more recent device
    cancel = request_("CANCEL", f"sip:bob@{DOMAIN}", max_forwards="70")
    out_cancel = forwarded(rig.send("c1", cancel), "c2")
    assert out_cancel.top_via.branch == out_invite.top_via.branch
    assert out_cancel.uri == out_invite.uri
    ack = request_("ACK", f"sip:bob@{DOMAIN}")  # ACK of the 487: same branch
    out_ack = forwarded(rig.send("c1", ack), "c2")
    assert out_ack.top_via.branch == out_invite.top_via.branch


def test_ack_and_cancel_of_an_invite_answered_here(rig: Rig) -> None:
    unanswered = invite()
    unanswered.headers.set("From", f"<sip:carol@{DOMAIN}>;tag=x")
    assert rig.reply("c3", unanswered).status == 407
    ack = request_("ACK", f"sip:bob@{DOMAIN}", "carol")
    assert rig.send("c3", ack) is None, "the ACK of our 407 stops here"
    cancel = request_("CANCEL", f"sip:bob@{DOMAIN}", "carol")
    assert rig.reply("c3", cancel).status == 200


def test_cancel_and_ack_are_not_challenged(rig: Rig) -> None:
    cancel = request_("CANCEL", f"sip:bob@{DOMAIN}", "carol", branch="z9hG4bKnever")
    forwarded(rig.send("c3", cancel), "c2")


# -- responses -----------------------------------------------------------------------------


def test_response_pops_our_via_and_aliases_the_contact(rig: Rig) -> None:
    original = invite()
    out = forwarded(rig.send("c1", original), "c2")
    ringing = make_response(out, 180, to_tag="bob-tag", copy_record_route=True)
    ringing.headers.add("Contact", "<sip:bob-c@bob.invalid;transport=ws>")
    ringing.headers.add("X-Extra", "1")
    delivery = rig.send("c2", ringing)
    assert delivery is not None and delivery.connection == "c1"
    response = delivery.message
    assert isinstance(response, SipResponse)
    assert response.vias == original.vias
    assert response.headers.values("Record-Route") == [OUR_ROUTE]
    contact = NameAddr.parse(response.headers.get("Contact") or "").sip_uri
    assert contact.params[ALIAS_PARAM] == "c2"
    assert response.headers.get("X-Extra") == "1"


def test_responses_not_via_us_are_dropped(rig: Rig) -> None:
    stray = make_response(invite(), 200, to_tag="x")
    assert rig.send("c2", stray) is None
    no_alias = make_response(invite(), 200, to_tag="x")
    no_alias.headers.add("Via", str(Via("WS", HOST, PORT, {"branch": "z9hG4bKx"})), first=True)
    assert rig.send("c2", no_alias) is None


# -- bad input -----------------------------------------------------------------------------


def test_bad_header_in_a_request_is_400_naming_the_problem(rig: Rig) -> None:
    message = request_("MESSAGE", f"sip:bob@{DOMAIN}", extra=(("Contact", "<sip:unterminated"),))
    response = rig.reply("c1", message)
    assert response.status == 400
    assert "unterminated" in response.reason


def test_bad_route_is_400(rig: Rig) -> None:
    message = request_("MESSAGE", f"sip:bob@{DOMAIN}", extra=(("Route", "<nonsense"),))
    assert rig.reply("c1", message).status == 400


def test_uri_helpers() -> None:
    proxy = Proxy(Registrar(DOMAIN, {}, "s"), host="::1", port=5, is_connected=lambda _: True)
    assert proxy.via_host == "[::1]"
    assert proxy.record_route == "<sip:[::1]:5;transport=ws;lr>"
    assert SipUri.parse("sip:[::1]:5;lr").host == "[::1]"
