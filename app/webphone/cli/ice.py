"""``--ice-server`` URLs into the sdk's ``ice_servers``, with the TURN credential read the
way passwords are: ``$WEBPHONE_TURN_CREDENTIAL``, the OS keyring or a prompt, never argv."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..sdk.core.ice_servers import credential_entry, parse_ice_servers, split_user
from .secrets import find_secret

CREDENTIAL_ENV = "WEBPHONE_TURN_CREDENTIAL"


def ice_servers_from_args(
    urls: Sequence[str] | None,
    username: str | None,
    lookup: Callable[..., str] = find_secret,
) -> list[dict[str, Any]]:
    """STUN URLs as one server, TURN URLs as another sharing one user name (from
    ``--ice-username`` or ``user@`` in a URL) and one credential. ValueError on a bad
    URL or a TURN URL without a user name; :class:`~.secrets.NoSecret` without a
    credential."""
    stun: list[str] = []
    turn: list[str] = []
    for raw in urls or []:
        url, url_user = split_user(raw)
        if url.lower().startswith("turn"):
            turn.append(url)
            if url_user and username and url_user != username:
                raise ValueError(
                    f"--ice-server {url}: user {url_user!r} differs from --ice-username"
                )
            username = username or url_user
        else:
            stun.append(url)
    servers: list[dict[str, Any]] = [{"urls": stun}] if stun else []
    if turn:
        parse_ice_servers([{"urls": turn, "username": "-", "credential": "-"}])  # URLs first
        if not username:
            raise ValueError(
                "a TURN server needs a user name: --ice-username NAME or turn:NAME@host"
            )
        credential = lookup(
            credential_entry(turn[0], username), env_var=CREDENTIAL_ENV, kind="TURN credential"
        )
        servers.append({"urls": turn, "username": username, "credential": credential})
    return parse_ice_servers(servers)
