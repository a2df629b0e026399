"""Fixtures shared by every test directory: the real-server rig."""

pytest_plugins = ["tests.rig.kamailio", "tests.rig.tcpproxy", "tests.rig.pulse"]
