"""Time owlrl against reasonable on the gold facts' graph and say whether their inferences agree.

Run: PYTHONPATH=<parent of the package> python benchmarks/bench_reason.py [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from lankg.graph.build import build_dataset
from lankg.graph.reason import ENGINES, closure, comparable
from lankg.loaders.facts_json import read_facts
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.store.files import union_graph

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold"


def main(rounds: int = 5) -> None:
    bundles = [read_facts(p) for p in sorted(GOLD.glob("*.json"))]
    ds, _ = build_dataset(bundles)
    data = union_graph(ds)
    results: dict[str, set] = {}
    print(f"data: {len(data):,} triples (gold facts + gazetteer), {rounds} rounds")
    for engine in ENGINES:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            triples = closure(data, engine)  # type: ignore[arg-type]
            times.append(time.perf_counter() - t0)
        results[engine] = comparable(triples, DEFAULT_BASE)
        print(f"{engine:>10}: median {statistics.median(times):.3f} s  closure {len(triples):,} triples, "
              f"instance-level {len(results[engine]):,}")
    a, b = (results[e] for e in ENGINES)
    print(f"agree: {a == b}  (only {ENGINES[0]}: {len(a - b)}, only {ENGINES[1]}: {len(b - a)})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
