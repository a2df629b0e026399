"""The demo registrar's pure logic: nonces, digest/bearer authentication, bindings, GRUU."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from webphone.demo.registrar import (
    Nonces,
    NonceState,
    Registrar,
    jwt_error_code,
    parse_credentials,
)
from webphone.sdk.core.token import make_demo_token
from webphone.sip.auth import DigestSession, choose_challenge, parse_challenges
from webphone.sip.headers import NameAddr
from webphone.sip.message import SipRequest, SipResponse, parse_message
from webphone.sip.uri import SipUri

DOMAIN = "demo.test"
ACCOUNTS = {"alice": "alice-pw", "bob": "bob-pw"}
SECRET = "unit-secret"
INSTANCE = "urn:uuid:00000000-0000-4000-8000-000000000001"


class Clock:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def registrar(clock: Clock) -> Registrar:
    return Registrar(DOMAIN, dict(ACCOUNTS), SECRET, min_expires=10, max_expires=600, clock=clock)


def register(
    user: str = "alice",
    *,
    contact: str | None = "<sip:x1@abc.invalid;transport=ws>",
    expires: int | None = 300,
    cseq: int = 1,
    headers: tuple[tuple[str, str], ...] = (),
) -> SipRequest:
    lines = [
        f"REGISTER sip:{DOMAIN} SIP/2.0",
        "Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK" + f"{cseq:08d}",
        f"From: <sip:{user}@{DOMAIN}>;tag=f1",
        f"To: <sip:{user}@{DOMAIN}>",
        "Call-ID: reg-1",
        f"CSeq: {cseq} REGISTER",
        "Max-Forwards: 70",
    ]
    if contact is not None:
        lines.append(f"Contact: {contact}")
    if expires is not None:
        lines.append(f"Expires: {expires}")
    lines += [f"{name}: {value}" for name, value in headers]
    message = parse_message("\r\n".join(lines) + "\r\n\r\n")
    assert isinstance(message, SipRequest)
    return message


def answer(
    request: SipRequest,
    challenge_response: SipResponse,
    *,
    password: str,
    username: str | None = None,
    algorithm: str | None = None,
    session: DigestSession | None = None,
) -> SipRequest:
    """*request* again, with an Authorization answering *challenge_response*."""
    proxy = challenge_response.status == 407
    name = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
    challenges = parse_challenges(challenge_response.headers.get_all(name), proxy=proxy)
    if algorithm is None:
        challenge = choose_challenge(challenges)
    else:
        challenge = next(c for c in challenges if c.algorithm == algorithm)
    value = (session or DigestSession()).authorize(
        challenge,
        method=request.method,
        uri=str(request.uri),
        username=username or request.to.sip_uri.user or "",
        password=password,
    )
    again = parse_message(request.to_bytes())
    assert isinstance(again, SipRequest)
    again.headers.set("Proxy-Authorization" if proxy else "Authorization", value)
    return again


def registered(registrar: Registrar, request: SipRequest, connection: str = "c1") -> SipResponse:
    challenge = registrar.register(request, connection)
    assert challenge.status == 401
    user = request.to.sip_uri.user or ""
    response = registrar.register(answer(request, challenge, password=ACCOUNTS[user]), connection)
    assert response.status == 200, response
    return response


def contact_params(response: SipResponse) -> list[dict[str, str | None]]:
    return [NameAddr.parse(v).params for v in response.headers.values("Contact")]


# -- nonces --------------------------------------------------------------------------------


def test_nonce_lifecycle() -> None:
    nonces = Nonces(lifetime=30)
    nonce = nonces.issue(1000.0)
    assert nonces.state(nonce, 1000.0) is NonceState.VALID
    assert nonces.state(nonce, 1029.0) is NonceState.VALID
    assert nonces.state(nonce, 1031.0) is NonceState.STALE
    assert nonces.state(nonce, 900.0) is NonceState.STALE, "issued in the future: clock moved"
    assert nonces.issue(1000.0) != nonce, "salted: unique even within one millisecond"


def test_nonce_from_elsewhere_or_tampered_is_foreign() -> None:
    nonces, other = Nonces(), Nonces()
    nonce = nonces.issue(1000.0)
    stamp, salt, mac = nonce.split(".")
    assert other.state(nonce, 1000.0) is NonceState.FOREIGN
    tampered = f"{int(stamp, 16) + 5000:x}.{salt}.{mac}"
    assert nonces.state(tampered, 1000.0) is NonceState.FOREIGN, "timestamp is HMAC-protected"
    for junk in ("", "abc", "a.b.c", "zz.yy.xx", "é.é.é", nonce + "x"):
        assert nonces.state(junk, 1000.0) is NonceState.FOREIGN


@given(st.text(max_size=80))
def test_any_text_is_a_foreign_nonce(text: str) -> None:
    assert Nonces(key=b"k" * 32).state(text, 0.0) is NonceState.FOREIGN


def test_nonce_counts_must_increase() -> None:
    nonces = Nonces()
    nonce = nonces.issue(1000.0)
    assert nonces.use(nonce, 1, 1000.0)
    assert not nonces.use(nonce, 1, 1000.0), "replay"
    assert nonces.use(nonce, 3, 1000.0)
    assert not nonces.use(nonce, 2, 1000.0), "going backwards"
    assert nonces.use(nonces.issue(1000.0), 1, 1000.0), "counts are per nonce"


def test_nonce_count_table_is_bounded() -> None:
    nonces = Nonces(lifetime=10, max_tracked=8)
    for i in range(50):
        assert nonces.use(nonces.issue(1000.0 + i), 1, 1000.0 + i)
    assert len(nonces._counts) <= 8


# -- credentials parsing -------------------------------------------------------------------


def test_parse_credentials() -> None:
    digest = parse_credentials(
        'Digest username="alice", realm="d", nonce="n,1", uri="sip:d", response="f00dfeed", '
        'algorithm=SHA-256, qop=auth, nc=00000001, cnonce="c"'
    )
    assert digest.scheme == "digest"
    assert digest.params["nonce"] == "n,1" and digest.params["qop"] == "auth"
    assert digest.params["response"] == "f00dfeed" and "f00dfeed" not in repr(digest)
    bearer = parse_credentials("Bearer abc.def.ghi")
    assert bearer.scheme == "bearer" and bearer.token == "abc.def.ghi"
    assert "abc" not in repr(bearer)
    for bad in ("", "Bearer", "Bearer a b", 'Digest username="unterminated', "Digest junk"):
        with pytest.raises(ValueError):
            parse_credentials(bad)


# -- digest --------------------------------------------------------------------------------


def test_register_is_challenged_with_sha256_then_md5(registrar: Registrar) -> None:
    response = registrar.register(register(), "c1")
    assert response.status == 401
    assert response.headers.get("To") and NameAddr.parse(response.headers.get("To") or "").tag
    values = response.headers.get_all("WWW-Authenticate")
    assert len(values) == 2
    challenges = parse_challenges(values)
    assert [c.algorithm for c in challenges] == ["SHA-256", "MD5"]
    for challenge in challenges:
        assert challenge.realm == DOMAIN
        assert challenge.qop_options == ("auth",)
        assert challenge.opaque and not challenge.stale
    assert challenges[0].nonce == challenges[1].nonce


@pytest.mark.parametrize("algorithm", ["SHA-256", "MD5"])
def test_register_with_either_algorithm(registrar: Registrar, algorithm: str) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    ok = registrar.register(
        answer(request, challenge, password="alice-pw", algorithm=algorithm), "c1"
    )
    assert ok.status == 200
    assert contact_params(ok) == [{"expires": "300"}]
    assert registrar.register_counts == {"alice": 1}
    [binding] = registrar.snapshot("alice")
    assert (binding.contact, binding.expires, binding.connection) == (
        "sip:x1@abc.invalid;transport=ws",
        300,
        "c1",
    )


def test_wrong_password_gets_a_fresh_challenge_not_stale(registrar: Registrar) -> None:
    request = register()
    first = registrar.register(request, "c1")
    again = registrar.register(answer(request, first, password="nope"), "c1")
    assert again.status == 401
    [old, new] = [
        choose_challenge(parse_challenges(r.headers.get_all("WWW-Authenticate")))
        for r in (first, again)
    ]
    assert not new.stale and new.nonce != old.nonce
    assert registrar.snapshot("alice") == [] and registrar.register_counts == {}


def test_unknown_user_is_forbidden_once_its_digest_arrives(registrar: Registrar) -> None:
    request = register("mallory")
    challenge = registrar.register(request, "c1")
    assert challenge.status == 401, "no hint that the user does not exist before digest"
    refused = registrar.register(answer(request, challenge, password="x"), "c1")
    assert refused.status == 403


def test_credentials_of_another_user_are_forbidden(registrar: Registrar) -> None:
    request = register("alice")
    challenge = registrar.register(request, "c1")
    refused = registrar.register(
        answer(request, challenge, username="bob", password="bob-pw"), "c1"
    )
    assert refused.status == 403


def test_stale_nonce_with_right_password(registrar: Registrar, clock: Clock) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    clock.now += 301
    stale = registrar.register(answer(request, challenge, password="alice-pw"), "c1")
    assert stale.status == 401
    fresh = choose_challenge(parse_challenges(stale.headers.get_all("WWW-Authenticate")))
    assert fresh.stale is True
    assert all("stale=true" in v for v in stale.headers.get_all("WWW-Authenticate"))
    ok = registrar.register(answer(request, stale, password="alice-pw"), "c1")
    assert ok.status == 200


def test_stale_nonce_with_wrong_password_is_not_stale(registrar: Registrar, clock: Clock) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    clock.now += 301
    refused = registrar.register(answer(request, challenge, password="wrong"), "c1")
    assert refused.status == 401
    assert not choose_challenge(parse_challenges(refused.headers.get_all("WWW-Authenticate"))).stale


def test_replayed_nonce_count_is_refused(registrar: Registrar) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    authorised = answer(request, challenge, password="alice-pw")
    assert registrar.register(authorised, "c1").status == 200
    replay = registrar.register(authorised, "c1")
    assert replay.status == 401
    session = DigestSession()
    assert (
        registrar.register(
            answer(request, challenge, password="alice-pw", session=session), "c1"
        ).status
        == 401
    ), "nc=1 again from a new session"


def test_nonce_reused_with_increasing_count(registrar: Registrar) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    session = DigestSession()
    first = answer(request, challenge, password="alice-pw", session=session)
    second = answer(request, challenge, password="alice-pw", session=session)  # nc=2
    assert registrar.register(first, "c1").status == 200
    assert registrar.register(second, "c1").status == 200


def test_foreign_nonce_and_other_realm_are_challenged(registrar: Registrar) -> None:
    request = register()
    other = Registrar(DOMAIN, dict(ACCOUNTS), SECRET)
    foreign = other.register(request, "c1")
    assert registrar.register(answer(request, foreign, password="alice-pw"), "c1").status == 401
    wrong_realm = register(headers=(("Authorization", 'Digest username="alice", realm="x"'),))
    assert registrar.register(wrong_realm, "c1").status == 401


def test_malformed_credentials_get_400(registrar: Registrar) -> None:
    for value in (
        'Digest username="alice", realm="demo.test"',  # no nonce/uri/response
        'Digest username="alice", realm="demo.test", nonce="unterminated',
        "Bearer a b",
    ):
        response = registrar.register(register(headers=(("Authorization", value),)), "c1")
        assert response.status == 400, value
        assert value not in response.reason


def test_digest_uri_must_match_the_request_uri(registrar: Registrar) -> None:
    request = register()
    challenge = registrar.register(request, "c1")
    authorised = answer(request, challenge, password="alice-pw")
    authorised.uri = SipUri("elsewhere.test")
    assert registrar.register(authorised, "c1").status == 400


def test_proxy_challenge_is_407_with_proxy_authenticate(registrar: Registrar) -> None:
    request = register()
    response = registrar.challenge(request, proxy=True)
    assert response.status == 407
    assert len(response.headers.get_all("Proxy-Authenticate")) == 2
    assert "WWW-Authenticate" not in response.headers


# -- bearer --------------------------------------------------------------------------------


def bearer(token: str) -> SipRequest:
    return register(headers=(("Authorization", f"Bearer {token}"),))


def test_good_token(registrar: Registrar, clock: Clock) -> None:
    token = make_demo_token(SECRET, sub="alice", iss="tests", now=clock.now)
    response = registrar.register(bearer(token), "c1")
    assert response.status == 200
    assert registrar.snapshot("alice")[0].connection == "c1"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"secret": "other"}, 10007),
        ({"lifetime": -10}, 10006),
        ({"not_before_offset": 3600}, 10005),
        ({"lifetime": 3 * 86400}, 10009),
        ({"sub": None}, 10004),
        ({"sub": "mallory"}, 10004),
        ({"sub": "bob"}, None),  # valid token, but for another user than To
    ],
)
def test_refused_tokens(
    registrar: Registrar, clock: Clock, kwargs: dict[str, object], code: int | None
) -> None:
    params: dict[str, object] = {"sub": "alice", "iss": "tests", "now": clock.now}
    params.update(kwargs)
    secret = str(params.pop("secret", SECRET))
    token = make_demo_token(secret, **params)  # type: ignore[arg-type]
    response = registrar.register(bearer(token), "c1")
    assert response.status == 403
    if code is None:
        assert "X-Plivo-Jwt-Error-Code" not in response.headers
        return
    assert response.headers.get("X-Plivo-Jwt-Error-Code") == str(code)
    assert 'error="invalid_token"' in (response.headers.get("WWW-Authenticate") or "")
    assert token not in str(response)


def test_garbage_token(registrar: Registrar) -> None:
    response = registrar.register(bearer("not.a.jwt"), "c1")
    assert response.status == 403
    assert response.headers.get("X-Plivo-Jwt-Error-Code") in {"10001", "10002"}
    assert jwt_error_code("no such cause") == 10001


# -- expiry --------------------------------------------------------------------------------


def test_expires_header_contact_param_and_clamp(registrar: Registrar) -> None:
    ok = registered(registrar, register(expires=60))
    assert contact_params(ok)[0]["expires"] == "60"
    ok = registered(registrar, register(contact="<sip:x1@abc.invalid;transport=ws>;expires=45"))
    assert contact_params(ok)[0]["expires"] == "45", "the Contact param wins over the header"
    ok = registered(registrar, register(expires=100000))
    assert contact_params(ok)[0]["expires"] == "600", "clamped to max_expires"
    ok = registered(registrar, register(expires=None))
    assert contact_params(ok)[0]["expires"] == "600", "default 3600, clamped"
    assert len(registrar.snapshot("alice")) == 1, "same Contact: one binding, refreshed"
    assert registrar.register_counts["alice"] == 4


def test_interval_too_brief(registrar: Registrar) -> None:
    request = register(expires=5)
    response = registrar.register(
        answer(request, registrar.register(request, "c1"), password="alice-pw"), "c1"
    )
    assert response.status == 423
    assert response.headers.get("Min-Expires") == "10"
    assert registrar.snapshot("alice") == []


def test_expires_zero_and_star(registrar: Registrar) -> None:
    registered(registrar, register(contact="<sip:a@a.invalid>"))
    registered(registrar, register(contact="<sip:b@b.invalid>"))
    assert len(registrar.snapshot("alice")) == 2
    ok = registered(registrar, register(contact="<sip:a@a.invalid>", expires=0))
    assert [str(NameAddr.parse(v).uri) for v in ok.headers.values("Contact")] == ["sip:b@b.invalid"]
    request = register(contact="*", expires=60)
    bad = registrar.register(
        answer(request, registrar.register(request, "c1"), password="alice-pw"), "c1"
    )
    assert bad.status == 400
    ok = registered(registrar, register(contact="*", expires=0))
    assert ok.headers.values("Contact") == [] and registrar.snapshot("alice") == []


def test_bindings_expire(registrar: Registrar, clock: Clock) -> None:
    registered(registrar, register(expires=30))
    clock.now += 20
    assert registrar.snapshot("alice")[0].expires == 10
    clock.now += 11
    assert registrar.snapshot("alice") == []
    assert registrar.locate(SipUri(DOMAIN, "alice")).status == 480


def test_query_without_contact_lists_bindings(registrar: Registrar) -> None:
    registered(registrar, register())
    ok = registered(registrar, register(contact=None))
    assert len(ok.headers.values("Contact")) == 1


# -- several devices, GRUU, routing targets ------------------------------------------------


def device(n: int, *, gruu: bool = True, expires: int = 300) -> SipRequest:
    instance = f"urn:uuid:00000000-0000-4000-8000-00000000000{n}"
    contact = f'<sip:d{n}@d{n}.invalid;transport=ws>;+sip.instance="<{instance}>"'
    headers = (("Supported", "path, gruu"),) if gruu else ()
    return register(contact=contact, expires=expires, headers=headers)


def test_gruu(registrar: Registrar) -> None:
    ok = registered(registrar, device(1))
    [params] = contact_params(ok)
    assert params["+sip.instance"] == '"<urn:uuid:00000000-0000-4000-8000-000000000001>"'
    pub = (params["pub-gruu"] or "").strip('"')
    temp = (params["temp-gruu"] or "").strip('"')
    assert pub == f"sip:alice@{DOMAIN};gr=urn:uuid:00000000-0000-4000-8000-000000000001"
    assert temp.startswith("sip:tgruu.") and temp.endswith(f"@{DOMAIN};gr")
    for uri in (pub, temp):
        location = registrar.locate(SipUri.parse(uri))
        assert location.binding is not None and location.binding.instance == INSTANCE
    ok = registered(registrar, device(1, gruu=False))
    assert "pub-gruu" not in contact_params(ok)[0], "only with Supported: gruu"


def test_several_devices_route_to_the_most_recent(registrar: Registrar) -> None:
    registered(registrar, device(1), "c1")
    registered(registrar, device(2), "c2")
    ok = registered(registrar, device(3), "c3")
    assert len(ok.headers.values("Contact")) == 3
    aor = SipUri(DOMAIN, "alice")
    assert registrar.locate(aor).binding.connection == "c3"  # type: ignore[union-attr]
    registered(registrar, device(1), "c1")  # refresh: now the most recent
    assert registrar.locate(aor).binding.connection == "c1"  # type: ignore[union-attr]
    gr2 = SipUri(DOMAIN, "alice", params={"gr": "urn:uuid:00000000-0000-4000-8000-000000000002"})
    assert registrar.locate(gr2).binding.connection == "c2"  # type: ignore[union-attr]
    assert registrar.drop_connection("c1") == ["alice"]
    assert registrar.locate(aor).binding.connection == "c3"  # type: ignore[union-attr]
    assert [b.connection for b in registrar.snapshot("alice")] == ["c2", "c3"]
    registrar.drop_connection("c2")
    registrar.drop_connection("c3")
    assert registrar.locate(aor).status == 480
    assert registrar.locate(gr2).status == 480


def test_same_device_moving_to_a_new_connection(registrar: Registrar) -> None:
    registered(registrar, device(1), "c1")
    registered(registrar, device(1), "c9")
    [binding] = registrar.snapshot("alice")
    assert binding.connection == "c9"
    assert registrar.drop_connection("c1") == []
    assert len(registrar.snapshot("alice")) == 1


def test_locate_unknown(registrar: Registrar) -> None:
    assert registrar.locate(SipUri(DOMAIN, "mallory")).status == 404
    assert registrar.locate(SipUri("elsewhere.test", "alice")).status == 404
    assert registrar.locate(SipUri(DOMAIN, "bob")).status == 480
    assert registrar.locate(SipUri(DOMAIN, "tgruu.00", params={"gr": None})).status == 404


def test_register_for_another_domain_is_404(registrar: Registrar) -> None:
    request = register()
    request.headers.set("To", "<sip:alice@elsewhere.test>")
    assert registrar.register(request, "c1").status == 404


def test_bad_contact_or_expires_is_400(registrar: Registrar) -> None:
    for contact, expires in (
        ("<sip:a@a.invalid>;expires=soon", 60),
        ("<tel:+15551234567>", 60),
        ("<sip:a@a.invalid", 60),
    ):
        request = register(contact=contact, expires=expires)
        response = registrar.register(
            answer(request, registrar.register(request, "c1"), password="alice-pw"), "c1"
        )
        assert response.status == 400, contact


def test_invalid_expiry_configuration() -> None:
    with pytest.raises(ValueError):
        Registrar(DOMAIN, {}, SECRET, min_expires=100, max_expires=10)
