"""Accounts of the local demo service. Demo-only credentials: never use them elsewhere."""

DEMO_DOMAIN = "demo.webphone.local"
DEMO_JWT_SECRET = "webphone-demo-secret"

DEMO_ACCOUNTS: dict[str, str] = {
    "alice": "alice-demo",
    "bob": "bob-demo",
    "carol": "carol-demo",
    "dave": "dave-demo",
}
