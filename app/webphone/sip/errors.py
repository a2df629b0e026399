"""Exceptions raised by the pure SIP protocol layer."""


class SipError(Exception):
    """Base class of every error the SIP layer raises on purpose."""


class SipParseError(SipError, ValueError):
    """Text that is not valid SIP (a message, a URI, a header value).

    The message says what is wrong and where; it never echoes secrets because the
    parser only quotes the offending token, truncated.
    """


def excerpt(text: str, limit: int = 60) -> str:
    """A short, printable quote of bad input for error messages."""
    shown = text if len(text) <= limit else text[:limit] + "..."
    return repr(shown)
