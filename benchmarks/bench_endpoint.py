"""Load on `lankg serve`: N concurrent clients fire a bounded number of named-query requests at 127.0.0.1.

It builds the sample corpus with `lankg build` (or takes --graph), starts
`lankg serve` on a free port, asks each named query once for its expected
answer, then has the clients send the named queries round-robin and compares
every answer with the expected one. Prints throughput, p50/p99 latency and the
error count (a wrong answer is an error too).

With ``--abuse`` it measures instead what issue 12 found: the latency of a
fast query (MOU count) with no other load, while clients keep sending a
query that cannot finish and hang up after ``--abandon-after`` seconds, and
while clients send that query and wait for it; the medians are printed side
by side.

Run: PYTHONPATH=<parent of the repo> python benchmarks/bench_endpoint.py [--clients 16] [--requests 800] [--workers 2]
     PYTHONPATH=<parent of the repo> python benchmarks/bench_endpoint.py --abuse [--abusers 18] [--fast 20]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx

from lankg.queries import QUERIES

HOSTILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "hostile" / "endpoint_queries.json"
FAST_QUERY = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"

#: Values for the parameters that have no default (a node that has sources in the sample graph).
REQUIRED = {("fact_sources", "node"): "https://w3id.org/lankg/id/region/64.01"}
#: No single request may take longer than this; the whole run is bounded by requests x this / clients.
REQUEST_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(graph: Path, workers: int, queue: int, *options: str) -> Iterator[str]:
    """`lankg serve` on a free 127.0.0.1 port, in its own session so that it and its workers are stopped together."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", str(port),
         "--workers", str(workers), "--queue", str(queue), *options],
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            if process.poll() is not None:
                raise SystemExit(f"lankg serve exited with {process.returncode}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/status", timeout=5).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            raise SystemExit("lankg serve did not answer within 120 s")
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def requests_plan() -> list[tuple[str, dict[str, str]]]:
    """Every named query with its required parameters filled in."""
    return [(name, {p.name: REQUIRED[(name, p.name)] for p in q.params if p.required}) for name, q in QUERIES.items()]


def run_load(url: str, clients: int, total: int) -> tuple[float, list[float], list[str]]:
    """Fire ``total`` requests from ``clients`` threads; the wall time, each latency, and the errors."""
    plan = requests_plan()
    with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
        expected = {}
        for name, params in plan:
            response = client.get(f"{url}/queries/{name}", params=params, headers={"Accept": "text/csv"})
            if response.status_code != 200:
                raise SystemExit(f"{name}: {response.status_code} {response.text}")
            expected[name] = sorted(response.text.splitlines()[1:])
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client_loop() -> None:
        with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                name, params = plan[i % len(plan)]
                start = time.perf_counter()
                try:
                    response = client.get(f"{url}/queries/{name}", params=params, headers={"Accept": "text/csv"})
                    problem = None if response.status_code == 200 else f"{name}: HTTP {response.status_code}"
                    if problem is None and sorted(response.text.splitlines()[1:]) != expected[name]:
                        problem = f"{name}: wrong answer"
                except httpx.HTTPError as exc:
                    problem = f"{name}: {type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started, latencies, errors


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _send(url: str, query: str) -> socket.socket:
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    body = urllib.parse.urlencode({"query": query}).encode()
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    return sock


def fast_latencies(url: str, count: int) -> tuple[list[float], int]:
    """``count`` fast queries one after another: each latency (seconds) and the number not answered 200."""
    latencies, failed = [], 0
    with httpx.Client(timeout=REQUEST_TIMEOUT) as client:
        for _ in range(count):
            start = time.perf_counter()
            try:
                ok = client.get(f"{url}/sparql", params={"query": FAST_QUERY}, headers={"Accept": "text/csv"}).status_code == 200
            except httpx.HTTPError:
                ok = False
            latencies.append(time.perf_counter() - start)
            failed += not ok
    return latencies, failed


def abuse(url: str, slow_query: str, abusers: int, fast: int, abandon_after: float | None) -> tuple[list[float], int]:
    """Fast-query latencies while ``abusers`` clients keep sending ``slow_query`` (hanging up after ``abandon_after`` s, or waiting)."""
    stop = threading.Event()
    sockets: list[socket.socket] = []

    def abuser() -> None:
        while not stop.is_set():
            sock = _send(url, slow_query)
            sockets.append(sock)
            if abandon_after is None:
                stop.wait()
            else:
                stop.wait(abandon_after)
            sock.close()

    threads = [threading.Thread(target=abuser, daemon=True) for _ in range(abusers)]
    for t in threads:
        t.start()
    time.sleep(1.0)  # let them fill the workers and the queue
    try:
        return fast_latencies(url, fast)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
        for sock in sockets:
            sock.close()


def main_abuse(args: argparse.Namespace, graph: Path) -> None:
    slow_query = json.loads(HOSTILE.read_text(encoding="utf-8"))["queries"]["cross_join"]
    rows = []
    with served(graph, args.workers, args.queue, "--timeout", str(args.timeout)) as url:
        fast_latencies(url, 3)  # seen finishing fast: it may use the fast lane
        for label, abandon_after in (("no other load", -1.0), (f"{args.abusers} clients hanging up after {args.abandon_after:g} s", args.abandon_after),
                                     (f"{args.abusers} slow clients waiting", None)):
            if abandon_after == -1.0:
                latencies, failed = fast_latencies(url, args.fast)
            else:
                latencies, failed = abuse(url, slow_query, args.abusers, args.fast, abandon_after)
            rows.append((label, statistics.median(latencies), max(latencies), failed))
            status = httpx.get(f"{url}/status").json()
            rows[-1] += (status.get("cancelled", "-"), status.get("expired", "-"))  # older servers do not count them
    print(f"fast query ({args.fast} in a row) on {args.workers} workers, --timeout {args.timeout:g} s, slow query: cross join")
    print(f"{'load':<40} {'median':>10} {'max':>10} {'failed':>7} {'cancelled':>10} {'expired':>8}")
    for label, median, worst, failed, cancelled, expired in rows:
        print(f"{label:<40} {median * 1000:>8.1f}ms {worst * 1000:>8.1f}ms {failed:>7} {cancelled:>10} {expired:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queue", type=int, default=64, help="must hold every client, or some get 503 by design")
    parser.add_argument("--graph", type=Path, help="a built graph.trig (default: build the sample corpus now)")
    parser.add_argument("--abuse", action="store_true", help="fast-query latency under abandoned and slow clients instead")
    parser.add_argument("--abusers", type=int, default=18, help="--abuse: clients sending a query that cannot finish")
    parser.add_argument("--abandon-after", type=float, default=2.0, help="--abuse: seconds before an abandoning client hangs up")
    parser.add_argument("--fast", type=int, default=20, help="--abuse: fast queries timed under each load")
    parser.add_argument("--timeout", type=float, default=30.0, help="--abuse: the server's --timeout")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            subprocess.run([sys.executable, "-m", "lankg", "build", "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            graph = Path(tmp) / "graph.trig"
        if args.abuse:
            main_abuse(args, graph)
            return
        with served(graph, args.workers, args.queue) as url:
            quads = httpx.get(f"{url}/status").json()["quads"]
            wall, latencies, errors = run_load(url, args.clients, args.requests)
    print(f"graph {graph.name}: {quads} quads; {len(QUERIES)} named queries round-robin")
    print(f"{args.clients} clients, {args.workers} workers, {len(latencies)} requests in {wall:.2f} s: {len(latencies) / wall:.1f} req/s")
    print(f"latency p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    print(f"errors: {len(errors)}")
    for problem in sorted(set(errors))[:10]:
        print(f"  {problem}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
