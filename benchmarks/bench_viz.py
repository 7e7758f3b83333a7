"""Size of the network page, and median times to write it and to render it in headless Chromium.

Synthetic collaboration networks of 600, 5,000 and 20,000 nodes (preferential
attachment, two links per new node, so hubs like LAN appear). "render" is from
navigation until the page sets ``data-ready``: vis-network has run its capped
stabilisation, switched physics off and drawn the network once.

    PYTHONPATH=/work/wt/viz /work/venv/bin/python benchmarks/bench_viz.py [--repeats 3] [--sizes 600,5000,20000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

from lankg.viz.html import CHROMIUM_ARGS, KIND_STYLE, write_network_html

KINDS = [k for k in KIND_STYLE if k not in ("Official", "Scope")]


def synthetic_network(n: int, seed: int = 1) -> nx.Graph:
    """A preferential-attachment graph with the attributes the page uses."""
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    graph = nx.Graph(view="institutions")
    for node in base:
        graph.add_node(
            f"n{node}",
            label=f"Institusi {node}",
            kind=KINDS[node % len(KINDS)],
            province=f"Provinsi {node % 38}",
            years=[str(2015 + node % 9)],
            scopes=[f"scope {node % 10}"],
            agreements=[],
        )
    for a, b in base.edges:
        graph.add_edge(f"n{a}", f"n{b}", weight=1 + (a + b) % 3, years=[str(2015 + (a + b) % 9)], scopes=[f"scope {a % 10}"], agreements=[])
    return graph


def render_seconds(context, path: Path, timeout_s: float = 900) -> float:  # type: ignore[no-untyped-def]
    blocked: list[str] = []
    page = context.new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else (blocked.append(route.request.url), route.abort()))
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit", timeout=timeout_s * 1000)
    while page.evaluate("document.body && document.body.getAttribute('data-ready')") != "true":
        if time.perf_counter() - start > timeout_s:
            raise TimeoutError(f"{path.name} not drawn after {timeout_s} s")
        page.wait_for_timeout(20)
    elapsed = time.perf_counter() - start
    page.close()
    if blocked:
        raise AssertionError(f"the page tried to fetch {blocked}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sizes", default="600,5000,20000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'nodes':>7} {'edges':>7} {'html MB':>8} {'write s':>8} {'render s':>9}  (medians of {args.repeats})")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS, headless=True, viewport={"width": 1280, "height": 900}
        )
        for n in sizes:
            graph = synthetic_network(n)
            path = Path(tmp) / f"network-{n}.html"
            writes, renders = [], []
            for _ in range(args.repeats):
                start = time.perf_counter()
                write_network_html(graph, path)
                writes.append(time.perf_counter() - start)
                renders.append(render_seconds(context, path))
            size_mb = path.stat().st_size / 1e6
            print(f"{n:>7} {graph.number_of_edges():>7} {size_mb:>8.2f} {statistics.median(writes):>8.3f} {statistics.median(renders):>9.2f}", flush=True)
        context.close()


if __name__ == "__main__":
    main()
