"""Character classes and small lexical helpers of RFC 3261 §25, shared by the parsers."""

from __future__ import annotations

import re
import string

from .errors import SipParseError, excerpt

ALPHANUM = frozenset(string.ascii_letters + string.digits)
MARK = frozenset("-_.!~*'()")
UNRESERVED = ALPHANUM | MARK
USER_UNRESERVED = frozenset("&=+$,;?/")
PASSWORD_UNRESERVED = frozenset("&=+$,")
PARAM_UNRESERVED = frozenset("[]/:&+$")
HNV_UNRESERVED = frozenset("[]/?:+$")
# token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
TOKEN = ALPHANUM | frozenset("-.!%*_+`'~")
HEX = frozenset(string.hexdigits)


_TOKEN_RE = re.compile(r"[A-Za-z0-9\-.!%*_+`'~]+")


def is_token(text: str) -> bool:
    """True if *text* is a non-empty RFC 3261 token (the same set as ``TOKEN``, matched in
    C: every header name and parameter goes through here)."""
    return _TOKEN_RE.fullmatch(text) is not None


def parse_number(text: str, what: str, *, limit: int, clamp: bool = False) -> int:
    """Value of ``1*DIGIT`` (ASCII digits only) that must not exceed *limit*.

    With *clamp*, larger values become *limit* (RFC 3261 delta-seconds) instead of an error.
    Never calls ``int()`` on an unbounded string (Python refuses > 4300 digits).
    """
    if not (text.isascii() and text.isdigit()):
        raise SipParseError(f"bad {what}: {excerpt(text)}")
    digits = text.lstrip("0") or "0"
    if len(digits) > len(str(limit)) or int(digits) > limit:
        if clamp:
            return limit
        raise SipParseError(f"{what} out of range: {excerpt(text)}")
    return int(digits)


def unescape(text: str, what: str) -> str:
    """Decode %HH escapes (as UTF-8) in a URI component."""
    if "%" not in text:
        return text
    out = bytearray()
    i = 0
    raw = text.encode("utf-8", "surrogatepass")  # a lone surrogate fails the decode below
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:  # '%'
            pair = raw[i + 1 : i + 3].decode("ascii", "replace")
            if len(pair) != 2 or not all(c in HEX for c in pair):
                raise SipParseError(f"bad %-escape in {what}: {excerpt(text)}")
            out.append(int(pair, 16))
            i += 3
        else:
            out.append(byte)
            i += 1
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SipParseError(f"escaped bytes in {what} are not UTF-8: {excerpt(text)}") from exc


def escape(text: str, allowed: frozenset[str]) -> str:
    """%-escape every character of *text* outside *allowed* (UTF-8 bytes)."""
    if all(ch in allowed for ch in text):
        return text
    parts: list[str] = []
    for ch in text:
        if ch in allowed:
            parts.append(ch)
        else:
            parts.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(parts)


def split_outside_quotes(text: str, sep: str) -> list[str]:
    """Split on *sep* where it is not inside a quoted string or <...>.

    Header lists ("a, b") and parameter lists (";a;b") both need this: a display name
    or a quoted parameter value may legally contain the separator.
    """
    if '"' not in text and "<" not in text:
        return text.split(sep)  # the common case, without a character loop
    parts: list[str] = []
    depth_angle = 0
    in_quotes = False
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if in_quotes:
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                in_quotes = False
        elif ch == '"':
            in_quotes = True
        elif ch == "<":
            depth_angle += 1
        elif ch == ">":
            depth_angle = max(0, depth_angle - 1)
        elif ch == sep and depth_angle == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    if in_quotes:
        raise SipParseError(f"unterminated quoted string: {excerpt(text)}")
    parts.append(text[start:])
    return parts


def end_of_quoted(text: str) -> int:
    """Index just past the quoted-string that *text* starts with (``text[0] == '"'``)."""
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == '"':
            return i + 1
        i += 1
    raise SipParseError(f"unterminated quoted string: {excerpt(text)}")


def unquote(text: str) -> str:
    """Value of a quoted-string (with \\-escapes), or *text* unchanged if unquoted."""
    if not text.startswith('"'):
        return text
    end = end_of_quoted(text)
    if end != len(text):
        raise SipParseError(f"text after a quoted string: {excerpt(text)}")
    body = text[1:-1]
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 1  # end_of_quoted guarantees a character follows
        out.append(body[i])
        i += 1
    return "".join(out)


def quote(text: str) -> str:
    """A quoted-string holding *text*."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


Params = dict[str, str | None]


# Unquoted parameter values (token / host / IPv6 reference, leniently): anything printable
# except what would make the header ambiguous (whitespace, quotes, angle brackets, separators).
_BAD_VALUE_CHAR = re.compile(r'[\s\x00-\x20\x7f-\x9f"<>,;\\]')


def parse_params(text: str, what: str) -> Params:
    """Parse ';name=value;flag' (leading ';' optional). Names are lower-cased.

    Values are kept as written: a quoted-string value keeps its quotes (use :func:`unquote`).
    Empty parameters (";;") and repeated names are refused.
    """
    params: Params = {}
    items = split_outside_quotes(text, ";")
    if not items[0].strip():
        items = items[1:]
    for raw in items:
        item = raw.strip()
        if not item:
            raise SipParseError(f"empty parameter in {what}: {excerpt(text)}")
        name, eq, value = item.partition("=")
        name = name.strip().lower()
        value = value.strip()
        if not is_token(name):
            raise SipParseError(f"bad parameter name in {what}: {excerpt(item)}")
        if name in params:
            raise SipParseError(f"duplicate parameter {name!r} in {what}: {excerpt(text)}")
        if value.startswith('"'):
            if end_of_quoted(value) != len(value):
                raise SipParseError(f"text after a quoted value in {what}: {excerpt(item)}")
        elif _BAD_VALUE_CHAR.search(value):
            raise SipParseError(f"bad parameter value in {what}: {excerpt(item)}")
        params[name] = value if eq else None
    return params


def format_params(params: Params) -> str:
    """';name=value;flag' for *params* (values written as stored)."""
    return "".join(f";{k}" if v is None else f";{k}={v}" for k, v in params.items())
