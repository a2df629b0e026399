"""Character classes and small lexical helpers of RFC 3261 §25, shared by the parsers."""

from __future__ import annotations

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


def is_token(text: str) -> bool:
    """True if *text* is a non-empty RFC 3261 token."""
    return bool(text) and all(ch in TOKEN for ch in text)


def unescape(text: str, what: str) -> str:
    """Decode %HH escapes (as UTF-8) in a URI component."""
    if "%" not in text:
        return text
    out = bytearray()
    i = 0
    raw = text.encode("utf-8")
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


def unquote(text: str) -> str:
    """Value of a quoted-string (with \\-escapes), or *text* unchanged if unquoted."""
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        body = text[1:-1]
        out: list[str] = []
        i = 0
        while i < len(body):
            if body[i] == "\\" and i + 1 < len(body):
                out.append(body[i + 1])
                i += 2
            else:
                out.append(body[i])
                i += 1
        return "".join(out)
    if text.startswith('"'):
        raise SipParseError(f"unterminated quoted string: {excerpt(text)}")
    return text


def quote(text: str) -> str:
    """A quoted-string holding *text*."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


Params = dict[str, str | None]


def parse_params(text: str, what: str) -> Params:
    """Parse ';name=value;flag' (leading ';' optional). Names are lower-cased."""
    params: Params = {}
    for raw in split_outside_quotes(text, ";"):
        item = raw.strip()
        if not item:
            continue
        name, eq, value = item.partition("=")
        name = name.strip().lower()
        if not is_token(name):
            raise SipParseError(f"bad parameter name in {what}: {excerpt(item)}")
        params[name] = value.strip() if eq else None
    return params


def format_params(params: Params) -> str:
    """';name=value;flag' for *params* (values written as stored)."""
    return "".join(f";{k}" if v is None else f";{k}={v}" for k, v in params.items())
