"""Median time of each named query on the graph of the gold facts (pyoxigraph, in process).

Run: PYTHONPATH=<parent of the repo> python benchmarks/named_queries.py [repeats]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from lankg.graph.build import build_dataset
from lankg.loaders.facts_json import read_facts
from lankg.queries import QUERIES
from lankg.queries.run import run_query
from lankg.store.embedded import GraphStore

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"
REQUIRED = {("fact_sources", "node"): "https://w3id.org/lankg/id/region/64.01"}


def main(repeats: int = 20) -> None:
    dataset, _ = build_dataset([read_facts(p) for p in sorted(GOLD.glob("*.json"))])
    store = GraphStore.from_dataset(dataset)
    print(f"{len(store)} quads; median of {repeats} runs")
    for name, query in QUERIES.items():
        params = {p.name: REQUIRED[(name, p.name)] for p in query.params if p.required}
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            answer = run_query(store, query, params)
            times.append(time.perf_counter() - start)
        print(f"{name:28s} {len(answer.rows):5d} rows  {statistics.median(times) * 1000:8.2f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
