"""Long network faults with the client's default timers (issue 16, items 3 and 4), run
only with ``--long``: the signalling link silent for 30 s and 120 s, idle and in a call,
and a ``webphone-cli`` child stopped for 60 s (SIGSTOP) idle and in a call. CI runs the
short forms in tests/integration/test_network_faults.py and test_suspend_resume.py.

Prints, per case, how long after the link came back (or after SIGCONT) the client was
registered again and usable: for the README's Reliability section. With the defaults a
dead link is noticed by the keepalive within 25 s (OPTIONS every 20 s, 5 s to answer);
the reconnect backoff (2-20 s) then bounds the recovery after the link is back.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.integration.fault_scenarios import (
    call_link_down,
    check_reported_once,
    idle_link_down,
    suspended_idle,
    suspended_in_call,
)

pytestmark = pytest.mark.timeout(120)  # x8 under --long (tests/bench/conftest.py)


def _long_only(long_mode: bool) -> None:
    if not long_mode:
        pytest.skip("--long only: CI runs the short forms in tests/integration")


@pytest.mark.parametrize("down_for", [30.0, 120.0], ids=["30s", "120s"])
@pytest.mark.parametrize("during", ["idle", "call"])
async def test_link_down_with_default_timers(
    kamailio: Any, link_fault: Any, long_mode: bool, down_for: float, during: str
) -> None:
    _long_only(long_mode)
    scenario = idle_link_down if during == "idle" else call_link_down
    outcome = await scenario(kamailio, link_fault, down_for, {})
    check_reported_once(outcome.alice)
    assert outcome.alice.states() == ["connected", "disconnected", "connected"]
    print(
        f"\n{during}, link down {down_for:.0f} s (default timers): registered "
        f"{outcome.registered_after:.1f} s, usable {outcome.usable_after:.1f} s after link up"
    )
    # Backoff cap (20 s) + the connect attempt that then succeeds.
    assert outcome.registered_after < 25.0


@pytest.mark.parametrize("during", ["idle", "call"])
async def test_stopped_for_a_minute(kamailio_fresh: Any, long_mode: bool, during: str) -> None:
    _long_only(long_mode)
    scenario = suspended_idle if during == "idle" else suspended_in_call
    resume = await scenario(kamailio_fresh, 60.0)
    print(f"\n{during}, stopped 60 s: REGISTER {resume.registered_after:.1f} s after SIGCONT")
    assert resume.registered_after < 5.0
