"""Load on `lankg serve`: N concurrent clients fire a bounded number of named-query requests at 127.0.0.1.

It builds the sample corpus with `lankg build` (or takes --graph), starts
`lankg serve` on a free port, asks each named query once for its expected
answer, then has the clients send the named queries round-robin and compares
every answer with the expected one. Prints throughput, p50/p99 latency and the
error count (a wrong answer is an error too).

Run: PYTHONPATH=<parent of the repo> python benchmarks/bench_endpoint.py [--clients 16] [--requests 800] [--workers 2]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from lankg.queries import QUERIES

#: Values for the parameters that have no default (a node that has sources in the sample graph).
REQUIRED = {("fact_sources", "node"): "https://w3id.org/lankg/id/region/64.01"}
#: No single request may take longer than this; the whole run is bounded by requests x this / clients.
REQUEST_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(graph: Path, workers: int, queue: int) -> Iterator[str]:
    """`lankg serve` on a free 127.0.0.1 port, in its own session so that it and its workers are stopped together."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", str(port),
         "--workers", str(workers), "--queue", str(queue)],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--queue", type=int, default=64, help="must hold every client, or some get 503 by design")
    parser.add_argument("--graph", type=Path, help="a built graph.trig (default: build the sample corpus now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph
        if graph is None:
            subprocess.run([sys.executable, "-m", "lankg", "build", "--out", tmp], check=True, stdout=subprocess.DEVNULL)
            graph = Path(tmp) / "graph.trig"
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
