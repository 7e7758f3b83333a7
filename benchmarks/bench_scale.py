"""Build time, peak memory and named-query speed at 10k, 100k and 1M triples; pyoxigraph vs rdflib side by side.

Each size runs in its own subprocess (so peak RSS is that size's alone): the
synthetic gold facts of ``lankg.synth`` are built into a dataset with
``graph.build.build_dataset`` (no extractor involved), then every named query
in ``queries/*.rq`` that takes no parameters runs ``--repeat`` times on
pyoxigraph (``GraphStore``, which materialises the union of the named graphs
as its default graph, each triple once) and on rdflib's own SPARQL engine
over the same dataset (``default_union``). Medians are printed side by side
with the ratios.

    python benchmarks/bench_scale.py --sizes 10000,100000 [--repeat 3] [--tracemalloc] [--closure]
    python benchmarks/bench_scale.py --extract 500          # articles/s per core, cached loader, jobs 1 and 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from lankg import synth
from lankg.graph.build import build_dataset
from lankg.store.embedded import GraphStore

HERE = Path(__file__).resolve().parent

QUERY_DIR = HERE.parent / "queries"
ENGINES = ("oxigraph", "rdflib")


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def named_queries(folder: Path = QUERY_DIR) -> dict[str, str]:
    """Every named query in ``folder`` that needs no parameters."""
    found = {}
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        params = [line for line in text.splitlines() if line.startswith("#+ params:")]
        if not params or params[0].split(":", 1)[1].strip() in ("{}", "[]"):
            found[path.stem] = text
    return found


def triples_per_article(seed: int) -> tuple[float, int]:
    """Average triples one synthetic article adds, and the triples of an empty build (gazetteer, scopes)."""
    empty, _ = build_dataset([])
    base = len(empty)
    ds, _ = build_dataset(b for _, b in synth.generate(200, seed))
    return (len(ds) - base) / 200, base


def closure_times(ds: object, timeout: int) -> dict[str, float | None]:
    """Seconds for the OWL 2 RL closure of the union graph plus the ontology: owlrl vs reasonable."""
    import owlrl
    import reasonable
    from rdflib import Graph

    from lankg.ontology import load_tbox

    union = Graph()
    for triple in ds.triples((None, None, None)):  # type: ignore[attr-defined]
        union.add(triple)
    for triple in load_tbox():
        union.add(triple)
    out: dict[str, float | None] = {"closure_input": float(len(union))}
    reasoner = reasonable.PyReasoner()
    start = time.perf_counter()
    reasoner.from_graph(union)
    inferred = reasoner.reason()
    out["reasonable"] = time.perf_counter() - start
    out["reasonable_triples"] = float(len(inferred))
    signal.alarm(timeout)
    try:
        start = time.perf_counter()
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(union)
        out["owlrl"] = time.perf_counter() - start
        out["owlrl_triples"] = float(len(union))
    except _Timeout:
        out["owlrl"] = None
    finally:
        signal.alarm(0)
    return out


def child(articles: int, seed: int, repeat: int, timeout: int, trace: bool, query_dir: Path,
          closure: bool = False, skip: frozenset[str] = frozenset(),
          engines: tuple[str, ...] = ENGINES) -> dict[str, object]:
    """Run in the subprocess: build one size, measure, query."""
    bundles = [b for _, b in synth.generate(articles, seed)]
    start = time.perf_counter()
    ds, _ = build_dataset(bundles)
    build_s = time.perf_counter() - start
    rss_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    traced = None
    if trace:  # a second, untimed build: tracing slows building several times over
        tracemalloc.start()
        build_dataset(bundles)
        traced = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    triples = len(ds)
    start = time.perf_counter()
    store = GraphStore.from_dataset(ds)
    load_s = time.perf_counter() - start
    ds.default_union = True
    signal.signal(signal.SIGALRM, _alarm)
    results: dict[str, dict[str, object]] = {}
    for name, text in named_queries(query_dir).items():
        if name in skip:
            continue
        row: dict[str, object] = {}
        for engine in engines:
            times, rows = [], None
            for _ in range(repeat):
                signal.alarm(timeout)
                try:
                    start = time.perf_counter()
                    if engine == "oxigraph":
                        rows = sum(1 for _ in store.query(text))  # type: ignore[attr-defined]
                    else:
                        rows = sum(1 for _ in ds.query(text))
                    times.append(time.perf_counter() - start)
                except _Timeout:
                    times = []
                    break
                finally:
                    signal.alarm(0)
            row[engine] = statistics.median(times) if times else None
            row[f"{engine}_rows"] = rows
        results[name] = row
    closure_result = closure_times(ds, timeout) if closure else None
    return {
        "closure": closure_result,
        "articles": articles, "triples": triples, "build_s": build_s, "oxigraph_load_s": load_s,
        "peak_rss_build": rss_build, "tracemalloc_peak": traced,
        "peak_rss_total": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, "queries": results,
    }


def _mb(n: object) -> str:
    return "-" if n is None else f"{int(n) / 2**20:,.0f} MB"  # type: ignore[call-overload]


def _s(t: object) -> str:
    return "timeout" if t is None else f"{float(t) * 1000:,.1f} ms"  # type: ignore[arg-type]


def _ratio(slow: object, fast: object) -> str:
    if not slow or not fast:
        return "-"
    ratio = float(slow) / float(fast)  # type: ignore[arg-type]
    return f"{ratio:.2g}x" if ratio < 1 else f"{ratio:,.1f}x"


def run_size(target: int, per_article: float, base: int, args: argparse.Namespace) -> dict[str, object]:
    articles = max(1, round((target - base) / per_article))
    cmd = [sys.executable, __file__, "--child", str(articles), "--seed", str(args.seed), "--repeat", str(args.repeat),
           "--timeout", str(args.timeout), "--query-dir", str(args.query_dir)]
    if args.tracemalloc:
        cmd.append("--tracemalloc")
    if args.closure:
        cmd.append("--closure")
    if args.skip:
        cmd += ["--skip", args.skip]
    cmd += ["--engines", args.engines]
    # a fixed hash seed, so repeated runs order sets (and rdflib's work) the same way
    env = {**os.environ, "PYTHONHASHSEED": str(args.hash_seed)}
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_extract(n: int, seed: int) -> None:
    """Articles/s of the cached loader on a synthetic corpus, cold cache, jobs 1 and 2, and F1 against its gold."""
    from lankg.evaluate import evaluate
    from lankg.loaders.cache import load_all_cached
    from lankg.loaders.facts_json import read_facts

    with tempfile.TemporaryDirectory() as tmp:
        synth.write_corpus(Path(tmp), n, seed)
        files = sorted((Path(tmp) / "articles").glob("*.txt"))
        for jobs in (1, 2):
            start = time.perf_counter()
            cold_run = load_all_cached(files, Path(tmp) / f"cache{jobs}", jobs=jobs)
            cold = time.perf_counter() - start
            if jobs == 1:
                result = evaluate([read_facts(p) for p in sorted((Path(tmp) / "gold").glob("*.json"))], cold_run.bundles)
                print(f"extract quality on {n} synthetic articles: macro F1 {result.macro_f1:.3f} ("
                      + ", ".join(f"{s.key} {s.f1:.3f}" for s in result.scores) + ")")
            start = time.perf_counter()
            warm_run = load_all_cached(files, Path(tmp) / f"cache{jobs}", jobs=jobs)
            warm = time.perf_counter() - start
            print(f"extract jobs={jobs}: {n / cold:,.0f} articles/s cold ({n / cold / jobs:,.0f} per core), "
                  f"{n / warm:,.0f} articles/s from cache (hits {warm_run.stats.hits})")


def main(argv: list[str] | None = None) -> None:
    """Parent: one subprocess per size, then a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="target triple counts, comma-separated")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=120, help="seconds one rdflib query may take before it is dropped")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations of a second build")
    parser.add_argument("--extract", type=int, default=0, help="also time the cached loader on N synthetic articles")
    parser.add_argument("--hash-seed", type=int, default=0, help="PYTHONHASHSEED of the measuring subprocess")
    parser.add_argument("--skip", default="", help="named queries to leave out, comma-separated "
                        "(pyoxigraph cannot be interrupted by --timeout)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="which of oxigraph,rdflib to time")
    parser.add_argument("--closure", action="store_true", help="also time the OWL 2 RL closure: owlrl vs reasonable")
    parser.add_argument("--query-dir", type=Path, default=QUERY_DIR, help="folder of named .rq queries")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.seed, args.repeat, args.timeout, args.tracemalloc, args.query_dir, args.closure,
                               frozenset(n for n in args.skip.split(",") if n),
                               tuple(e for e in args.engines.split(",") if e in ENGINES))))
        return
    if args.extract:
        bench_extract(args.extract, args.seed)
    per_article, base = triples_per_article(args.seed)
    print(f"synthetic article ≈ {per_article:.0f} triples; gazetteer + scopes = {base} triples")
    for target in (int(s) for s in args.sizes.split(",") if s):
        r = run_size(target, per_article, base, args)
        print(f"\n== {r['triples']:,} triples ({r['articles']:,} articles) ==")
        print(f"build_dataset {r['build_s']:.2f} s; peak RSS after build {_mb(r['peak_rss_build'])}"
              f"{'; tracemalloc peak ' + _mb(r['tracemalloc_peak']) if r['tracemalloc_peak'] else ''}; "
              f"pyoxigraph load {r['oxigraph_load_s']:.2f} s; peak RSS overall {_mb(r['peak_rss_total'])}")
        c = r.get("closure")
        if c:
            owl = "timeout" if c["owlrl"] is None else f"{c['owlrl']:.2f} s ({int(c['owlrl_triples']):,} triples)"
            print(f"OWL 2 RL closure of {int(c['closure_input']):,} triples: reasonable {c['reasonable']:.2f} s "
                  f"({int(c['reasonable_triples']):,} triples), owlrl {owl}")
        print(f"{'query':<28}{'pyoxigraph':>14}{'rdflib':>14}{'rdflib/ox':>11}{'rows':>8}")
        for name, q in r["queries"].items():  # type: ignore[union-attr]
            ox_t, rdf_t = q.get("oxigraph"), q.get("rdflib")
            counts = {q.get(f"{e}_rows") for e in ENGINES if q.get(e) is not None}
            same = "" if len(counts) <= 1 else " (rows differ!)"
            rows = "/".join(sorted(map(str, counts))) or "-"
            ox_s, rdf_s = (_s(q[e]) if e in q else "-" for e in ENGINES)
            # a timed-out rdflib query is at least --timeout seconds: the ratio is a lower bound
            ratio = f">{args.timeout / ox_t:,.0f}x" if rdf_t is None and "rdflib" in q and ox_t else _ratio(rdf_t, ox_t)
            print(f"{name:<28}{ox_s:>14}{rdf_s:>14}{ratio:>11}{rows:>8}{same}")


if __name__ == "__main__":
    main()
