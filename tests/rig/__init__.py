"""Test rig: real servers (Kamailio) and network helpers started by pytest fixtures."""
