"""Custom ``X-PH-*`` headers on calls (contract: ``call()``; SPEC.md §4.3).

Names must start with ``X-PH`` (any case) and continue with 1-19 of ``[A-Za-z0-9-]``;
values keep only the contract's characters ``[A-Za-z0-9]`` and ``+-_()`` (the reference
also lets ``%`` and ``.`` through, so do we) — anything else is dropped, as the contract
says, and a warning names what was dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .log import get_logger

log = get_logger(__name__)

_NAME = re.compile(r"^X-PH[A-Za-z0-9-]{1,20}$", re.IGNORECASE)
_NAME_TAIL = re.compile(r"^[A-Za-z0-9-]{1,19}$")
_VALUE_DROP = re.compile(r"[^A-Za-z0-9_\-+()%.]")
MAX_VALUE = 120
JWT_HEADER = "X-Plivo-Jwt"


def is_extra_header_name(name: str) -> bool:
    return bool(_NAME.match(name)) and bool(_NAME_TAIL.match(name[5:])) and name[4] in "-_"


def filter_outgoing(headers: Mapping[str, object] | None) -> dict[str, str]:
    """The headers that may be sent, with values cleaned; rejects are logged by name."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        log.warning("extraHeaders must be an object of X-PH-* names to values; ignored")
        return {}
    accepted: dict[str, str] = {}
    for name, value in headers.items():
        if not isinstance(name, str) or not is_extra_header_name(name):
            log.warning("dropping extra header %r: names must look like X-PH-Name", name)
            continue
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            log.warning("dropping extra header %s: value must be text or a number", name)
            continue
        text = str(value)
        cleaned = _VALUE_DROP.sub("", text)[:MAX_VALUE]
        if cleaned != text:
            log.warning("extra header %s: characters outside [A-Za-z0-9+-_()%%.] removed", name)
        if not cleaned:
            log.warning("dropping extra header %s: nothing left of its value", name)
            continue
        accepted[name] = cleaned
    return accepted


def filter_incoming(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``X-PH-*`` headers of a received message, filtered by the same rules."""
    found: dict[str, str] = {}
    for name, value in headers:
        if is_extra_header_name(name):
            cleaned = _VALUE_DROP.sub("", value)[:MAX_VALUE]
            if cleaned:
                found[name] = cleaned
    return found
