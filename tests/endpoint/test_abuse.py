"""`lankg serve` under abandoned, slow, greedy and oversized requests, on a real server on 127.0.0.1.

Bounded loads and no timing assertions: each test asserts outcomes, order,
counts from /status, or bounded sizes. --timeout is set far beyond what any
test waits for a fast answer, so a fast answer that arrives at all proves the
slow queries did not hold the worker it needed.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import httpx

MOU_COUNT = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"
HOSTILE = json.loads((Path(__file__).resolve().parents[1] / "data" / "hostile" / "endpoint_queries.json").read_text(encoding="utf-8"))["queries"]
#: Cannot finish in any test's lifetime: every triple joined with itself three times.
CROSS_JOIN = HOSTILE["cross_join"]
#: Builds one string from every pair of triples: hundreds of megabytes on the gold graph.
MEMORY_HOG = HOSTILE["memory_hog"]
#: About 27 MB of CSV: 200,000 rows of three IRIs or literals.
BIG_ANSWER = HOSTILE["big_answer"]


def status(url: str) -> dict:
    return httpx.get(f"{url}/status", timeout=30).json()


def wait_for(url: str, ready: Callable[[dict], bool]) -> dict:
    last: dict = {}
    for _ in range(6000):
        last = status(url)
        if ready(last):
            return last
        time.sleep(0.02)
    raise AssertionError(f"the endpoint never reached the expected state; last status {last}")


def fast(url: str, timeout: float = 120) -> httpx.Response:
    return httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "text/csv"}, timeout=timeout)


def abandon(url: str, query: str) -> socket.socket:
    """Send a query over a raw socket and return the socket; closing it is the client hanging up."""
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port))
    sock.sendall(f"GET /sparql?{urlencode({'query': query})} HTTP/1.1\r\nHost: x\r\nAccept: text/csv\r\n\r\n".encode())
    return sock


def unanswered(sock: socket.socket) -> bool:
    """True while no byte of an answer has arrived on ``sock``."""
    sock.setblocking(False)
    try:
        sock.recv(1)  # an answer, or the connection closed: either way not waiting any more
        return False
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


def test_queries_of_clients_that_hang_up_are_stopped(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "2", "--fast-workers", "0", "--queue", "16", "--timeout", "600") as url:
        sockets = [abandon(url, CROSS_JOIN) for _ in range(8)]
        wait_for(url, lambda s: s["busy"] == 2 and s["waiting"] == 6)
        for sock in sockets:
            sock.close()
        after = wait_for(url, lambda s: s["cancelled"] == 8 and s["busy"] == 0 and s["waiting"] == 0)
        assert after["restarts"] <= 2  # the two running queries' workers were killed and replaced; the six waiting never ran
        response = fast(url)
        assert response.status_code == 200 and response.text.splitlines() == ["n", "17"]


def test_fast_queries_keep_their_worker_under_many_slow_ones(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "2", "--fast-workers", "1", "--queue", "16", "--timeout", "600") as url:
        assert fast(url).status_code == 200  # seen finishing fast once
        assert status(url)["fastWorkers"] == 1 and status(url)["knownFastQueries"] >= 1
        slow = [abandon(url, CROSS_JOIN) for _ in range(6)]  # clients that wait as long as it takes
        wait_for(url, lambda s: s["busy"] == 1 and s["waiting"] == 5)
        for _ in range(10):
            response = fast(url)
            assert response.status_code == 200 and response.text.splitlines() == ["n", "17"]
        assert all(unanswered(sock) for sock in slow), "a slow query was answered: the test proved nothing"
        assert status(url)["busy"] == 1  # the slow ones hold the general worker only
        for sock in slow:
            sock.close()


def test_a_query_past_its_memory_is_stopped_and_the_endpoint_goes_on(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "1", "--memory", "128", "--timeout", "600") as url:
        response = httpx.get(f"{url}/sparql", params={"query": MEMORY_HOG}, headers={"Accept": "text/csv"}, timeout=600)
        assert response.status_code == 503
        assert "128 MB of memory" in response.text
        assert status(url)["memoryMB"] == 128
        assert fast(url).text.splitlines() == ["n", "17"]


def _rss_peak_kb(url: str) -> int:
    port = urlsplit(url).port
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
            if b"serve" in argv and str(port).encode() in argv:
                line = next(x for x in (proc / "status").read_text().splitlines() if x.startswith("VmHWM:"))
                return int(line.split()[1])
        except (OSError, StopIteration):
            continue
    raise AssertionError("no server process found")


def test_answers_are_bounded_in_bytes_and_streamed(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "1", "--limit", "300000", "--max-bytes", "10000") as url:
        small = httpx.get(f"{url}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 500"}, headers={"Accept": "text/csv"}, timeout=120)
        assert small.status_code == 400 and "more than 10,000 bytes, the size limit" in small.text
    with serve_graph(gold_trig, "--workers", "1", "--limit", "300000") as url:
        assert fast(url).status_code == 200
        before = _rss_peak_kb(url)
        size = 0
        with httpx.stream("GET", f"{url}/sparql", params={"query": BIG_ANSWER}, headers={"Accept": "text/csv", "Accept-Encoding": "identity"}, timeout=300) as response:
            assert response.status_code == 200
            assert int(response.headers["content-length"]) > 20_000_000
            for chunk in response.iter_bytes():
                size += len(chunk)
        assert size == int(response.headers["content-length"])
        grown_kb = _rss_peak_kb(url) - before
        assert grown_kb * 1024 < size / 4, f"the server grew by {grown_kb} kB for an answer of {size} bytes"


def test_a_long_get_is_414_and_post_graph_parameters_are_refused(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "1") as url:
        parts = urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        query = HOSTILE["long_get"].replace("{150000 times a}", "a" * 150_000)
        conn.request("GET", "/sparql?query=" + quote(query))
        response = conn.getresponse()
        assert response.status == 414 and b"POST the query instead" in response.read()
        conn.close()
        for params in ({"default-graph-uri": "urn:g"}, {"named-graph-uri": "urn:g"}):
            direct = httpx.post(f"{url}/sparql", params=params, content=MOU_COUNT.encode(),
                                headers={"Content-Type": "application/sparql-query"}, timeout=60)
            form = httpx.post(f"{url}/sparql", params=params, data={"query": MOU_COUNT}, timeout=60)
            for refused in (direct, form):
                assert refused.status_code == 400 and "<urn:g> names no graph of this dataset" in refused.text
