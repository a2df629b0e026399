"""Accounts of the local demo service.

Demo-only credentials, published on purpose (the ``python -m webphone.demo`` banner prints
them): never use them, or the token secret, anywhere but on the loopback demo service.
"""

from __future__ import annotations

DEMO_DOMAIN = "demo.webphone.local"

#: HS256 secret of the demo service's access tokens (``sub`` claim = demo user).
DEMO_JWT_SECRET = "webphone-demo-secret"

#: user -> password
DEMO_ACCOUNTS: dict[str, str] = {
    "alice": "alice-demo",
    "bob": "bob-demo",
    "carol": "carol-demo",
    "dave": "dave-demo",
}

__all__ = ["DEMO_ACCOUNTS", "DEMO_DOMAIN", "DEMO_JWT_SECRET"]
