"""Access-token claim checks: exact cause strings, and the token never shows up in messages."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from webphone.sdk.core.token import (
    JWT_ERROR_CODES,
    AccessToken,
    TokenError,
    cause_for_jwt_error_code,
    make_demo_token,
    parse_access_token,
    verify_hs256,
)

NOW = 1_700_000_000.0
SECRET = "demo-secret"


def b64(value: Any) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(payload: Any, header: Any = None, signature: str = "c2lnbmF0dXJlLXNlY3JldA") -> str:
    header = {"alg": "HS256", "typ": "JWT"} if header is None else header
    return f"{b64(header)}.{b64(payload)}.{signature}"


def claims(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "iss": "MAXXXXXXXXXXXXXXXXXX",
        "sub": "alice",
        "nbf": NOW - 10,
        "exp": NOW + 3600,
        "app": "12345",
        "per": {"voice": {"incoming_allow": True, "outgoing_allow": True}},
    }
    for key, value in overrides.items():
        if value is _DROP:
            base.pop(key, None)
        else:
            base[key] = value
    return base


_DROP = object()


def refused(token: str, *, now: float = NOW) -> TokenError:
    with pytest.raises(TokenError) as info:
        parse_access_token(token, now=now)
    exc = info.value
    # the token (or any large piece of it) never appears in the message or repr
    for text in (str(exc), repr(exc)):
        assert not token.strip() or token.strip() not in text
        for segment in token.split("."):
            if len(segment) > 8:
                assert segment not in text
    return exc


# -- accepted tokens -------------------------------------------------------------------------


def test_valid_token() -> None:
    raw = jwt(claims())
    token = parse_access_token(raw, now=NOW)
    assert token == AccessToken(
        raw=raw,
        issuer="MAXXXXXXXXXXXXXXXXXX",
        subject="alice",
        app="12345",
        not_before=NOW - 10,
        expires_at=NOW + 3600,
        incoming_allowed=True,
        outgoing_allowed=True,
    )
    assert token.sip_username == "alice_MAXXXXXXXXXXXXXXXXXX"
    assert raw not in repr(token)
    assert "raw" not in repr(token)


def test_surrounding_whitespace_is_stripped() -> None:
    raw = jwt(claims())
    assert parse_access_token(f"  {raw}\n", now=NOW).raw == raw


def test_anonymous_username_is_stable_and_uses_parse_time() -> None:
    token = parse_access_token(jwt(claims(sub=_DROP)), now=NOW)
    assert token.subject is None
    expected = f"puser{int(NOW * 1000)}jt_MAXXXXXXXXXXXXXXXXXX"
    assert token.sip_username == expected
    assert token.sip_username == expected


def test_optional_claims_absent() -> None:
    token = parse_access_token(jwt(claims(app=_DROP, per=_DROP)), now=NOW)
    assert token.app is None
    # no grants block: no restriction expressed
    assert (token.incoming_allowed, token.outgoing_allowed) == (True, True)


def test_partial_grants() -> None:
    token = parse_access_token(jwt(claims(per={"voice": {"outgoing_allow": True}})), now=NOW)
    assert (token.incoming_allowed, token.outgoing_allowed) == (False, True)
    token = parse_access_token(
        jwt(claims(per={"voice": {"incoming_allow": True, "outgoing_allow": False}})), now=NOW
    )
    assert (token.incoming_allowed, token.outgoing_allowed) == (True, False)


def test_integer_and_float_times() -> None:
    token = parse_access_token(jwt(claims(nbf=int(NOW), exp=NOW + 0.5)), now=NOW)
    assert token.not_before == int(NOW) and token.expires_at == NOW + 0.5


def test_nbf_within_clock_skew_is_accepted() -> None:
    parse_access_token(jwt(claims(nbf=NOW + 30)), now=NOW)


def test_exactly_24_hours_is_accepted() -> None:
    parse_access_token(jwt(claims(nbf=NOW, exp=NOW + 86400)), now=NOW)


def test_padded_segments_and_other_alg_are_accepted() -> None:
    header = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"jwt"}').decode()
    payload = base64.urlsafe_b64encode(json.dumps(claims()).encode()).decode()
    parse_access_token(f"{header}.{payload}.c2ln", now=NOW)


# -- refused tokens: exact causes -----------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "not-a-jwt",
        "a.b",
        "a.b.c.d",
        "a..c",
        jwt(claims()) + ".",
        jwt(claims(), signature=""),
        jwt(claims(), signature="sig!"),
        jwt(claims()).replace(".", ".%", 1),
        "x" * 9000,
    ],
)
def test_malformed_structure(raw: str) -> None:
    assert refused(raw).cause == "INVALID_ACCESS_TOKEN"


def test_not_a_string() -> None:
    with pytest.raises(TokenError) as info:
        parse_access_token(None, now=NOW)  # type: ignore[arg-type]
    assert info.value.cause == "INVALID_ACCESS_TOKEN"


@pytest.mark.parametrize(
    "header",
    [
        {"typ": "JWT"},
        {"alg": "", "typ": "JWT"},
        {"alg": 5, "typ": "JWT"},
        {"alg": "HS256"},
        {"alg": "HS256", "typ": "JWS"},
        {"alg": "HS256", "typ": None},
        ["alg", "typ"],
        "JWT",
    ],
)
def test_bad_header(header: Any) -> None:
    assert refused(jwt(claims(), header=header)).cause == "INVALID_ACCESS_TOKEN_HEADER"


@pytest.mark.parametrize("raw_header", [b"not json", b"\xff\xfe", b'{"alg":"HS256","typ":"JWT"'])
def test_undecodable_header(raw_header: bytes) -> None:
    token = f"{b64(raw_header)}.{b64(claims())}.c2ln"
    assert refused(token).cause == "INVALID_ACCESS_TOKEN_HEADER"


def test_garbage_three_segments() -> None:
    assert refused("not.a.jwt").cause.startswith("INVALID_ACCESS_TOKEN")


@pytest.mark.parametrize(
    "payload",
    [
        claims(iss=_DROP),
        claims(iss=5),
        claims(iss=None),
        claims(nbf=_DROP),
        claims(exp=_DROP),
        claims(nbf="1700000000"),
        claims(exp=True),
        claims(exp=None),
        claims(sub=5),
        claims(app=["x"]),
        claims(per="voice"),
        claims(per={"voice": "all"}),
        claims(per={"voice": {"incoming_allow": "true", "outgoing_allow": True}}),
        claims(per={"voice": {"incoming_allow": True, "outgoing_allow": 1}}),
        [claims()],
        "claims",
    ],
)
def test_claim_type_errors(payload: Any) -> None:
    assert refused(jwt(payload)).cause == "INVALID_ACCESS_TOKEN"


@pytest.mark.parametrize(
    "raw_payload",
    [b"{", b"\xff", b'{"exp": NaN}', b'{"exp": Infinity}', b"[" * 5000, b'{"exp": 1e999}'],
)
def test_undecodable_payload(raw_payload: bytes) -> None:
    assert refused(jwt(raw_payload)).cause == "INVALID_ACCESS_TOKEN"


def test_expired() -> None:
    assert refused(jwt(claims(exp=NOW - 1))).cause == "ACCESS_TOKEN_EXPIRED"
    assert refused(jwt(claims(exp=NOW))).cause == "ACCESS_TOKEN_EXPIRED"


def test_not_valid_yet() -> None:
    exc = refused(jwt(claims(nbf=NOW + 31, exp=NOW + 3600)))
    assert exc.cause == "ACCESS_TOKEN_NOT_VALID_YET"


def test_empty_issuer() -> None:
    assert refused(jwt(claims(iss=""))).cause == "INVALID_ACCESS_TOKEN_ISSUER"
    assert refused(jwt(claims(iss="  "))).cause == "INVALID_ACCESS_TOKEN_ISSUER"


def test_empty_subject() -> None:
    assert refused(jwt(claims(sub=""))).cause == "INVALID_ACCESS_TOKEN_SUBJECT"


def test_lifetime_over_24_hours() -> None:
    exc = refused(jwt(claims(nbf=NOW - 10, exp=NOW - 10 + 86401)))
    assert exc.cause == "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME"


@pytest.mark.parametrize(
    "per",
    [
        {"voice": {"incoming_allow": False, "outgoing_allow": False}},
        {"voice": {}},
        {},
    ],
)
def test_no_grants(per: dict[str, Any]) -> None:
    assert refused(jwt(claims(per=per))).cause == "INVALID_ACCESS_TOKEN_GRANTS"


def test_message_is_human_and_names_no_secret() -> None:
    exc = refused(jwt(claims(exp=NOW - 5)))
    assert str(exc) == "access token has expired"
    assert isinstance(exc, ValueError)


def test_uses_the_clock_when_now_is_not_given() -> None:
    fresh = make_demo_token(SECRET, sub="alice", iss="ACME")
    assert parse_access_token(fresh).subject == "alice"
    stale = make_demo_token(SECRET, sub="alice", iss="ACME", lifetime=-10)
    with pytest.raises(TokenError) as info:
        parse_access_token(stale)
    assert info.value.cause == "ACCESS_TOKEN_EXPIRED"


# -- server error codes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("10001", "INVALID_ACCESS_TOKEN"),
        ("10002", "INVALID_ACCESS_TOKEN_HEADER"),
        ("10003", "INVALID_ACCESS_TOKEN_ISSUER"),
        ("10004", "INVALID_ACCESS_TOKEN_SUBJECT"),
        ("10005", "ACCESS_TOKEN_NOT_VALID_YET"),
        ("10006", "ACCESS_TOKEN_EXPIRED"),
        ("10007", "INVALID_ACCESS_TOKEN_SIGNATURE"),
        ("10008", "INVALID_ACCESS_TOKEN_GRANTS"),
        ("10009", "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME"),
        (" 10010 ", "MAX_ALLOWED_LOGIN_REACHED"),
        ("10011", "Unauthorised"),
        ("0", "Unauthorised"),
        ("abc", "Unauthorised"),
        ("-10001", "Unauthorised"),
        ("\u0661\u0660\u0660\u0660\u0661", "Unauthorised"),  # Arabic-Indic digits
        ("9" * 5000, "Unauthorised"),
        (None, None),
        ("", None),
        ("  ", None),
    ],
)
def test_cause_for_jwt_error_code(value: str | None, cause: str | None) -> None:
    assert cause_for_jwt_error_code(value) == cause


def test_jwt_error_codes_table() -> None:
    assert sorted(JWT_ERROR_CODES) == list(range(10001, 10011))


# -- demo token helpers ----------------------------------------------------------------------


def test_demo_token_round_trip() -> None:
    token = make_demo_token(SECRET, sub="alice", iss="ACME", now=NOW, app="app1")
    payload = verify_hs256(token, SECRET)
    assert payload == {
        "iss": "ACME",
        "sub": "alice",
        "nbf": int(NOW),
        "exp": int(NOW) + 3600,
        "app": "app1",
        "per": {"voice": {"incoming_allow": True, "outgoing_allow": True}},
    }
    parsed = parse_access_token(token, now=NOW)
    assert parsed.sip_username == "alice_ACME"
    assert parsed.app == "app1"


def test_demo_token_is_a_standard_hs256_jwt() -> None:
    import hashlib
    import hmac

    token = make_demo_token(SECRET, sub="alice", iss="ACME", now=NOW)
    header, payload, signature = token.split(".")
    assert json.loads(base64.urlsafe_b64decode(header + "==")) == {"alg": "HS256", "typ": "JWT"}
    expected = hmac.new(SECRET.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(signature + "=") == expected
    assert "=" not in token


def test_verify_rejects_wrong_secret_and_tampering() -> None:
    token = make_demo_token(SECRET, sub="alice", iss="ACME", now=NOW)
    with pytest.raises(TokenError) as info:
        verify_hs256(token, "other-secret")
    assert info.value.cause == "INVALID_ACCESS_TOKEN_SIGNATURE"
    assert token not in str(info.value) and SECRET not in str(info.value)
    header, _payload, signature = token.split(".")
    forged = f"{header}.{b64(claims(sub='mallory'))}.{signature}"
    with pytest.raises(TokenError) as info:
        verify_hs256(forged, SECRET)
    assert info.value.cause == "INVALID_ACCESS_TOKEN_SIGNATURE"


def test_verify_rejects_other_algorithms_and_garbage() -> None:
    none_alg = jwt(claims(), header={"alg": "none", "typ": "JWT"}, signature="AA")
    with pytest.raises(TokenError) as info:
        verify_hs256(none_alg, SECRET)
    assert info.value.cause == "INVALID_ACCESS_TOKEN_HEADER"
    with pytest.raises(TokenError) as info:
        verify_hs256("garbage", SECRET)
    assert info.value.cause == "INVALID_ACCESS_TOKEN"


@pytest.mark.parametrize(
    ("kwargs", "cause"),
    [
        ({"lifetime": -10}, "ACCESS_TOKEN_EXPIRED"),
        ({"not_before_offset": 3600}, "ACCESS_TOKEN_NOT_VALID_YET"),
        ({"lifetime": 3 * 86400}, "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME"),
        ({"incoming": False, "outgoing": False}, "INVALID_ACCESS_TOKEN_GRANTS"),
        ({"sub": ""}, "INVALID_ACCESS_TOKEN_SUBJECT"),
        ({"iss": ""}, "INVALID_ACCESS_TOKEN_ISSUER"),
    ],
)
def test_demo_tokens_with_bad_claims(kwargs: dict[str, Any], cause: str) -> None:
    args: dict[str, Any] = {"sub": "alice", "iss": "ACME", "now": NOW} | kwargs
    token = make_demo_token(SECRET, **args)
    verify_hs256(token, SECRET)  # correctly signed, just unacceptable claims
    assert refused(token).cause == cause


def test_demo_token_without_subject() -> None:
    token = parse_access_token(make_demo_token(SECRET, sub=None, iss="ACME", now=NOW), now=NOW)
    assert token.sip_username == f"puser{int(NOW * 1000)}jt_ACME"


# -- fuzzing --------------------------------------------------------------------------------


_segment = st.one_of(
    st.text(alphabet="ABCDEFabcdef0123456789-_=", max_size=40),
    st.builds(
        b64,
        st.dictionaries(
            st.sampled_from(["iss", "sub", "nbf", "exp", "per", "alg", "typ"]),
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(),
                st.floats(allow_nan=False),
                st.text(max_size=5),
                st.dictionaries(st.text(max_size=3), st.booleans()),
            ),
            max_size=6,
        ),
    ),
    st.builds(b64, st.binary(max_size=40)),
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(_segment, min_size=1, max_size=4).map(".".join)))
def test_parse_only_raises_token_error(raw: str) -> None:
    try:
        token = parse_access_token(raw, now=NOW)
    except TokenError as exc:
        assert exc.cause in set(JWT_ERROR_CODES.values())
        if len(raw.strip()) > 8:
            assert raw.strip() not in str(exc)
        return
    assert token.issuer.strip()
    assert token.expires_at > NOW
