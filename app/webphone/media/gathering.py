"""A time limit on ICE candidate gathering, as the Browser SDK has (2 s).

aiortc has no trickle ICE: ``setLocalDescription`` waits until every candidate is known,
and aioice waits up to 5 s for each STUN/TURN server (longer for a TURN server that
answers slowly over TCP), so an unreachable server would hold back the INVITE or the
200 OK. aioice already takes a per-component ``timeout`` for its server queries and keeps
what arrived in time (host candidates, any srflx/relay already there) while cancelling
the rest; it is only never passed. We wrap that method once, and the wrapper takes the
limit from a per-task choice (a ContextVar, like :mod:`.interfaces`), so calls in one
process can differ and the SDK learns that the limit was reached (``ice_timeout``).
The description then carries what was gathered; the far end checks those candidates.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
from collections.abc import Iterator
from dataclasses import dataclass

import aioice.candidate
import aioice.ice


@dataclass
class GatheringWindow:
    """The limit for one peer connection's gathering, and whether it was reached."""

    timeout: float
    cut: bool = False


_window: contextvars.ContextVar[GatheringWindow | None] = contextvars.ContextVar(
    "webphone_gathering_window", default=None
)
_original = aioice.ice.Connection.get_component_candidates


async def _limited(
    self: aioice.ice.Connection, component: int, addresses: list[str], timeout: int = 5
) -> list[aioice.candidate.Candidate]:
    window = _window.get()
    if window is None:
        return await _original(self, component, addresses, timeout)
    loop = asyncio.get_running_loop()
    started = loop.time()
    # aioice's wait() runs for the whole timeout only when a server query is still
    # pending; an earlier return means every server answered (or failed) in time.
    candidates = await _original(self, component, addresses, window.timeout)  # type: ignore[arg-type]
    # (1 ms slack: the event loop may run a timer up to its clock resolution early.)
    if loop.time() - started >= window.timeout - 0.001:
        window.cut = True
    return candidates


aioice.ice.Connection.get_component_candidates = _limited  # type: ignore[method-assign]


@contextlib.contextmanager
def gathering_window(window: GatheringWindow | None) -> Iterator[None]:
    """Within this block (this task and the tasks it starts), ICE gathering stops after
    ``window.timeout`` seconds and sets ``window.cut`` when it had to."""
    token = _window.set(window)
    try:
        yield
    finally:
        _window.reset(token)
