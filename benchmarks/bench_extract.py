"""Articles per second of the fact extractor on one core: the sample corpus repeated, median of several runs.

Run: ``PYTHONPATH=<parent of the repo> python benchmarks/bench_extract.py [--repeat 20] [--runs 5]``.
Articles are read once; only extraction is timed. The lexicon and patterns are
compiled before timing starts (a one-off cost, reported separately).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="how many times the corpus is repeated per run")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is reported")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles = [read_article(p) for p in sorted((ROOT / "data" / "articles").glob("*.txt"))]
    t0 = time.perf_counter()
    extract_facts(articles[0])
    warmup = time.perf_counter() - t0
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for _ in range(args.repeat):
            for article in articles:
                extract_facts(article)
        rates.append(len(articles) * args.repeat / (time.perf_counter() - start))
    print(f"first article (compiles lexicon and gazetteer patterns): {warmup * 1000:.0f} ms")
    print(f"extract: median {statistics.median(rates):.1f} articles/s on one core "
          f"({args.runs} runs x {len(articles) * args.repeat} articles; min {min(rates):.1f}, max {max(rates):.1f})")


if __name__ == "__main__":
    main()
