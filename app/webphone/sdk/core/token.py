"""Access tokens (JWT): the client-side claim checks of ``login_with_access_token``.

Pure: no I/O, no logging. The signature is *not* verified here — the server does that —
so no secret is needed to log in. Failures raise :class:`TokenError` whose ``cause`` is the
reference SDK's cause string and whose message never contains the token.

:func:`make_demo_token` and :func:`verify_hs256` at the bottom are for the embedded demo
service and the tests only (HS256 with a shared secret); the client never calls them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
import time
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ACCESS_TOKEN_EXPIRED",
    "ACCESS_TOKEN_NOT_VALID_YET",
    "CLOCK_SKEW",
    "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME",
    "INVALID_ACCESS_TOKEN",
    "INVALID_ACCESS_TOKEN_GRANTS",
    "INVALID_ACCESS_TOKEN_HEADER",
    "INVALID_ACCESS_TOKEN_ISSUER",
    "INVALID_ACCESS_TOKEN_SIGNATURE",
    "INVALID_ACCESS_TOKEN_SUBJECT",
    "JWT_ERROR_CODES",
    "MAX_ALLOWED_LOGIN_REACHED",
    "MAX_LIFETIME",
    "UNAUTHORISED",
    "AccessToken",
    "TokenError",
    "cause_for_jwt_error_code",
    "make_demo_token",
    "parse_access_token",
    "verify_hs256",
]

INVALID_ACCESS_TOKEN = "INVALID_ACCESS_TOKEN"
INVALID_ACCESS_TOKEN_HEADER = "INVALID_ACCESS_TOKEN_HEADER"
INVALID_ACCESS_TOKEN_ISSUER = "INVALID_ACCESS_TOKEN_ISSUER"
INVALID_ACCESS_TOKEN_SUBJECT = "INVALID_ACCESS_TOKEN_SUBJECT"
ACCESS_TOKEN_NOT_VALID_YET = "ACCESS_TOKEN_NOT_VALID_YET"
ACCESS_TOKEN_EXPIRED = "ACCESS_TOKEN_EXPIRED"
INVALID_ACCESS_TOKEN_SIGNATURE = "INVALID_ACCESS_TOKEN_SIGNATURE"
INVALID_ACCESS_TOKEN_GRANTS = "INVALID_ACCESS_TOKEN_GRANTS"
EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME = "EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME"
MAX_ALLOWED_LOGIN_REACHED = "MAX_ALLOWED_LOGIN_REACHED"
UNAUTHORISED = "Unauthorised"

#: Server response header ``X-Plivo-Jwt-Error-Code`` value -> cause string.
JWT_ERROR_CODES: dict[int, str] = {
    10001: INVALID_ACCESS_TOKEN,
    10002: INVALID_ACCESS_TOKEN_HEADER,
    10003: INVALID_ACCESS_TOKEN_ISSUER,
    10004: INVALID_ACCESS_TOKEN_SUBJECT,
    10005: ACCESS_TOKEN_NOT_VALID_YET,
    10006: ACCESS_TOKEN_EXPIRED,
    10007: INVALID_ACCESS_TOKEN_SIGNATURE,
    10008: INVALID_ACCESS_TOKEN_GRANTS,
    10009: EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME,
    10010: MAX_ALLOWED_LOGIN_REACHED,
}

CLOCK_SKEW = 30.0  # seconds an ``nbf`` may lie in the future
MAX_LIFETIME = 24 * 3600.0  # largest allowed ``exp - nbf``
MAX_TOKEN_LENGTH = 8192  # anything longer is refused before decoding

_SEGMENT_RE = re.compile(r"[A-Za-z0-9_-]*")


class TokenError(ValueError):
    """An access token was refused. ``cause`` is the SDK cause string; ``str(exc)`` is a
    human message that never contains the token."""

    def __init__(self, cause: str, message: str | None = None) -> None:
        super().__init__(message or cause)
        self.cause = cause


def cause_for_jwt_error_code(value: str | None) -> str | None:
    """Cause for an ``X-Plivo-Jwt-Error-Code`` header value; None when the header is
    absent or empty, ``'Unauthorised'`` for a code we do not know."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        return UNAUTHORISED
    return JWT_ERROR_CODES.get(int(text), UNAUTHORISED)


@dataclass(frozen=True)
class AccessToken:
    """A JWT whose claims passed the client-side checks (signature not verified)."""

    raw: str = field(repr=False)
    issuer: str
    subject: str | None
    app: str | None
    not_before: float
    expires_at: float
    incoming_allowed: bool
    outgoing_allowed: bool
    parsed_at_ms: int = field(default=0, compare=False)  # epoch ms, for anonymous usernames

    @property
    def sip_username(self) -> str:
        """``<sub>_<iss>``, or ``puser<epoch-ms>jt_<iss>`` for a token without a subject
        (the reference SDK's rule; the epoch is fixed at parse time so this is stable)."""
        if self.subject:
            return f"{self.subject}_{self.issuer}"
        return f"puser{self.parsed_at_ms}jt_{self.issuer}"


def _b64url_decode(segment: str) -> bytes:
    """Decode one base64url JWT segment (padding tolerated); ValueError if it is not one."""
    stripped = segment.rstrip("=")
    if not _SEGMENT_RE.fullmatch(stripped) or len(stripped) % 4 == 1:
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


def _b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json_object(segment: str) -> dict[str, Any] | None:
    """The JSON object in a base64url segment, or None if it is anything else."""
    try:
        decoded = _b64url_decode(segment).decode("utf-8")
        value = json.loads(decoded, parse_constant=_reject_constant)
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError included
        return None
    return value if isinstance(value, dict) else None


def _split(jwt: object) -> tuple[str, str, str, str]:
    """(stripped token, header, payload, signature) segments, or TokenError."""
    if not isinstance(jwt, str):
        raise TokenError(INVALID_ACCESS_TOKEN, "access token is not a string")
    token = jwt.strip()
    if not token:
        raise TokenError(INVALID_ACCESS_TOKEN, "access token is empty")
    if len(token) > MAX_TOKEN_LENGTH:
        raise TokenError(INVALID_ACCESS_TOKEN, "access token is too long")
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise TokenError(INVALID_ACCESS_TOKEN, "access token is not three base64url segments")
    if not all(_SEGMENT_RE.fullmatch(p.rstrip("=")) for p in parts):
        raise TokenError(INVALID_ACCESS_TOKEN, "access token has characters outside base64url")
    return token, parts[0], parts[1], parts[2]


def _check_header(segment: str) -> dict[str, Any]:
    header = _json_object(segment)
    if header is None:
        raise TokenError(INVALID_ACCESS_TOKEN_HEADER, "access token header is not a JSON object")
    alg = header.get("alg")
    if not isinstance(alg, str) or not alg:
        raise TokenError(INVALID_ACCESS_TOKEN_HEADER, "access token header has no alg")
    typ = header.get("typ")
    if not isinstance(typ, str) or typ.upper() != "JWT":
        raise TokenError(INVALID_ACCESS_TOKEN_HEADER, 'access token header typ is not "JWT"')
    return header


def _number(payload: dict[str, Any], name: str) -> float:
    value = payload.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TokenError(INVALID_ACCESS_TOKEN, f"access token claim {name!r} is not a number")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise TokenError(INVALID_ACCESS_TOKEN, f"access token claim {name!r} is not finite")
    return number


def _optional_str(payload: dict[str, Any], name: str) -> str | None:
    value = payload.get(name)
    if value is not None and not isinstance(value, str):
        raise TokenError(INVALID_ACCESS_TOKEN, f"access token claim {name!r} is not a string")
    return value


def _grants(payload: dict[str, Any]) -> tuple[bool, bool] | None:
    """(incoming, outgoing) from ``per.voice``, or None when the token has no grants block."""
    if "per" not in payload:
        return None
    per = payload["per"]
    if not isinstance(per, dict):
        raise TokenError(INVALID_ACCESS_TOKEN, "access token claim 'per' is not an object")
    voice = per.get("voice", {})
    if not isinstance(voice, dict):
        raise TokenError(INVALID_ACCESS_TOKEN, "access token claim 'per.voice' is not an object")
    allowed: list[bool] = []
    for name in ("incoming_allow", "outgoing_allow"):
        value = voice.get(name, False)
        if not isinstance(value, bool):
            raise TokenError(
                INVALID_ACCESS_TOKEN, f"access token claim 'per.voice.{name}' is not a boolean"
            )
        allowed.append(value)
    return allowed[0], allowed[1]


def parse_access_token(jwt: str, *, now: float | None = None) -> AccessToken:
    """Check a JWT's structure and claims as the reference SDK does before logging in.

    Order of checks: structure (``INVALID_ACCESS_TOKEN``), header
    (``INVALID_ACCESS_TOKEN_HEADER``), claim types (``INVALID_ACCESS_TOKEN``), issuer,
    subject, expiry, not-before (30 s skew), lifetime (24 h), grants. Surrounding whitespace
    is stripped. Without a ``per`` block both directions count as allowed; with one, a
    missing flag is False.
    """
    current = time.time() if now is None else now
    token, header_segment, payload_segment, _signature = _split(jwt)
    _check_header(header_segment)
    payload = _json_object(payload_segment)
    if payload is None:
        raise TokenError(INVALID_ACCESS_TOKEN, "access token payload is not a JSON object")
    issuer = payload.get("iss")
    if not isinstance(issuer, str):
        raise TokenError(
            INVALID_ACCESS_TOKEN, "access token claim 'iss' is missing or not a string"
        )
    not_before = _number(payload, "nbf")
    expires_at = _number(payload, "exp")
    subject = _optional_str(payload, "sub")
    app = _optional_str(payload, "app")
    grants = _grants(payload)
    if not issuer.strip():
        raise TokenError(INVALID_ACCESS_TOKEN_ISSUER, "access token issuer is empty")
    if subject is not None and not subject.strip():
        raise TokenError(INVALID_ACCESS_TOKEN_SUBJECT, "access token subject is empty")
    if expires_at <= current:
        raise TokenError(ACCESS_TOKEN_EXPIRED, "access token has expired")
    if not_before > current + CLOCK_SKEW:
        raise TokenError(ACCESS_TOKEN_NOT_VALID_YET, "access token is not valid yet")
    if expires_at - not_before > MAX_LIFETIME:
        raise TokenError(
            EXPIRATION_EXCEEDS_MAX_ALLOWED_TIME, "access token lifetime exceeds 24 hours"
        )
    if grants is not None and not any(grants):
        raise TokenError(
            INVALID_ACCESS_TOKEN_GRANTS, "access token allows neither incoming nor outgoing calls"
        )
    incoming, outgoing = grants if grants is not None else (True, True)
    return AccessToken(
        raw=token,
        issuer=issuer,
        subject=subject,
        app=app,
        not_before=not_before,
        expires_at=expires_at,
        incoming_allowed=incoming,
        outgoing_allowed=outgoing,
        parsed_at_ms=int(current * 1000),
    )


# -- for the embedded demo service and the tests only ---------------------------------------


def _hs256(signing_input: str, secret: str) -> str:
    mac = hmac.new(secret.encode("utf-8"), signing_input.encode("ascii"), hashlib.sha256)
    return _b64url_encode(mac.digest())


def make_demo_token(
    secret: str,
    *,
    sub: str | None,
    iss: str,
    lifetime: float = 3600,
    now: float | None = None,
    outgoing: bool = True,
    incoming: bool = True,
    not_before_offset: float = 0,
    app: str | None = None,
) -> str:
    """An HS256-signed JWT shaped like the reference service's (demo service and tests only).

    ``nbf = now + not_before_offset`` and ``exp = nbf + lifetime`` (integer seconds), so a
    negative *lifetime* makes an expired token. ``sub=None`` leaves the subject out.
    """
    issued = time.time() if now is None else now
    nbf = int(issued + not_before_offset)
    payload: dict[str, Any] = {"iss": iss, "nbf": nbf, "exp": int(nbf + lifetime)}
    if sub is not None:
        payload["sub"] = sub
    if app is not None:
        payload["app"] = app
    payload["per"] = {"voice": {"incoming_allow": incoming, "outgoing_allow": outgoing}}
    header = {"alg": "HS256", "typ": "JWT"}

    def segment(value: dict[str, Any]) -> str:
        return _b64url_encode(json.dumps(value, separators=(",", ":")).encode("utf-8"))

    signing_input = f"{segment(header)}.{segment(payload)}"
    return f"{signing_input}.{_hs256(signing_input, secret)}"


def verify_hs256(jwt: str, secret: str) -> dict[str, Any]:
    """The payload of an HS256 JWT whose signature matches *secret* (constant-time compare);
    demo service and tests only. Claims are *not* checked (use :func:`parse_access_token`).

    Raises TokenError: ``INVALID_ACCESS_TOKEN`` (malformed), ``INVALID_ACCESS_TOKEN_HEADER``
    (bad header or alg other than HS256), ``INVALID_ACCESS_TOKEN_SIGNATURE`` (mismatch).
    """
    _token, header_segment, payload_segment, signature = _split(jwt)
    header = _check_header(header_segment)
    if header.get("alg") != "HS256":
        raise TokenError(INVALID_ACCESS_TOKEN_HEADER, "access token alg is not HS256")
    expected = _hs256(f"{header_segment}.{payload_segment}", secret)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii")):
        raise TokenError(INVALID_ACCESS_TOKEN_SIGNATURE, "access token signature does not match")
    payload = _json_object(payload_segment)
    if payload is None:
        raise TokenError(INVALID_ACCESS_TOKEN, "access token payload is not a JSON object")
    return payload
