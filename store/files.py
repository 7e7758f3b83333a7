"""Write the dataset as Turtle, N-Triples, JSON-LD or TriG, atomically and byte-for-byte reproducibly.

Turtle uses rdflib's ``longturtle`` (sorted subjects and predicates, one object
per line), N-Triples lines are sorted, and JSON-LD nodes and values are sorted
(rdflib writes them in the order of its hash-based indexes, which changes with
PYTHONHASHSEED), so the same graph always gives the same bytes and diffs
between builds are small.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from lankg.errors import InputError
from lankg.fileio import read_text_checked, write_text_atomic
from lankg.ontology.namespaces import PREFIXES
from lankg.options import ExportFormat

#: The largest built graph ``read_trig`` accepts.
MAX_GRAPH_BYTES = 512 * 1024 * 1024

#: rdflib's serialiser of each export format.
FORMATS: dict[ExportFormat, str] = {
    ExportFormat.ttl: "longturtle", ExportFormat.nt: "nt", ExportFormat.jsonld: "json-ld", ExportFormat.trig: "trig"
}
EXTENSIONS: dict[ExportFormat, str] = {f: f".{f.value}" for f in ExportFormat}


def union_graph(ds: Dataset) -> Graph:
    """All named graphs' triples in one graph (the knowledge graph without its provenance partition)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialise(ds: Dataset, fmt: str) -> str:
    """The dataset in ``fmt`` (an ``ExportFormat``, or its name), deterministic."""
    try:
        fmt = ExportFormat(fmt)
    except ValueError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    if fmt == "trig":
        return _trig(ds)
    graph = union_graph(ds)
    if fmt == "nt":
        lines = sorted(set(graph.serialize(format="nt").splitlines()))
        return "\n".join(line for line in lines if line) + "\n"
    if fmt == "jsonld":
        document = json.loads(graph.serialize(format="json-ld", context=PREFIXES))
        return json.dumps(_sorted_jsonld(document), indent=2, sort_keys=True, ensure_ascii=False)
    return graph.serialize(format=FORMATS[fmt])


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _sorted_jsonld(value: Any, key: str | None = None) -> Any:
    """A JSON-LD document with every array in a fixed order, except ``@list`` arrays, whose order is data."""
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return items if key == "@list" else sorted(items, key=_sort_key)
    return value


def _turtle_body(graph: Graph) -> str:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    text = graph.serialize(format="longturtle")
    return "\n".join(line for line in text.splitlines() if not line.startswith("PREFIX ")).strip("\n")


def _trig(ds: Dataset) -> str:
    """TriG with named graphs sorted by IRI, each written as longturtle (rdflib's own TriG order varies)."""
    parts = [f"PREFIX {prefix}: <{ns}>" for prefix, ns in sorted(PREFIXES.items())]
    default = ds.default_graph
    if len(default):
        parts += ["", _turtle_body(_copy(default))]
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if graph.identifier == default.identifier or not len(graph):
            continue
        # not indented: re-indenting would change multi-line literals
        parts += ["", f"<{graph.identifier}> {{", _turtle_body(_copy(graph)), "}"]
    return "\n".join(parts) + "\n"


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def write(ds: Dataset, path: Path, fmt: str) -> None:
    """Serialise ``ds`` as ``fmt`` to ``path``, replacing it only once the whole text is ready."""
    write_text_atomic(path, serialise(ds, fmt))


def graph_text(graph: Graph) -> str:
    """One graph (e.g. the dataset description) as deterministic Turtle."""
    return graph.serialize(format="longturtle")


def write_graph(graph: Graph, path: Path) -> None:
    """Write one graph as deterministic Turtle, atomically."""
    write_text_atomic(path, graph_text(graph))


def read_trig(path: Path) -> Dataset:
    """The dataset of a built graph.trig; an unreadable or malformed file is an ``InputError`` naming it."""
    if not path.exists():
        raise InputError(path, "no such file (run `lankg build` first, or give the built graph.trig)")
    text = read_text_checked(path, max_bytes=MAX_GRAPH_BYTES)
    ds = Dataset()
    try:
        ds.parse(data=text, format="trig", publicID=path.resolve().as_uri())
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        line = getattr(exc, "lines", None) or getattr(exc, "line", None)
        raise InputError(path, f"not valid TriG: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                         line=line if isinstance(line, int) else None) from None
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds
