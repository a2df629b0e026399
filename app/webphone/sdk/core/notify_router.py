"""Incoming NOTIFYs go to whoever owns their event package (RFC 6665 §8.2.1: Event)."""

from __future__ import annotations

from collections.abc import Mapping

from ...sip.transaction import ServerTransaction
from .useragent import RequestHandler


def event_package(value: str | None) -> str:
    """The package of an ``Event`` header, lower case, without its parameters."""
    return (value or "").split(";")[0].strip().lower()


class NotifyRouter:
    """A NOTIFY handler dispatching by ``Event``: a known package to its handler, anything
    else (``refer``, and what nobody handles) to *fallback*, the transfers' handler, which
    answers what is not a transfer's with 481 or 489 as before."""

    def __init__(self, handlers: Mapping[str, RequestHandler], fallback: RequestHandler) -> None:
        self.handlers = dict(handlers)
        self.fallback = fallback

    def __call__(self, transaction: ServerTransaction) -> None:
        package = event_package(transaction.request.headers.get("Event"))
        self.handlers.get(package, self.fallback)(transaction)
