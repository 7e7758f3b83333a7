"""No query makes `lankg serve` open a connection: SERVICE evasions meet the parser's check, and the workers have no network.

A socket on 127.0.0.1 records every connection made to it. The corpus in
``tests/data/hostile/service_evasions.json`` points each evasion at it; the
endpoint must refuse every one, and the socket must see nothing. Two controls
keep the test honest: a bare pyoxigraph store does connect to the socket, and
the workers' sandbox alone (no parser check) stops that same query.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from lankg.endpoint.policy import Refused, vetted

CORPUS = Path(__file__).resolve().parent.parent / "data" / "hostile" / "service_evasions.json"
EVASIONS: dict[str, str] = json.loads(CORPUS.read_text(encoding="utf-8"))["queries"]


class Listener:
    """A TCP socket on 127.0.0.1 that accepts and records every connection, then closes it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"
        self.connections: list[tuple[str, int]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, peer = self.socket.accept()
            except OSError:
                return
            self.connections.append(peer)
            conn.close()

    def settle(self) -> int:
        """The number of connections seen, after giving late ones a moment to arrive."""
        time.sleep(0.3)
        return len(self.connections)


@pytest.fixture()
def listener() -> Iterator[Listener]:
    sock = Listener()
    yield sock
    sock.socket.close()


def store_with_data() -> ox.Store:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    return store


def test_the_listener_sees_a_bare_engine_connect(listener: Listener) -> None:
    """Control: without lankg's defences pyoxigraph does call the SERVICE address, so a silent listener means something."""
    with pytest.raises(OSError):
        list(store_with_data().query(EVASIONS["plain"].replace("{listener}", listener.url)))  # type: ignore[arg-type]
    assert listener.settle() >= 1


@pytest.mark.parametrize("name", sorted(EVASIONS))
def test_every_evasion_is_refused_by_the_parser_check(name: str) -> None:
    with pytest.raises(Refused) as refused:
        vetted(EVASIONS[name].replace("{listener}", "http://127.0.0.1:9/sparql"))
    assert refused.value.status in (400, 403)


def test_a_worker_sandbox_alone_stops_the_connection(listener: Listener) -> None:
    """Below the parser check: in a process with the workers' filter, the engine cannot open the connection at all."""
    program = (
        "import sys, pyoxigraph as ox\n"
        "from lankg.endpoint.sandbox import forbid_network\n"
        "why = forbid_network()\n"
        "assert why is None, why\n"
        "store = ox.Store()\n"
        "store.add(ox.Quad(ox.NamedNode('urn:a'), ox.NamedNode('urn:b'), ox.Literal('c')))\n"
        "try:\n"
        "    list(store.query(sys.argv[1]))\n"
        "except OSError as exc:\n"
        "    print('refused:', exc)\n"
    )
    query = EVASIONS["plain"].replace("{listener}", listener.url)
    result = subprocess.run([sys.executable, "-c", program, query], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("refused:") and "ermission denied" in result.stdout
    assert listener.settle() == 0


@pytest.fixture(scope="module")
def endpoint(gold_trig: Path, serve_graph: Callable) -> Iterator[str]:
    with serve_graph(gold_trig, "--workers", "1") as base:
        yield base


def test_the_endpoint_reports_its_workers_sandboxed(endpoint: str) -> None:
    assert httpx.get(f"{endpoint}/status", timeout=30).json()["networkSandbox"] is True


@pytest.mark.parametrize("how", ["GET", "POST form", "POST direct"])
def test_no_evasion_reaches_the_listener_through_the_endpoint(endpoint: str, listener: Listener, how: str) -> None:
    answers = {}
    for name, template in EVASIONS.items():
        query = template.replace("{listener}", listener.url)
        if how == "GET":
            response = httpx.get(f"{endpoint}/sparql", params={"query": query}, timeout=60)
        elif how == "POST form":
            response = httpx.post(f"{endpoint}/sparql", data={"query": query}, timeout=60)
        else:
            response = httpx.post(f"{endpoint}/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}, timeout=60)
        answers[name] = response.status_code
    assert {name: status for name, status in answers.items() if status not in (400, 403)} == {}
    assert listener.settle() == 0
