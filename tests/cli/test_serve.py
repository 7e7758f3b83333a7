"""`lankg serve` as a user runs it: a line per request on stderr, a clean stop on Ctrl-C, a port in use said before any banner."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

import lankg

ACCESS_LINE = re.compile(r"^127\.0\.0\.1 (GET|HEAD|POST|OPTIONS) (/\S*) (\d{3}) (\d+) B (\d+) ms$")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(graph: Path, port: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(Path(lankg.__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", str(port), "--workers", "1"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_until_answering(server: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"{url}/status", timeout=5)
            return
        except httpx.TransportError:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "lankg serve did not start"
            time.sleep(0.2)


def test_each_request_is_logged_and_ctrl_c_stops_cleanly(gold_files: dict[str, Path]) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(gold_files["trig"], port)
    try:
        _wait_until_answering(server, url)
        answer = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
        assert answer.status_code == 200
        assert httpx.get(f"{url}/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400
        assert httpx.head(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        os.killpg(server.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the server and its query workers get SIGINT
        _, stderr = server.communicate(timeout=60)
    assert server.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    lines = stderr.splitlines()
    assert lines[0].startswith(f"SPARQL endpoint on {url}/sparql") and lines[-1] == "endpoint stopped"
    logged = [m.groups() for line in lines if (m := ACCESS_LINE.match(line))]
    sparql = [(method, status, int(size)) for method, path, status, size, _ in logged if path == "/sparql"]
    assert sparql == [("GET", "200", len(answer.content)), ("GET", "400", sparql[1][2]), ("HEAD", "200", 0)]
    assert sparql[1][2] > 0
    assert all("?" not in path for _, path, *_ in logged)  # the query string, which can be the whole query, is not logged


def test_a_port_in_use_is_said_before_any_banner(gold_files: dict[str, Path]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        server = _serve(gold_files["trig"], port)
        _, stderr = server.communicate(timeout=60)
    assert server.returncode != 0
    assert stderr.strip() == f"error: port {port} on 127.0.0.1 is already in use (another `lankg serve`?); pass --port N"
    assert time.monotonic() - started < 30  # said at once, before the workers load the graph
