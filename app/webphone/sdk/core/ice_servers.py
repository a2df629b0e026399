"""ICE servers (STUN and TURN) for calls through NAT, checked before any call needs them.

The Browser SDK has no option for them (it always uses Plivo's STUN pair), so this is a
Webphone extension: a list of ``RTCIceServer``-like dicts, the shape browsers take::

    [{"urls": "stun:stun.example.com:3478"},
     {"urls": ["turn:turn.example.com:3478?transport=udp",
               "turns:turn.example.com:5349"], "username": "alice", "credential": "..."}]

URLs follow RFC 7064 (``stun:host[:port]``) and RFC 7065 (``turn:``/``turns:host[:port]``
with an optional ``?transport=udp|tcp``). A malformed entry raises :class:`ValueError`
naming it; without this check aiortc would raise only when the first call builds its
peer connection. What aiortc cannot use is refused too instead of being silently dropped
there: ``stuns:``, ``turns:`` over UDP (DTLS), TURN without credentials, IPv6 literals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from .log import SECRETS, get_logger

log = get_logger(__name__)

_URL = re.compile(
    r"(?P<scheme>stun|turns?):(?P<host>[A-Za-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?"
    r"(?:\?transport=(?P<transport>[A-Za-z]+))?"
)


def _check_url(url: object) -> tuple[str, str | None]:
    """(scheme, transport) of a valid URL; ValueError with the reason otherwise."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"ICE server URL {url!r} is not a non-empty string")
    url = url.strip()
    scheme = url.split(":", 1)[0].lower()
    if scheme == "stuns":
        raise ValueError(f"ICE server URL {url!r}: stuns: is not supported, use stun: or turns:")
    if scheme not in ("stun", "turn", "turns"):
        raise ValueError(
            f"ICE server URL {url!r} must start with stun:, turn: or turns: "
            "(e.g. turn:turn.example.com:3478?transport=udp)"
        )
    if url[len(scheme) + 1 :].startswith("["):
        raise ValueError(f"ICE server URL {url!r}: IPv6 literals are not supported, use a name")
    match = _URL.fullmatch(url)
    if match is None:
        raise ValueError(
            f"ICE server URL {url!r} is malformed: expected {scheme}:host[:port]"
            + ("[?transport=udp|tcp]" if scheme != "stun" else "")
        )
    port = match["port"]
    if port is not None and not 1 <= int(port) <= 65535:
        raise ValueError(f"ICE server URL {url!r}: port {port} is out of range")
    transport = match["transport"].lower() if match["transport"] else None
    if transport is not None and scheme == "stun":
        raise ValueError(f"ICE server URL {url!r}: stun: URLs take no ?transport=")
    if transport not in (None, "udp", "tcp"):
        raise ValueError(f"ICE server URL {url!r}: transport must be udp or tcp")
    if scheme == "turns" and transport == "udp":
        raise ValueError(f"ICE server URL {url!r}: turns: runs over TCP only")
    return scheme, transport


def parse_ice_servers(servers: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    """Validated copies of *servers*: ``urls`` always a list, ``username`` and
    ``credential`` kept only for TURN. Raises ValueError saying which entry is wrong.

    TURN credentials are registered with the log redaction, so no Webphone log line can
    carry them. aiortc uses the first STUN and the first TURN URL only; extra ones are
    accepted (a browser would try them) and a warning says they are unused.
    """
    if servers is None:
        return []
    if isinstance(servers, (str, bytes)) or not isinstance(servers, Sequence):
        raise ValueError("ice_servers must be a list of {'urls': ..., ...} objects")
    result: list[dict[str, Any]] = []
    seen: dict[str, str] = {}  # "stun"/"turn" -> the URL aiortc will use
    for index, server in enumerate(servers):
        if not isinstance(server, Mapping):
            raise ValueError(f"ice_servers[{index}] must be an object with 'urls'")
        urls = server.get("urls")
        url_list = [urls] if isinstance(urls, str) else urls
        if not isinstance(url_list, (list, tuple)) or not url_list:
            raise ValueError(f"ice_servers[{index}] needs 'urls': a URL or a list of URLs")
        kinds = set()
        for url in url_list:
            scheme, _transport = _check_url(url)
            kind = "stun" if scheme == "stun" else "turn"
            kinds.add(kind)
            if kind in seen:
                log.warning(
                    "ICE server %s is not used: only one %s server is (%s)",
                    str(url).strip(),
                    kind.upper(),
                    seen[kind],
                )
            else:
                seen[kind] = str(url).strip()
        entry: dict[str, Any] = {"urls": [str(u).strip() for u in url_list]}
        if "turn" in kinds:
            username, credential = server.get("username"), server.get("credential")
            if not isinstance(username, str) or not username:
                raise ValueError(f"ice_servers[{index}]: a TURN server needs a 'username'")
            if not isinstance(credential, str) or not credential:
                raise ValueError(f"ice_servers[{index}]: a TURN server needs a 'credential'")
            SECRETS.add(credential)
            entry["username"], entry["credential"] = username, credential
        result.append(entry)
    return result


def describe(servers: Sequence[Mapping[str, Any]]) -> list[str]:
    """The servers' URLs, for logs and status lines (credentials are left out)."""
    return [str(url) for server in servers for url in server.get("urls", [])]


def split_user(url: str) -> tuple[str, str | None]:
    """``turn:alice@host:3478`` → (``turn:host:3478``, ``alice``): a user name written
    into a TURN URL the way people paste them (RFC 7065 has no user part, aiortc none)."""
    scheme, sep, rest = url.strip().partition(":")
    user, at, host = rest.rpartition("@")
    if not sep or not at:
        return url.strip(), None
    return f"{scheme}:{host}", user or None


def credential_entry(url: str, username: str) -> str:
    """The OS keyring entry of a TURN credential, ``turn:user@host`` (the desktop app
    and ``webphone-cli`` use the same name, as they do for passwords)."""
    bare = split_user(url)[0]
    match = _URL.fullmatch(bare)
    host = match["host"] if match else bare.partition(":")[2]
    return f"turn:{username}@{host}"
