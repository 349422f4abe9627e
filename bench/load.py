"""The API under measurement: an app factory served by waitress-serve in its own process (as `make run` does),
request latency from one client, and throughput under 50 concurrent connections from wrk, another process."""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.app import PROJECT_ENV

__all__ = ["LoadResult", "served", "latencies_ms", "percentile", "load"]

WAITRESS = Path(sys.executable).parent / "waitress-serve"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served(factory: str, project: Path, ready_path: str, timeout: float = 600) -> Iterator[str]:
    """Serve `bench.app:<factory>` over the pipeline copy `project` on 127.0.0.1 while the block runs; yield its
    base URL once `ready_path` answers. The server is stopped by its process id."""
    port = _free_port()
    options = os.environ.get("SERVE_OPTIONS", "--host 127.0.0.1").split()  # as `make run` serves the map
    command = [str(WAITRESS), *options, "--port", str(port), "--call", f"bench.app:{factory}"]
    process = subprocess.Popen(command, env={**os.environ, PROJECT_ENV: str(project)}, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{factory} stopped while starting (exit status {process.returncode})")
            try:
                urllib.request.urlopen(url + ready_path, timeout=60).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile of `values` (linear interpolation between ranks)."""
    return statistics.quantiles(values, n=100, method="inclusive")[round(fraction * 100) - 1]


def latencies_ms(urls: list[str]) -> list[float]:
    """The time of each GET, body read, one after another, in milliseconds."""
    times = []
    for url in urls:
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return times


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    errors: int


def load(url: str, seconds: int = 30, connections: int = 50) -> LoadResult:
    """Run wrk against `url`; errors are socket errors (connect, read, write, timeout) and non-2xx answers."""
    output = subprocess.run(
        ["wrk", "-t", "4", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))
    socket_errors = re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    status_errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    return LoadResult(rate, errors + (int(status_errors.group(1)) if status_errors else 0))
