"""Articles per second of the fact extractor on one core, on the sample corpus and on the devset, median of runs.

Run: ``python benchmarks/bench_extract.py [--repeat 20] [--runs 5] [--devset ../shared/devset]``.
Articles are read once; only extraction is timed. The lexicon and patterns are
compiled before timing starts (a one-off cost, reported separately). The devset
(``../shared/devset`` beside the repository, or ``--devset``) is measured when present.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from lankg.loaders.articles import Article, read_article
from lankg.loaders.extract import extract_facts

ROOT = Path(__file__).resolve().parent.parent


def _rate(articles: list[Article], repeat: int, runs: int) -> list[float]:
    rates = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(repeat):
            for article in articles:
                extract_facts(article)
        rates.append(len(articles) * repeat / (time.perf_counter() - start))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="how many times the corpus is repeated per run")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is reported")
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset", help="the devset folder")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    corpora = {"seeds": sorted((ROOT / "data" / "articles").glob("*.txt"))}
    if (args.devset / "articles").is_dir():
        corpora["devset"] = sorted((args.devset / "articles").glob("*.txt"))
    t0 = time.perf_counter()
    extract_facts(read_article(corpora["seeds"][0]))
    print(f"first article (compiles lexicon and gazetteer patterns): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for label, paths in corpora.items():
        articles = [read_article(p) for p in paths]
        rates = _rate(articles, args.repeat, args.runs)
        print(f"extract {label}: median {statistics.median(rates):.1f} articles/s on one core "
              f"({args.runs} runs x {len(articles) * args.repeat} articles; min {min(rates):.1f}, max {max(rates):.1f})")


if __name__ == "__main__":
    main()
