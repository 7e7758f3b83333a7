"""Concurrent clients on a real `lankg serve`: every request answered, every answer the one the library gives in process.

Bounded: 8 clients x 25 requests on 127.0.0.1. Speed is measured by
benchmarks/bench_endpoint.py, never here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import httpx

from lankg.queries import QUERIES
from lankg.queries.run import run_query
from lankg.store.embedded import GraphStore

CLIENTS = 8
REQUESTS_PER_CLIENT = 25
REQUIRED = {("fact_sources", "node"): "https://w3id.org/lankg/id/region/64.01"}


def ordered(rows: list[tuple[str | None, ...]]) -> list[tuple[str | None, ...]]:
    """The rows in a fixed order (answers without ORDER BY may come in any order)."""
    return sorted(rows, key=lambda row: tuple(("", "") if v is None else ("v", v) for v in row))


def rows_of(bindings: list[dict], columns: tuple[str, ...]) -> list[tuple[str | None, ...]]:
    return ordered([tuple(b[c]["value"] if c in b else None for c in columns) for b in bindings])


def test_concurrent_clients_get_correct_answers(gold_trig: Path, serve_graph: Callable) -> None:
    store = GraphStore.from_file(gold_trig)
    plan = []
    for name, query in QUERIES.items():
        params = {p.name: REQUIRED[(name, p.name)] for p in query.params if p.required}
        answer = run_query(store, query, params)
        plan.append((name, params, answer.columns, ordered(answer.values())))
    assert any(len(expected) > 0 for *_, expected in plan)

    failures: list[str] = []
    answered: list[str] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        with httpx.Client(timeout=120) as http:
            for i in range(REQUESTS_PER_CLIENT):
                name, params, columns, expected = plan[(offset + i) % len(plan)]
                response = http.get(f"{url}/queries/{name}", params=params, headers={"Accept": "application/sparql-results+json"})
                problem = None
                if response.status_code != 200:
                    problem = f"{name}: HTTP {response.status_code}: {response.text[:200]}"
                else:
                    got = rows_of(response.json()["results"]["bindings"], columns)
                    if got != expected:
                        problem = f"{name}: {len(got)} rows differ from the {len(expected)} expected"
                with lock:
                    answered.append(name)
                    if problem:
                        failures.append(problem)

    with serve_graph(gold_trig, "--workers", "2", "--queue", str(CLIENTS)) as url:
        threads = [threading.Thread(target=client, args=(k * 3,)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        status = httpx.get(f"{url}/status").json()
    assert failures == []
    assert len(answered) == CLIENTS * REQUESTS_PER_CLIENT
    assert status["busy"] == 0 and status["waiting"] == 0 and status["restarts"] == 0
