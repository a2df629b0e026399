"""Timing policies: reconnect backoff, registration refresh margin, waking from a sleep."""

from __future__ import annotations

from webphone.sdk.core.connection import reconnect_delay
from webphone.sdk.core.registration import refresh_delay
from webphone.sdk.core.wake import call_needs_recovery, slept


def test_reconnect_backoff_grows_and_stays_between_2_and_20_seconds() -> None:
    for attempt in range(1, 12):
        delays = [reconnect_delay(attempt, 2.0, 20.0) for _ in range(200)]
        assert all(2.0 <= d <= 20.0 for d in delays)
    assert max(reconnect_delay(1, 2.0, 20.0) for _ in range(50)) == 2.0
    late = [reconnect_delay(8, 2.0, 20.0) for _ in range(200)]
    assert sum(late) / len(late) > 15, "late attempts wait near the cap"
    assert len(set(late)) > 1 or late[0] == 20.0


def test_refresh_happens_before_expiry_for_long_and_short_grants() -> None:
    assert refresh_delay(120) == 115
    assert refresh_delay(3600) == 3595
    assert refresh_delay(10) == 5
    assert 0 < refresh_delay(2) < 2


def test_a_timer_far_later_than_asked_means_the_process_slept() -> None:
    # On time, or late by a busy event loop: no sleep.
    assert not slept(2.0, 2.0, 2.0)
    assert not slept(2.0, 3.5, 3.5)
    # SIGSTOP: both clocks ran on while the timer could not fire.
    assert slept(2.0, 62.0, 62.0)
    # System suspend: CLOCK_MONOTONIC stood still, CLOCK_BOOTTIME did not.
    assert slept(2.0, 2.0, 3600.0)


def test_a_call_is_set_up_afresh_only_after_a_sleep_its_consent_may_not_outlive() -> None:
    assert not call_needs_recovery(6.0)  # ICE consent (30 s) outlives it
    assert call_needs_recovery(20.0)
    assert call_needs_recovery(60.0)  # the far end has dropped the path
