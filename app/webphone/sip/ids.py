"""Random identifiers: Via branches, tags, Call-IDs (RFC 3261 §8.1.1, §17.1.1.3)."""

import secrets

MAGIC_COOKIE = "z9hG4bK"


def new_branch() -> str:
    """A Via branch that is unique in space and time and carries the RFC 3261 cookie."""
    return MAGIC_COOKIE + secrets.token_hex(8)


def new_tag() -> str:
    return secrets.token_hex(5)


def new_call_id() -> str:
    return secrets.token_hex(12)


def invalid_host() -> str:
    """A per-client ``.invalid`` host for Via/Contact, as RFC 7118 §5 suggests for WebSockets."""
    return secrets.token_hex(6) + ".invalid"
