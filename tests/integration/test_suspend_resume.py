"""Suspend/resume (issue 16, item 4): a real ``webphone-cli`` child logged in to Kamailio
is stopped with SIGSTOP and continued with SIGCONT, as a laptop lid does to it.

On waking the client must re-REGISTER at once (not when its refresh timer would have
fired: the registrar may have dropped the binding meanwhile, and the network may be
another one), print no event twice, and leave no call stuck. CI stops it for 10 s idle
(the behaviour is the same as for 60 s: the wake-up check fires on any gap over 5 s)
and 35 s in a call (past the far end's 30 s ICE consent timeout, as 60 s is);
tests/bench/test_link_down_long.py stops it for 60 s under ``--long``. The time from
SIGCONT to the REGISTER at Kamailio is printed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from tests.integration.fault_scenarios import (
    CliChild,
    registers_from,
    stop_and_continue,
    suspended_idle,
    suspended_in_call,
)

pytestmark = pytest.mark.timeout(150)

STOPPED_FOR = 10.0
#: Past RFC 7675's 30 s consent timeout: the far end has given up our media path, so
#: the call only goes on if the client sets its media up afresh on waking.
STOPPED_IN_CALL_FOR = 35.0


async def test_stopped_while_idle_reregisters_at_once(kamailio_fresh: Any) -> None:
    resume = await suspended_idle(kamailio_fresh, STOPPED_FOR)
    took = resume.registered_after
    print(f"\nidle, stopped {STOPPED_FOR:.0f} s: REGISTER {took:.1f} s after SIGCONT")
    assert resume.registered_after < 5.0


async def test_stopped_in_a_call_reregisters_and_the_call_is_not_stuck(
    kamailio_fresh: Any,
) -> None:
    resume = await suspended_in_call(kamailio_fresh, STOPPED_IN_CALL_FOR)
    print(
        f"\nin a call, stopped {STOPPED_IN_CALL_FOR:.0f} s: REGISTER "
        f"{resume.registered_after:.1f} s after SIGCONT, audio at the far end "
        f"{resume.media_after:.1f} s after that"
    )
    assert resume.registered_after < 5.0


async def test_stopped_past_a_refresh_reregisters_once(kamailio_short_expiry: Any) -> None:
    """Kamailio grants 10 s (a refresh every 5 s): after 12 s stopped, the overdue
    refresh and the wake-up's own are one REGISTER exchange, not two."""
    server = kamailio_short_expiry
    before = server.log_path.stat().st_size
    cli = await CliChild.start(server)
    try:
        await cli.wait_event("onLogin")
        # What one exchange looks like in Kamailio's log (a digest challenge: two).
        per_exchange = registers_from(server, "alice", before)
        resume = await stop_and_continue(server, cli, 12.0)
        await asyncio.sleep(2.5)  # a second exchange would be there by now; the next
        # regular refresh is 5 s away
        count = registers_from(server, "alice", resume.offset)
        print(f"\nstopped past a refresh: {count} REGISTER(s) after SIGCONT, {per_exchange} each")
        assert count == per_exchange
    finally:
        await cli.close()
