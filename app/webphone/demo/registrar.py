"""The demo service's registrar: digest/bearer authentication and bindings. Pure logic.

Nonces are stateless (HMAC over a timestamp), so any nonce we issued can be verified and
an old one is answered with ``stale=true``; nonce counts are tracked per nonce to refuse
replays.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from ..sdk.token import JWT_ERROR_CODES, TokenError, parse_access_token, verify_hs256
from ..sip.auth import digest_response
from ..sip.grammar import split_outside_quotes, unquote
from ..sip.headers import NameAddr
from ..sip.message import SipRequest, SipResponse, make_response
from ..sip.uri import SipUri

NONCE_LIFETIME = 300.0
_CODE_FOR_CAUSE = {cause: code for code, cause in JWT_ERROR_CODES.items()}


@dataclass
class Binding:
    user: str
    contact: str  # the Contact header value as registered
    uri: SipUri
    connection: str
    expires_at: float
    instance: str | None = None

    def remaining(self, now: float) -> int:
        return max(0, int(self.expires_at - now))


@dataclass
class Nonces:
    """Issues and checks server nonces without storing them."""

    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    lifetime: float = NONCE_LIFETIME
    _counts: dict[str, int] = field(default_factory=dict)

    def issue(self, now: float) -> str:
        stamp = str(int(now * 1000))
        mac = hmac.new(self.key, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        return f"{stamp}-{mac}"

    def check(self, nonce: str, nc: int | None, now: float) -> str:
        """'ok', 'stale' or 'bad' for a nonce presented with nonce-count *nc*."""
        stamp, _, mac = nonce.partition("-")
        expected = hmac.new(self.key, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        if not hmac.compare_digest(mac, expected):
            return "bad"
        if not stamp.isdigit():
            return "bad"
        issued = int(stamp) / 1000
        if now - issued > self.lifetime:
            return "stale"
        if nc is not None:
            if nc <= self._counts.get(nonce, 0):
                return "bad"  # replayed or reordered nonce-count
            self._counts[nonce] = nc
        return "ok"


def parse_authorization(value: str) -> tuple[str, dict[str, str]]:
    """(scheme, params) of an Authorization header value; params lower-cased, unquoted."""
    scheme, _, rest = value.strip().partition(" ")
    params: dict[str, str] = {}
    for item in split_outside_quotes(rest, ","):
        key, eq, raw = item.strip().partition("=")
        if eq:
            params[key.strip().lower()] = unquote(raw.strip())
    return scheme.lower(), params


class Registrar:
    """Challenges, authenticates and keeps bindings for the demo accounts."""

    def __init__(
        self,
        domain: str,
        accounts: dict[str, str],
        jwt_secret: str,
        *,
        min_expires: int = 10,
        max_expires: int = 3600,
    ) -> None:
        self.domain = domain
        self.accounts = accounts
        self.jwt_secret = jwt_secret
        self.min_expires = min_expires
        self.max_expires = max_expires
        self.nonces = Nonces()
        self._bindings: dict[str, list[Binding]] = {}
        self.register_counts: dict[str, int] = {}

    # -- authentication (shared with the proxy's 407 challenges) ------------------------
    def challenge(self, request: SipRequest, status: int, *, stale: bool = False) -> SipResponse:
        response = make_response(request, status, to_tag=secrets.token_hex(4))
        name = "WWW-Authenticate" if status == 401 else "Proxy-Authenticate"
        nonce = self.nonces.issue(time.time())
        for algorithm in ("SHA-256", "MD5"):  # RFC 8760: strongest first
            value = (
                f'Digest realm="{self.domain}", nonce="{nonce}", opaque="demo", '
                f'algorithm={algorithm}, qop="auth"'
            )
            if stale:
                value += ", stale=true"
            response.headers.add(name, value)
        return response

    def authenticate(
        self, request: SipRequest, header: str, status: int
    ) -> tuple[str | None, SipResponse | None]:
        """(user, None) when the request proves who it is; (None, response) otherwise."""
        value = request.headers.get(header)
        if value is None:
            return None, self.challenge(request, status)
        scheme, params = parse_authorization(value)
        if scheme == "bearer":
            return self._bearer(request, value.strip()[7:].strip())
        if scheme != "digest":
            return None, self.challenge(request, status)
        user = params.get("username", "")
        try:
            nc = int(params["nc"], 16) if "nc" in params else None
        except ValueError:
            return None, make_response(request, 400, "Bad Request (nc)", to_tag="x")
        state = self.nonces.check(params.get("nonce", ""), nc, time.time())
        if state == "stale":
            return None, self.challenge(request, status, stale=True)
        if state == "bad":
            return None, self.challenge(request, status)
        password = self.accounts.get(user)
        if password is None:
            return None, make_response(request, 403, "Forbidden (unknown user)", to_tag="x")
        try:
            expected = digest_response(
                algorithm=params.get("algorithm", "MD5"),
                username=user,
                realm=params.get("realm", ""),
                password=password,
                method=request.method,
                uri=params.get("uri", ""),
                nonce=params.get("nonce", ""),
                qop=params.get("qop"),
                nc=nc or 1,
                cnonce=params.get("cnonce"),
                body=request.body,
            )
        except (ValueError, KeyError):
            return None, self.challenge(request, status)
        if params.get("realm") != self.domain or not hmac.compare_digest(
            expected, params.get("response", "")
        ):
            return None, self.challenge(request, status)  # wrong password: a fresh challenge
        return user, None

    def _bearer(self, request: SipRequest, token: str) -> tuple[str | None, SipResponse | None]:
        try:
            verify_hs256(token, self.jwt_secret)
            access = parse_access_token(token)
        except TokenError as exc:
            response = make_response(request, 403, "Forbidden (invalid token)", to_tag="x")
            response.headers.add(
                "X-Plivo-Jwt-Error-Code", str(_CODE_FOR_CAUSE.get(exc.cause, 10001))
            )
            response.headers.add("WWW-Authenticate", 'Bearer error="invalid_token"')
            return None, response
        user = access.subject
        if user is None or user not in self.accounts:
            response = make_response(request, 403, "Forbidden (unknown subject)", to_tag="x")
            response.headers.add("X-Plivo-Jwt-Error-Code", "10004")
            return None, response
        return user, None

    # -- REGISTER ---------------------------------------------------------------------------
    def register(self, request: SipRequest, connection: str) -> SipResponse:
        to_uri = request.to.uri
        if not isinstance(to_uri, SipUri) or to_uri.host != self.domain or not to_uri.user:
            return make_response(request, 404, "Not Found (not a demo address)", to_tag="x")
        user, failure = self.authenticate(request, "Authorization", 401)
        if failure is not None:
            return failure
        assert user is not None
        if user != to_uri.user:
            return make_response(request, 403, "Forbidden (not your address)", to_tag="x")
        now = time.time()
        header_expires = request.expires
        contacts = request.headers.values("Contact")
        if contacts == ["*"]:
            if header_expires != 0:
                return make_response(request, 400, "Bad Request (* needs Expires: 0)", to_tag="x")
            self._bindings.pop(user, None)
            return self._ok(request, user, now)
        for text in contacts:
            contact = NameAddr.parse(text)
            raw = contact.params.get("expires")
            expires = int(raw) if raw and raw.isdigit() else header_expires
            expires = 3600 if expires is None else expires
            if 0 < expires < self.min_expires:
                response = make_response(request, 423, to_tag="x")
                response.headers.add("Min-Expires", str(self.min_expires))
                return response
            if not isinstance(contact.uri, SipUri):
                return make_response(request, 400, "Bad Request (Contact)", to_tag="x")
            key = str(contact.uri)
            bindings = [b for b in self._bindings.get(user, []) if str(b.uri) != key]
            if expires > 0:
                instance = contact.params.get("+sip.instance")
                bindings.append(
                    Binding(
                        user,
                        text,
                        contact.uri,
                        connection,
                        now + min(expires, self.max_expires),
                        unquote(instance) if instance else None,
                    )
                )
            self._bindings[user] = bindings
        self.register_counts[user] = self.register_counts.get(user, 0) + 1
        return self._ok(request, user, now)

    def _ok(self, request: SipRequest, user: str, now: float) -> SipResponse:
        response = make_response(request, 200, to_tag=secrets.token_hex(4))
        gruu = "gruu" in (request.headers.get("Supported") or "")
        for binding in self.bindings(user, now):
            params = f";expires={binding.remaining(now)}"
            if binding.instance:
                params += f';+sip.instance="{binding.instance}"'
                if gruu:
                    urn = binding.instance.strip("<>")
                    params += f';pub-gruu="sip:{user}@{self.domain};gr={urn}"'
            response.headers.add("Contact", f"<{binding.uri}>{params}")
        return response

    def bindings(self, user: str, now: float | None = None) -> list[Binding]:
        now = time.time() if now is None else now
        alive = [b for b in self._bindings.get(user, []) if b.expires_at > now]
        self._bindings[user] = alive
        return list(alive)

    def drop_connection(self, connection: str) -> None:
        for user, bindings in list(self._bindings.items()):
            self._bindings[user] = [b for b in bindings if b.connection != connection]

    def aor_user(self, uri: object) -> str | None:
        if isinstance(uri, SipUri) and uri.host == self.domain and uri.user:
            return uri.user
        return None
