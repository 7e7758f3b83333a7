"""Fixtures for the reliability tests: the gold graph as a file, and ``lankg serve`` run as a real process on 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from lankg.graph.build import build_dataset
from lankg.loaders.facts_json import read_facts
from lankg.store import files as export

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


@pytest.fixture(scope="session")
def gold_trig(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gold facts built into a graph and exported as graph.trig, as `lankg build` would."""
    dataset, _ = build_dataset([read_facts(p) for p in sorted(GOLD.glob("*.json"))])
    path = tmp_path_factory.mktemp("gold-graph") / "graph.trig"
    export.write(dataset, path, "trig")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(graph: Path, *options: str) -> Iterator[str]:
    """Run ``lankg serve`` on a free 127.0.0.1 port until the block ends; yields the base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"lankg serve exited with {process.returncode}: {process.stderr.read().decode() if process.stderr else ''}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/status", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail("lankg serve did not start answering")
            time.sleep(0.1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and its query workers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="session")
def serve_graph() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """``serve_graph(path, *options)``: a context manager running `lankg serve` on it."""
    return serve
