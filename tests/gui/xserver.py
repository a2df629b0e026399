"""A private X server (Xvfb) for the tests that need a real display, stopped by PID."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(size: str = "1280x900x24") -> Iterator[str]:
    """Start Xvfb on a free display; yields ``":N"``. Fails (never skips) without Xvfb."""
    binary = shutil.which("Xvfb")
    assert binary, "Xvfb is not installed (tests/rig/ensure_system.sh installs it)"
    read, write = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not report its display number"
        yield f":{number}"
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
