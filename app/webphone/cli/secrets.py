"""Where the CLI gets a password or token: environment, OS keyring, or a prompt — never argv."""

from __future__ import annotations

import getpass
import os
import sys

KEYRING_SERVICE = "webphone"


class NoSecret(Exception):
    """No password or token could be found without asking, and asking is impossible."""


def find_secret(account: str, *, env_var: str, kind: str = "password") -> str:
    """The secret for *account* from ``$env_var``, the keyring, or an interactive prompt."""
    value = os.environ.get(env_var)
    if value:
        return value
    try:
        import keyring

        stored = keyring.get_password(KEYRING_SERVICE, account)
    except Exception:  # no keyring backend on this machine: fall through to the prompt
        stored = None
    if stored:
        return stored
    if not sys.stdin.isatty():
        raise NoSecret(
            f"no {kind} for {account}: set {env_var}, store it in the OS keyring "
            f"(service {KEYRING_SERVICE!r}, user {account!r}) or run in a terminal to be asked"
        )
    return getpass.getpass(f"{kind.capitalize()} for {account}: ")
