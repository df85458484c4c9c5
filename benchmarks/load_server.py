"""The app under load: started on a free loopback port, pinned to one core.

The server is the virtual environment's streamlit running the app headless,
as ``make run`` does. Its CPU time and memory are read from ``/proc``; only
the process started here is ever stopped, by its PID.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
APP = "kana_app/server.py"
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Sample:
    """The server's counters at one moment."""

    wall_s: float
    cpu_s: float  # user + system, waited-for children included
    rss_bytes: int


def free_port() -> int:
    """Return a loopback TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_cpu_seconds(pid: int) -> float:
    """Return utime + stime + cutime + cstime of ``pid``, in seconds."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    # The command name may hold spaces; the fields after it are fixed.
    fields = stat[stat.rindex(")") + 2 :].split()
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return (utime + stime + cutime + cstime) / _CLOCK_TICKS


def read_rss_bytes(pid: int) -> int:
    """Return the resident set size of ``pid``, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS line for process {pid}")


class AppServer:
    """The Kana app in a streamlit process of its own, on ``cpu`` if given."""

    def __init__(self, *, cpu: int | None = None, env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._cpu = cpu
        self._extra_env = env or {}
        self._log = Path(tempfile.mkstemp(prefix="kana-load-", suffix=".log")[1])
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        if self._process is None:
            raise RuntimeError("the server is not started")
        return self._process.pid

    def start(self) -> None:
        """Start the app and wait until it answers its health check."""
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            APP,
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ]
        if self._cpu is not None:
            # taskset execs the command, so the PID is the server's own.
            command = ["taskset", "--cpu-list", str(self._cpu), *command]
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
            ),
            "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none",
            **self._extra_env,
        }
        with self._log.open("wb") as out:
            self._process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        logger.info("Started the app, PID %d, on %s", self._process.pid, self.url)
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"the app exited early:\n{self.log_text()}")
            try:
                url = f"{self.url}/_stcore/health"
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"the app did not answer within {START_TIMEOUT_S} s")

    def sample(self) -> Sample:
        """Read the server's wall clock, CPU time and resident memory now."""
        return Sample(
            time.monotonic(), read_cpu_seconds(self.pid), read_rss_bytes(self.pid)
        )

    def log_text(self) -> str:
        return self._log.read_text(errors="replace")

    def stop(self) -> None:
        """Stop the process started here (by PID), and remove its log."""
        process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self._process = None
        self._log.unlink(missing_ok=True)
