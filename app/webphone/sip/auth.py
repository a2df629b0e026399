"""SIP digest authentication (RFC 3261 §22, RFC 2617, RFC 7616, RFC 8760) and RFC 8898 bearer.

Everything here works on header *values* (the text after ``WWW-Authenticate:`` and friends),
so it is independent of the message classes. It is pure: no I/O, no clock, no logging —
passwords, responses and tokens never leave this module except hashed into a header value.

Typical use by a UAC::

    challenge = choose_challenge(parse_challenges(response_header_values, proxy=status == 407))
    if policy.should_retry(challenge):
        value = session.authorize(challenge, method="REGISTER", uri=str(request_uri),
                                  username=user, password=password)
        # send it as Proxy-Authorization when challenge.proxy, else Authorization
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = [
    "SUPPORTED_ALGORITHMS",
    "AuthError",
    "AuthRetryPolicy",
    "DigestChallenge",
    "DigestCredentials",
    "DigestSession",
    "bearer_authorization",
    "choose_challenge",
    "digest_response",
    "parse_challenges",
]


class AuthError(ValueError):
    """A challenge cannot be parsed or answered; the message says why (never a secret)."""


# -- hash functions ---------------------------------------------------------------------------


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sha512_256(data: bytes) -> str:
    return hashlib.new("sha512_256", data).hexdigest()


def _has_sha512_256() -> bool:
    try:
        _sha512_256(b"")
    except ValueError:  # OpenSSL build without SHA-512/256
        return False
    return True


_HASHES: dict[str, Callable[[bytes], str]] = {"MD5": _md5, "SHA-256": _sha256}
if _has_sha512_256():
    _HASHES["SHA-512-256"] = _sha512_256

#: Upper-case algorithm names this module can answer, ``-SESS`` variants included.
SUPPORTED_ALGORITHMS: frozenset[str] = frozenset(
    name for base in _HASHES for name in (base, base + "-SESS")
)

# Local policy for choosing among several challenges (RFC 8760 §2.4 lets it override order).
_STRENGTH = {"MD5": 1, "SHA-256": 2, "SHA-512-256": 3}


def _base_algorithm(algorithm: str) -> str:
    return algorithm.removesuffix("-SESS")


# -- lexing of the challenge grammar (RFC 7235 §2.1 / RFC 3261 §25) ---------------------------

_TOKEN_RE = re.compile(r"[A-Za-z0-9!#$%&'*+\-.^_`|~]+")
# A param value that was not quoted: be liberal (some servers send '/' or ':' unquoted).
_BARE_VALUE_RE = re.compile(r'[^\s",]+')
_TOKEN68_RE = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_WS = " \t\r\n"
# A quoted-string from its opening quote: any character but '"' and '\', or a quoted-pair.
_QUOTED_RE = re.compile(r'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_QUOTED_PAIR_RE = re.compile(r"\\(.)", re.DOTALL)
_UNSAFE_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_EXCERPT = 40


def _excerpt(text: str) -> str:
    text = text if len(text) <= _EXCERPT else text[:_EXCERPT] + "..."
    return repr(text)


@dataclass
class _RawChallenge:
    scheme: str
    params: dict[str, str]  # names lower-cased, values unquoted
    token68: str | None = None


class _Lexer:
    """Scans ``scheme [token68 | param *(, param)] *(, scheme ...)`` from one header value."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def skip_ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WS:
            self.pos += 1

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def token(self) -> str | None:
        match = _TOKEN_RE.match(self.text, self.pos)
        if match is None:
            return None
        self.pos = match.end()
        return match.group()

    def quoted(self) -> str:
        assert self.peek() == '"'
        match = _QUOTED_RE.match(self.text, self.pos)
        if match is None:
            raise AuthError("unterminated quoted string in challenge")
        self.pos = match.end()
        return _QUOTED_PAIR_RE.sub(r"\1", match.group(1))

    def value(self) -> str:
        self.skip_ws()
        if self.peek() == '"':
            return self.quoted()
        match = _BARE_VALUE_RE.match(self.text, self.pos)
        if match is None:
            raise AuthError(f"missing parameter value at {_excerpt(self.text[self.pos :])}")
        self.pos = match.end()
        return match.group()

    def skip_commas(self) -> bool:
        """Skip ``OWS , OWS`` separators (empty list elements allowed); True if any seen."""
        seen = False
        while True:
            self.skip_ws()
            if self.peek() != ",":
                return seen
            seen = True
            self.pos += 1

    def looks_like_param(self) -> bool:
        """True if the input at pos is ``token OWS =`` but not a token68 (``abc==``)."""
        match = _TOKEN_RE.match(self.text, self.pos)
        if match is None:
            return False
        rest = self.text[match.end() :].lstrip(_WS)
        if not rest.startswith("="):
            return False
        # token68 ends in '='s followed by end / comma; a param has a value after '='
        after = rest.lstrip("=").lstrip(_WS)
        return not (rest.startswith("==") or after == "" or after.startswith(","))


def _split_challenges(text: str) -> list[_RawChallenge]:
    """All challenges in one header value; commas inside quoted strings are not separators."""
    lexer = _Lexer(text)
    challenges: list[_RawChallenge] = []
    lexer.skip_commas()
    while not lexer.at_end():
        scheme = lexer.token()
        if scheme is None:
            raise AuthError(f"expected an auth scheme at {_excerpt(text[lexer.pos :])}")
        current = _RawChallenge(scheme, {})
        challenges.append(current)
        if lexer.at_end():
            break
        if lexer.peek() not in _WS and lexer.peek() != ",":
            raise AuthError(f"bad character after auth scheme {_excerpt(scheme)}")
        lexer.skip_ws()
        if not lexer.looks_like_param():
            match = _TOKEN68_RE.match(text, lexer.pos)
            if match is not None:
                current.token68 = match.group()
                lexer.pos = match.end()
        while True:
            had_comma = lexer.skip_commas()
            if lexer.at_end() or not lexer.looks_like_param():
                break
            if not had_comma and (current.params or current.token68 is not None):
                raise AuthError(f"missing comma between parameters of {_excerpt(scheme)}")
            if current.token68 is not None:
                raise AuthError(f"token68 and parameters mixed in {_excerpt(scheme)} challenge")
            name = lexer.token()
            assert name is not None
            lexer.skip_ws()
            lexer.pos += 1  # the '='
            value = lexer.value()
            key = name.lower()
            if key in current.params:
                raise AuthError(f"duplicate parameter {_excerpt(key)} in challenge")
            current.params[key] = value
        if lexer.at_end():
            break
        if not had_comma:
            raise AuthError(f"unexpected text in challenge at {_excerpt(text[lexer.pos :])}")
    if not challenges:
        raise AuthError("empty challenge")
    return challenges


# -- challenges ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestChallenge:
    """One ``Digest`` challenge from a 401 ``WWW-Authenticate`` or 407 ``Proxy-Authenticate``."""

    realm: str
    nonce: str
    algorithm: str  # normalised upper-case, one of SUPPORTED_ALGORITHMS
    qop_options: tuple[str, ...]  # lower-case, only "auth" / "auth-int"; () when absent
    opaque: str | None
    stale: bool
    proxy: bool  # True when it came from Proxy-Authenticate (407)

    @classmethod
    def parse(cls, header_value: str, *, proxy: bool = False) -> DigestChallenge:
        """Parse one header value holding exactly one Digest challenge.

        Raises :class:`AuthError` for another scheme, several challenges in one value (use
        :func:`parse_challenges`), a missing realm or nonce, an unsupported algorithm or
        qop, or bad syntax.
        """
        raws = _split_challenges(header_value)
        if len(raws) != 1:
            raise AuthError(f"{len(raws)} challenges in one header value; use parse_challenges")
        return cls._from_raw(raws[0], proxy=proxy)

    @classmethod
    def _from_raw(cls, raw: _RawChallenge, *, proxy: bool) -> DigestChallenge:
        if raw.scheme.lower() != "digest":
            raise AuthError(f"not a Digest challenge: scheme {_excerpt(raw.scheme)}")
        if raw.token68 is not None:
            raise AuthError("Digest challenge without parameters")
        params = raw.params
        realm = params.get("realm")
        if realm is None:
            raise AuthError("Digest challenge without realm")
        nonce = params.get("nonce")
        if not nonce:
            raise AuthError("Digest challenge without nonce")
        algorithm = params.get("algorithm", "MD5").strip().upper()
        if algorithm not in SUPPORTED_ALGORITHMS:
            raise AuthError(f"unsupported digest algorithm {_excerpt(algorithm)}")
        qop_options: tuple[str, ...] = ()
        if "qop" in params:
            offered = [q.strip().lower() for q in params["qop"].split(",")]
            qop_options = tuple(dict.fromkeys(q for q in offered if q in ("auth", "auth-int")))
            if not qop_options:
                raise AuthError(f"unsupported qop {_excerpt(params['qop'])}")
        for name, value in (("realm", realm), ("nonce", nonce), ("opaque", params.get("opaque"))):
            if value is not None and not _is_safe_text(value):
                raise AuthError(f"control character in challenge {name}")
        return cls(
            realm=realm,
            nonce=nonce,
            algorithm=algorithm,
            qop_options=qop_options,
            opaque=params.get("opaque"),
            stale=params.get("stale", "").strip().lower() == "true",
            proxy=proxy,
        )


def parse_challenges(header_values: Iterable[str], *, proxy: bool = False) -> list[DigestChallenge]:
    """Every usable Digest challenge in *header_values*, in the server's order.

    Each value may hold several comma-separated challenges. Challenges of other schemes,
    with unsupported algorithms or qop, or values that cannot be parsed are skipped; an
    :class:`AuthError` naming the reasons is raised only when nothing usable remains.
    """
    usable: list[DigestChallenge] = []
    problems: list[str] = []
    for value in header_values:
        try:
            raws = _split_challenges(value)
        except AuthError as exc:
            problems.append(str(exc))
            continue
        for raw in raws:
            try:
                usable.append(DigestChallenge._from_raw(raw, proxy=proxy))
            except AuthError as exc:
                problems.append(str(exc))
    if not usable:
        reasons = "; ".join(dict.fromkeys(problems)) or "no challenge header"
        raise AuthError(f"no usable Digest challenge ({reasons})")
    return usable


def choose_challenge(challenges: Iterable[DigestChallenge]) -> DigestChallenge:
    """The challenge to answer: strongest hash first (SHA-512-256, SHA-256, MD5; RFC 8760),
    then one offering a qop over a legacy one; ties keep the server's order."""
    ordered = list(challenges)
    if not ordered:
        raise AuthError("no Digest challenge to choose from")

    def rank(challenge: DigestChallenge) -> tuple[int, int]:
        return (-_STRENGTH[_base_algorithm(challenge.algorithm)], 0 if challenge.qop_options else 1)

    return min(ordered, key=rank)  # min() returns the first of equal ranks


# -- answering ------------------------------------------------------------------------------------


def _is_safe_text(text: str) -> bool:
    """No CR, LF, NUL or other controls (tab allowed): safe inside a quoted header value."""
    return _UNSAFE_RE.search(text) is None


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class DigestCredentials:
    """The parameters of one ``Authorization`` / ``Proxy-Authorization`` Digest answer.

    No password is held; the response digest is hidden from ``repr``.
    """

    username: str
    realm: str
    nonce: str
    uri: str
    response: str = field(repr=False)
    algorithm: str
    qop: str | None = None
    nc: int | None = None
    cnonce: str | None = None
    opaque: str | None = None
    proxy: bool = False

    @property
    def header_name(self) -> str:
        return "Proxy-Authorization" if self.proxy else "Authorization"

    def header_value(self) -> str:
        parts = [
            f"username={_quote(self.username)}",
            f"realm={_quote(self.realm)}",
            f"nonce={_quote(self.nonce)}",
            f"uri={_quote(self.uri)}",
            f"response={_quote(self.response)}",
            f"algorithm={self.algorithm}",
        ]
        if self.qop is not None:
            parts += [f"qop={self.qop}", f"nc={self.nc or 1:08x}"]
        if self.cnonce is not None:
            parts.append(f"cnonce={_quote(self.cnonce)}")
        if self.opaque is not None:
            parts.append(f"opaque={_quote(self.opaque)}")
        return "Digest " + ", ".join(parts)


def digest_response(
    *,
    algorithm: str,
    username: str,
    realm: str,
    password: str,
    method: str,
    uri: str,
    nonce: str,
    qop: str | None = None,
    nc: int = 1,
    cnonce: str | None = None,
    body: bytes = b"",
) -> str:
    """The ``response`` hex digest (RFC 2617 §3.2.2.1, RFC 7616 §3.4.1); *algorithm*
    upper-case. ``-SESS`` algorithms need a *cnonce*."""
    if algorithm not in SUPPORTED_ALGORITHMS:
        raise AuthError(f"unsupported digest algorithm {_excerpt(algorithm)}")
    h = _HASHES[_base_algorithm(algorithm)]

    def kd(*items: str) -> str:
        return h(":".join(items).encode("utf-8"))

    ha1 = kd(username, realm, password)
    if algorithm.endswith("-SESS"):
        if cnonce is None:
            raise AuthError(f"{algorithm} needs a cnonce")
        ha1 = kd(ha1, nonce, cnonce)
    ha2 = kd(method, uri, h(body)) if qop == "auth-int" else kd(method, uri)
    if qop is None:
        return kd(ha1, nonce, ha2)  # RFC 2069 compatibility
    if cnonce is None:
        raise AuthError("qop needs a cnonce")
    return kd(ha1, nonce, f"{nc:08x}", cnonce, qop, ha2)


_METHOD_RE = re.compile(r"[A-Za-z0-9!%*_+`'~.\-]+")


class DigestSession:
    """Answers Digest challenges; keeps the nonce-count per (realm, nonce) so answering a
    reused nonce increments ``nc`` (RFC 7616 §3.4). Holds no password."""

    MAX_NONCES = 32

    def __init__(self) -> None:
        self._counts: dict[tuple[str, str], int] = {}

    def __repr__(self) -> str:
        return f"<DigestSession nonces={len(self._counts)}>"

    def credentials(
        self,
        challenge: DigestChallenge,
        *,
        method: str,
        uri: str,
        username: str,
        password: str,
        body: bytes = b"",
        cnonce: str | None = None,
    ) -> DigestCredentials:
        """Compute the answer to *challenge* (qop ``auth`` preferred, ``auth-int`` if that is
        all that is offered, RFC 2069 style when no qop)."""
        if not _METHOD_RE.fullmatch(method):
            raise AuthError("bad SIP method for digest")
        for name, value in (("username", username), ("uri", uri)):
            if not _is_safe_text(value):
                raise AuthError(f"control character in digest {name}")
        if not uri:
            raise AuthError("empty digest uri")
        if cnonce is not None and (not cnonce or not _is_safe_text(cnonce)):
            raise AuthError("bad cnonce")
        qop: str | None = None
        if "auth" in challenge.qop_options:
            qop = "auth"
        elif "auth-int" in challenge.qop_options:
            qop = "auth-int"
        sess = challenge.algorithm.endswith("-SESS")
        if (qop is not None or sess) and cnonce is None:
            cnonce = secrets.token_hex(8)
        elif qop is None and not sess:
            cnonce = None  # RFC 2069: no cnonce without qop
        nc: int | None = None
        if qop is not None:
            nc = self._next_count(challenge.realm, challenge.nonce)
        response = digest_response(
            algorithm=challenge.algorithm,
            username=username,
            realm=challenge.realm,
            password=password,
            method=method,
            uri=uri,
            nonce=challenge.nonce,
            qop=qop,
            nc=nc or 1,
            cnonce=cnonce,
            body=body,
        )
        return DigestCredentials(
            username=username,
            realm=challenge.realm,
            nonce=challenge.nonce,
            uri=uri,
            response=response,
            algorithm=challenge.algorithm,
            qop=qop,
            nc=nc,
            cnonce=cnonce,
            opaque=challenge.opaque,
            proxy=challenge.proxy,
        )

    def authorize(
        self,
        challenge: DigestChallenge,
        *,
        method: str,
        uri: str,
        username: str,
        password: str,
        body: bytes = b"",
        cnonce: str | None = None,
    ) -> str:
        """The full ``Authorization`` / ``Proxy-Authorization`` header value answering
        *challenge* (use ``Proxy-Authorization`` when ``challenge.proxy``)."""
        return self.credentials(
            challenge,
            method=method,
            uri=uri,
            username=username,
            password=password,
            body=body,
            cnonce=cnonce,
        ).header_value()

    def nonce_count(self, realm: str, nonce: str) -> int:
        """How many times (realm, nonce) has been answered with a qop so far."""
        return self._counts.get((realm, nonce), 0)

    def forget(self) -> None:
        """Drop all nonce counts (e.g. on logout)."""
        self._counts.clear()

    def _next_count(self, realm: str, nonce: str) -> int:
        key = (realm, nonce)
        count = min(self._counts.pop(key, 0) + 1, 0xFFFFFFFF)
        self._counts[key] = count  # re-inserted: most recently used last
        while len(self._counts) > self.MAX_NONCES:
            del self._counts[next(iter(self._counts))]
        return count


# -- retry policy ---------------------------------------------------------------------------------


class AuthRetryPolicy:
    """Decides whether to answer a 401/407 within one request's retries.

    Each (401-or-407, realm) is answered once; it is answered again only when the server
    says ``stale=true`` with a nonce we have not used yet — so wrong credentials never
    loop. Stale retries are capped too, in case a server says stale forever.
    """

    def __init__(self, *, max_stale_retries: int = 2) -> None:
        self.max_stale_retries = max_stale_retries
        self._nonces: dict[tuple[bool, str], set[str]] = {}
        self._stale_retries = 0

    def should_retry(self, challenge: DigestChallenge) -> bool:
        """True if *challenge* should be answered; records it as answered when True."""
        key = (challenge.proxy, challenge.realm)
        used = self._nonces.get(key)
        if used is None:
            self._nonces[key] = {challenge.nonce}
            return True
        if not challenge.stale or challenge.nonce in used:
            return False
        if self._stale_retries >= self.max_stale_retries:
            return False
        self._stale_retries += 1
        used.add(challenge.nonce)
        return True

    def reset(self) -> None:
        """Forget everything: call after a final response other than 401/407."""
        self._nonces.clear()
        self._stale_retries = 0


# -- bearer (RFC 8898 / RFC 6750) ----------------------------------------------------------------

_B64TOKEN_RE = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


def bearer_authorization(token: str) -> str:
    """``Bearer <token>`` for an Authorization header (RFC 8898 §2, b64token syntax)."""
    if not isinstance(token, str) or not _B64TOKEN_RE.fullmatch(token):
        raise AuthError("bearer token is not a valid b64token")
    return f"Bearer {token}"
