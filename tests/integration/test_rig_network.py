"""The suite's media stays on loopback: tests/run.sh runs it in a network namespace of its own."""

from __future__ import annotations

import os
import socket

import pytest


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="developers may run without root")
def test_ci_runs_in_a_loopback_only_network_namespace() -> None:
    assert [name for _, name in socket.if_nameindex()] == ["lo"]
