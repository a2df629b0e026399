"""Registrar of the local demo service: authentication and bindings. Pure logic, no I/O.

Part of the embedded *demo/test* service; real deployments use a real SIP server.

Authentication
    REGISTER is challenged with ``401`` (other requests, by the proxy, with ``407``), one
    ``Digest`` challenge per algorithm, SHA-256 first (RFC 8760), ``qop="auth"``. Nonces are
    not stored: each one is ``<issued-ms hex>.<salt>.<HMAC>``, so any nonce we issued is
    recognised and an expired one whose digest is right is answered with ``stale=true``.
    A wrong password gets a fresh challenge without ``stale`` (clients must not loop on
    it), an unknown username ``403``, a nonce-count that does not increase ``401``.
    ``Authorization: Bearer <jwt>`` (RFC 8898) is accepted when the HS256 signature and the
    claims verify; the user is the ``sub`` claim. A refused token gets ``403`` with
    ``X-Plivo-Jwt-Error-Code`` naming the failure (see ``webphone.sdk.core.token``).

Bindings
    Several per user (one per device: keyed by ``+sip.instance`` when present, else by
    Contact URI), each tied to the WebSocket connection it was registered over and dropped
    with it. GRUUs (RFC 5627) are handed out when the REGISTER says ``Supported: gruu`` and
    the Contact has a ``+sip.instance``.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..sdk.core.token import (
    INVALID_ACCESS_TOKEN,
    INVALID_ACCESS_TOKEN_SUBJECT,
    JWT_ERROR_CODES,
    TokenError,
    parse_access_token,
    verify_hs256,
)
from ..sip.auth import AuthError, digest_response
from ..sip.errors import SipParseError
from ..sip.grammar import quote, split_outside_quotes, unquote
from ..sip.headers import NameAddr
from ..sip.ids import new_tag
from ..sip.message import SipRequest, SipResponse, make_response
from ..sip.uri import SipUri, parse_uri

__all__ = [
    "DEFAULT_EXPIRES",
    "DEFAULT_MIN_EXPIRES",
    "NONCE_LIFETIME",
    "OFFERED_ALGORITHMS",
    "SERVER_HEADER",
    "AuthOutcome",
    "Binding",
    "BindingInfo",
    "Credentials",
    "Location",
    "NonceState",
    "Nonces",
    "Registrar",
    "jwt_error_code",
    "parse_credentials",
]

NONCE_LIFETIME = 300.0
DEFAULT_EXPIRES = 3600
DEFAULT_MIN_EXPIRES = 10
#: Offered in this order (RFC 8760 §2.4: most preferred first).
OFFERED_ALGORITHMS = ("SHA-256", "MD5")
SERVER_HEADER = "webphone-demo (local demo service, not for production)"
_FUTURE_TOLERANCE = 60.0  # a nonce "issued" this far in the future is treated as stale
_CODE_FOR_CAUSE = {cause: code for code, cause in JWT_ERROR_CODES.items()}


def jwt_error_code(cause: str) -> int:
    """``X-Plivo-Jwt-Error-Code`` value for a :class:`TokenError` cause (10001 if unknown)."""
    return _CODE_FOR_CAUSE.get(cause, _CODE_FOR_CAUSE[INVALID_ACCESS_TOKEN])


# -- nonces --------------------------------------------------------------------------------


class NonceState(Enum):
    VALID = "valid"
    STALE = "stale"  # ours, but too old (or from the future: the clock moved)
    FOREIGN = "foreign"  # not issued by this service, or tampered with


class Nonces:
    """Issues HMAC-protected, timestamped nonces and tracks nonce-counts against replay."""

    def __init__(
        self, *, lifetime: float = NONCE_LIFETIME, key: bytes | None = None, max_tracked: int = 4096
    ) -> None:
        self.lifetime = lifetime
        self.max_tracked = max_tracked
        self._key = key if key is not None else secrets.token_bytes(32)
        self._counts: dict[str, int] = {}

    def issue(self, now: float) -> str:
        stamp = format(max(0, int(now * 1000)), "x")
        salt = secrets.token_hex(6)
        return f"{stamp}.{salt}.{self._mac(stamp, salt)}"

    def _mac(self, stamp: str, salt: str) -> str:
        data = f"{stamp}.{salt}".encode()
        return hmac.new(self._key, data, hashlib.sha256).hexdigest()[:32]

    def issued_at(self, nonce: str) -> float | None:
        """When we issued *nonce*, or None if it is not one of ours."""
        parts = nonce.split(".")
        if len(parts) != 3:
            return None
        stamp, salt, mac = parts
        expected = self._mac(stamp, salt)
        if not hmac.compare_digest(mac.encode("utf-8", "replace"), expected.encode("ascii")):
            return None
        try:
            return int(stamp, 16) / 1000
        except ValueError:
            return None

    def state(self, nonce: str, now: float) -> NonceState:
        issued = self.issued_at(nonce)
        if issued is None:
            return NonceState.FOREIGN
        if now - issued > self.lifetime or issued - now > _FUTURE_TOLERANCE:
            return NonceState.STALE
        return NonceState.VALID

    def use(self, nonce: str, nc: int, now: float) -> bool:
        """Record nonce-count *nc* for *nonce*; False when it does not exceed the last one
        seen (a replayed or reordered request)."""
        last = self._counts.pop(nonce, 0)
        if nc <= last:
            self._counts[nonce] = last
            return False
        self._counts[nonce] = nc
        if len(self._counts) > self.max_tracked:
            self._prune(now)
        return True

    def _prune(self, now: float) -> None:
        for nonce in list(self._counts):
            if self.state(nonce, now) is not NonceState.VALID:
                del self._counts[nonce]  # stale nonces are refused anyway
        while len(self._counts) > self.max_tracked:
            del self._counts[next(iter(self._counts))]  # oldest use first


# -- credentials ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Credentials:
    """One parsed ``Authorization`` / ``Proxy-Authorization`` value."""

    scheme: str  # lower-case
    params: dict[str, str]  # Digest: names lower-case, values unquoted
    token: str | None = None  # Bearer

    def __repr__(self) -> str:  # never show a response digest or a token
        return f"Credentials(scheme={self.scheme!r}, params={sorted(self.params)})"


def parse_credentials(value: str) -> Credentials:
    """Parse a credentials header value; raises ValueError (no secret in the message)."""
    text = value.strip()
    scheme, _, rest = text.partition(" ")
    scheme = scheme.lower()
    rest = rest.strip()
    if not scheme:
        raise ValueError("empty credentials")
    if scheme == "bearer":
        if not rest or " " in rest:
            raise ValueError("malformed bearer credentials")
        return Credentials(scheme, {}, rest)
    params: dict[str, str] = {}
    try:
        for item in split_outside_quotes(rest, ","):
            if not item.strip():
                continue
            name, eq, raw = item.strip().partition("=")
            if not eq or not name.strip():
                raise ValueError("malformed credentials parameter")
            params[name.strip().lower()] = unquote(raw.strip())
    except SipParseError as exc:
        raise ValueError("malformed credentials (quoting)") from exc
    return Credentials(scheme, params)


@dataclass(frozen=True)
class AuthOutcome:
    """Either the authenticated *user* or the *response* that refuses the request."""

    user: str | None = None
    response: SipResponse | None = None


# -- bindings ------------------------------------------------------------------------------


@dataclass
class Binding:
    user: str
    uri: SipUri  # the registered Contact URI
    connection: str  # id of the WebSocket connection it was registered over
    expires_at: float
    instance: str | None  # +sip.instance without quotes and <>, e.g. "urn:uuid:..."
    temp_gruu_user: str  # user part of the temp-gruu "sip:tgruu.<hex>@domain;gr"
    sequence: int  # higher = registered or refreshed more recently

    def expires_in(self, now: float) -> int:
        return max(0, math.ceil(self.expires_at - now - 1e-6))


@dataclass(frozen=True)
class BindingInfo:
    """A snapshot of one binding, for tests and introspection."""

    user: str
    contact: str
    expires: int
    connection: str
    instance: str | None = None
    pub_gruu: str | None = None
    temp_gruu: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a request for a URI goes: a binding, or the status to answer with."""

    binding: Binding | None = None
    status: int = 0
    reason: str | None = None


# -- the registrar -------------------------------------------------------------------------


class Registrar:
    """Challenges, authenticates and keeps the bindings of the demo accounts."""

    def __init__(
        self,
        domain: str,
        accounts: dict[str, str],
        jwt_secret: str,
        *,
        min_expires: int = DEFAULT_MIN_EXPIRES,
        max_expires: int = 3600,
        nonce_lifetime: float = NONCE_LIFETIME,
        clock: Callable[[], float] = time.time,
    ) -> None:
        if not 0 < min_expires <= max_expires:
            raise ValueError("need 0 < min_expires <= max_expires")
        self.domain = domain.lower()
        self.accounts = accounts
        self.jwt_secret = jwt_secret
        self.min_expires = min_expires
        self.max_expires = max_expires
        self.clock = clock
        self.nonces = Nonces(lifetime=nonce_lifetime)
        self.opaque = secrets.token_hex(8)
        self.register_counts: dict[str, int] = {}
        self._bindings: dict[str, list[Binding]] = {}
        self._sequence = itertools.count(1)

    # -- addresses -------------------------------------------------------------------------
    def local_user(self, uri: object) -> str | None:
        """The user part of a ``sip:user@<domain>`` URI of this domain, else None."""
        if isinstance(uri, SipUri) and uri.host == self.domain and uri.user:
            return uri.user
        return None

    def pub_gruu(self, binding: Binding) -> str | None:
        if binding.instance is None:
            return None
        return str(SipUri(self.domain, binding.user, params={"gr": binding.instance}))

    def temp_gruu(self, binding: Binding) -> str:
        return str(SipUri(self.domain, binding.temp_gruu_user, params={"gr": None}))

    # -- authentication --------------------------------------------------------------------
    def challenge(
        self, request: SipRequest, *, proxy: bool = False, stale: bool = False
    ) -> SipResponse:
        """401 (or 407 when *proxy*) with one Digest challenge per offered algorithm."""
        response = self._response(request, 407 if proxy else 401)
        name = "Proxy-Authenticate" if proxy else "WWW-Authenticate"
        nonce = self.nonces.issue(self.clock())
        for algorithm in OFFERED_ALGORITHMS:
            parts = [
                f"realm={quote(self.domain)}",
                f'nonce="{nonce}"',
                f'opaque="{self.opaque}"',
                f"algorithm={algorithm}",
                'qop="auth"',
            ]
            if stale:
                parts.append("stale=true")
            response.headers.add(name, "Digest " + ", ".join(parts))
        return response

    def authenticate(self, request: SipRequest, *, proxy: bool = False) -> AuthOutcome:
        """Check ``Authorization`` (``Proxy-Authorization`` when *proxy*)."""
        header = "Proxy-Authorization" if proxy else "Authorization"
        chosen: Credentials | None = None
        for value in request.headers.get_all(header):
            try:
                credentials = parse_credentials(value)
            except ValueError as exc:
                return AuthOutcome(response=self._response(request, 400, f"Bad Request ({exc})"))
            if credentials.scheme == "bearer":
                return self._bearer(request, credentials.token or "")
            if credentials.scheme == "digest" and credentials.params.get("realm") == self.domain:
                chosen = credentials
                break
        if chosen is None:  # none, or only for other realms / schemes
            return AuthOutcome(response=self.challenge(request, proxy=proxy))
        return self._digest(request, chosen, proxy=proxy)

    def _digest(self, request: SipRequest, credentials: Credentials, *, proxy: bool) -> AuthOutcome:
        params = credentials.params
        missing = [n for n in ("username", "nonce", "uri", "response") if not params.get(n)]
        if missing:
            reason = f"Bad Request (credentials without {', '.join(missing)})"
            return AuthOutcome(response=self._response(request, 400, reason))
        now = self.clock()
        nonce = params["nonce"]
        state = self.nonces.state(nonce, now)
        if state is NonceState.FOREIGN:
            return AuthOutcome(response=self.challenge(request, proxy=proxy))
        username = params["username"]
        password = self.accounts.get(username)
        if password is None:
            return AuthOutcome(response=self._response(request, 403, "Forbidden (unknown user)"))
        try:
            digest_uri = parse_uri(params["uri"])
        except SipParseError:
            digest_uri = None
        if digest_uri != request.uri:
            reason = "Bad Request (digest uri does not match the request-URI)"
            return AuthOutcome(response=self._response(request, 400, reason))
        algorithm = params.get("algorithm", "MD5").upper()
        qop, cnonce, nc_text = params.get("qop"), params.get("cnonce"), params.get("nc", "")
        if (
            algorithm not in OFFERED_ALGORITHMS
            or qop != "auth"
            or not cnonce
            or params.get("opaque", self.opaque) != self.opaque
        ):
            return AuthOutcome(response=self.challenge(request, proxy=proxy))
        if len(nc_text) != 8 or not all(c in "0123456789abcdefABCDEF" for c in nc_text):
            return AuthOutcome(response=self._response(request, 400, "Bad Request (nc)"))
        nc = int(nc_text, 16)
        try:
            expected = digest_response(
                algorithm=algorithm,
                username=username,
                realm=self.domain,
                password=password,
                method=request.method,
                uri=params["uri"],
                nonce=nonce,
                qop=qop,
                nc=nc,
                cnonce=cnonce,
            )
        except AuthError:
            return AuthOutcome(response=self.challenge(request, proxy=proxy))
        given = params["response"].lower().encode("utf-8", "replace")
        if not hmac.compare_digest(expected.encode("ascii"), given):
            # Wrong password: a fresh challenge, never stale (the client must not loop).
            return AuthOutcome(response=self.challenge(request, proxy=proxy))
        if state is NonceState.STALE:
            return AuthOutcome(response=self.challenge(request, proxy=proxy, stale=True))
        if not self.nonces.use(nonce, nc, now):
            return AuthOutcome(response=self.challenge(request, proxy=proxy))  # replay
        return AuthOutcome(user=username)

    def _bearer(self, request: SipRequest, token: str) -> AuthOutcome:
        try:
            verify_hs256(token, self.jwt_secret)
            access = parse_access_token(token, now=self.clock())
        except TokenError as exc:
            return AuthOutcome(response=self._token_refused(request, exc.cause))
        if not access.subject or access.subject not in self.accounts:
            return AuthOutcome(response=self._token_refused(request, INVALID_ACCESS_TOKEN_SUBJECT))
        return AuthOutcome(user=access.subject)

    def _token_refused(self, request: SipRequest, cause: str) -> SipResponse:
        response = self._response(request, 403, "Forbidden (access token refused)")
        response.headers.add("X-Plivo-Jwt-Error-Code", str(jwt_error_code(cause)))
        response.headers.add(
            "WWW-Authenticate",
            f'Bearer realm={quote(self.domain)}, error="invalid_token", '
            f'error_description="{cause}"',
        )
        return response

    # -- REGISTER --------------------------------------------------------------------------
    def register(self, request: SipRequest, connection: str) -> SipResponse:
        """Answer a REGISTER that arrived over *connection*."""
        try:
            user = self.local_user(request.to.uri)
        except SipParseError:
            user = None
        if user is None:
            return self._response(request, 404, "Not Found (not an address of this domain)")
        outcome = self.authenticate(request)
        if outcome.response is not None:
            return outcome.response
        if outcome.user != user:
            return self._response(request, 403, "Forbidden (credentials are for another user)")
        try:
            header_expires = request.expires
            values = request.headers.values("Contact")
        except SipParseError as exc:
            return self._response(request, 400, f"Bad Request ({_printable(str(exc))})")
        now = self.clock()
        if "*" in values:
            if values != ["*"] or header_expires != 0:
                reason = "Bad Request (Contact: * needs Expires: 0 and no other Contact)"
                return self._response(request, 400, reason)
            self._bindings.pop(user, None)
            return self._accepted(request, user, now)
        changes: list[tuple[SipUri, int, str | None]] = []
        for value in values:
            try:
                contact = NameAddr.parse(value)
            except SipParseError as exc:
                return self._response(request, 400, f"Bad Request ({_printable(str(exc))})")
            if not isinstance(contact.uri, SipUri):
                return self._response(request, 400, "Bad Request (Contact is not a sip: URI)")
            raw = contact.params.get("expires")
            if raw is not None and not raw.isdigit():
                return self._response(request, 400, "Bad Request (Contact expires)")
            expires = int(raw) if raw is not None else header_expires
            expires = DEFAULT_EXPIRES if expires is None else expires
            if 0 < expires < self.min_expires:
                response = self._response(request, 423)
                response.headers.add("Min-Expires", str(self.min_expires))
                return response
            instance = contact.params.get("+sip.instance")
            if instance is not None:
                try:
                    instance = unquote(instance).strip("<>") or None
                except SipParseError:
                    instance = None
            changes.append((contact.uri, min(expires, self.max_expires), instance))
        for uri, expires, instance in changes:
            self._apply(user, uri, expires, instance, connection, now)
        return self._accepted(request, user, now)

    def _apply(
        self,
        user: str,
        uri: SipUri,
        expires: int,
        instance: str | None,
        connection: str,
        now: float,
    ) -> None:
        bindings = self._bindings.setdefault(user, [])
        existing = next(
            (
                b
                for b in bindings
                if (instance is not None and b.instance == instance)
                or (instance is None and b.instance is None and b.uri == uri)
            ),
            None,
        )
        if expires == 0:
            if existing is not None:
                bindings.remove(existing)
            return
        if existing is None:
            bindings.append(
                Binding(
                    user=user,
                    uri=uri,
                    connection=connection,
                    expires_at=now + expires,
                    instance=instance,
                    temp_gruu_user="tgruu." + secrets.token_hex(8),
                    sequence=next(self._sequence),
                )
            )
            return
        existing.uri = uri
        existing.connection = connection
        existing.expires_at = now + expires
        existing.sequence = next(self._sequence)

    def _accepted(self, request: SipRequest, user: str, now: float) -> SipResponse:
        self.register_counts[user] = self.register_counts.get(user, 0) + 1
        response = self._response(request, 200)
        supported = {s.strip().lower() for s in request.headers.values("Supported")}
        for binding in self.bindings(user):
            params: dict[str, str | None] = {"expires": str(binding.expires_in(now))}
            if binding.instance is not None:
                params["+sip.instance"] = f'"<{binding.instance}>"'
                if "gruu" in supported:
                    params["pub-gruu"] = quote(self.pub_gruu(binding) or "")
                    params["temp-gruu"] = quote(self.temp_gruu(binding))
            response.headers.add("Contact", str(NameAddr(binding.uri, params=params)))
        response.headers.add("Date", time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime()))
        return response

    # -- lookups ---------------------------------------------------------------------------
    def bindings(self, user: str) -> list[Binding]:
        """Live bindings of *user*, least recently registered first."""
        now = self.clock()
        alive = [b for b in self._bindings.get(user, []) if b.expires_at > now]
        if alive:
            self._bindings[user] = alive
        else:
            self._bindings.pop(user, None)
        return sorted(alive, key=lambda b: b.sequence)

    def snapshot(self, user: str) -> list[BindingInfo]:
        now = self.clock()
        return [
            BindingInfo(
                user=b.user,
                contact=str(b.uri),
                expires=b.expires_in(now),
                connection=b.connection,
                instance=b.instance,
                pub_gruu=self.pub_gruu(b),
                temp_gruu=self.temp_gruu(b),
            )
            for b in self.bindings(user)
        ]

    def locate(self, uri: SipUri) -> Location:
        """The binding a request for *uri* (AoR, pub-gruu or temp-gruu) goes to: the most
        recently registered one for an AoR. 404 for an unknown user, 480 when not
        registered."""
        if uri.host != self.domain or not uri.user:
            return Location(status=404, reason="Not Found (not an address of this domain)")
        if "gr" in uri.params:
            gr = uri.params["gr"]
            if gr is None:  # temp-gruu
                for user in list(self._bindings):
                    for binding in self.bindings(user):
                        if binding.temp_gruu_user == uri.user:
                            return Location(binding)
                return Location(status=404, reason="Not Found (unknown or expired GRUU)")
            if uri.user not in self.accounts:
                return Location(status=404)
            for binding in self.bindings(uri.user):
                if binding.instance == gr:
                    return Location(binding)
            return Location(status=480, reason="Temporarily Unavailable (device not registered)")
        if uri.user not in self.accounts:
            return Location(status=404)
        bindings = self.bindings(uri.user)
        if not bindings:
            return Location(status=480, reason="Temporarily Unavailable (not registered)")
        return Location(bindings[-1])

    def drop_connection(self, connection: str) -> list[str]:
        """Remove every binding made over *connection*; the users that lost one."""
        users: list[str] = []
        for user, bindings in list(self._bindings.items()):
            kept = [b for b in bindings if b.connection != connection]
            if len(kept) != len(bindings):
                users.append(user)
            if kept:
                self._bindings[user] = kept
            else:
                del self._bindings[user]
        return users

    # -- helpers ---------------------------------------------------------------------------
    def _response(self, request: SipRequest, status: int, reason: str | None = None) -> SipResponse:
        response = make_response(request, status, reason, to_tag=new_tag())
        response.headers.add("Server", SERVER_HEADER)
        return response


def _printable(text: str, limit: int = 80) -> str:
    return "".join(ch for ch in text if ch.isprintable())[:limit]
