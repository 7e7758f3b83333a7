"""The embedded store: pyoxigraph, loaded from the built dataset or a TriG/N-Quads file.

Queries see the union of all named graphs as their default graph, so a
researcher's query needs no GRAPH clause, while GRAPH still reaches each
article's own facts. The union is materialised once, at load time, as the
store's default graph: oxigraph's on-the-fly union view returns a triple once
per named graph that holds it (LAN's name is in every article's graph), which
multiplies joins with the number of articles; the materialised union holds
each triple once (benchmarks/bench_scale.py measured 2.7-110x faster queries
at 100k triples, for about twice the quads in memory).

Oxigraph stores xsd:integer's subtypes as xsd:integer (a mention's
``"655"^^xsd:nonNegativeInteger`` comes back as ``655``), so the store is for
querying; validation and export read the TriG with rdflib, which keeps them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from lankg.errors import InputError
from lankg.store import QueryResult

_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}


class GraphStore:
    """A pyoxigraph store holding one lankg dataset."""

    def __init__(self, store: ox.Store | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self.loaded_quads = len(self.store)

    @classmethod
    def from_dataset(cls, ds: Dataset) -> GraphStore:
        """A store with every quad of ``ds``."""
        graph_store = cls()
        data = ds.serialize(format="nquads").encode("utf-8")
        graph_store.store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        graph_store._materialise_union()
        return graph_store

    @classmethod
    def from_file(cls, path: Path) -> GraphStore:
        """A store loaded from a .trig, .nq, .ttl or .nt file; a parse error names the file and line."""
        fmt = _FORMATS.get(path.suffix)
        if fmt is None:
            raise InputError(path, f"unknown RDF file type {path.suffix!r}; use one of {', '.join(_FORMATS)}")
        if not path.is_file():
            raise InputError(path, "no such file (run `lankg build` first)")
        if path.stat().st_size == 0:
            raise InputError(path, "file is empty (a built graph holds at least the gazetteer)")
        graph_store = cls()
        try:
            graph_store.store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as exc:
            raise InputError(path, f"not valid RDF: {exc.msg}", line=exc.lineno) from None
        graph_store._materialise_union()
        return graph_store

    def _materialise_union(self) -> None:
        """Copy every named graph's triples into the default graph, each triple once."""
        self.loaded_quads = len(self.store)
        union = [ox.Quad(q.subject, q.predicate, q.object) for q in self.store if not isinstance(q.graph_name, ox.DefaultGraph)]
        self.store.bulk_extend(union)

    def query(self, sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None, *,
              default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> QueryResult:
        """Run a read-only query over the union of all graphs (or the ``default_graphs`` named), with variables bound as RDF terms.

        ``named_graphs``, when given, are the only graphs GRAPH reaches.
        """
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): v for k, v in (substitutions or {}).items()
        }
        return self.store.query(
            sparql, substitutions=subs or None,
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
        )

    def named_graphs(self) -> list[str]:
        """The IRIs of the store's named graphs (articles, gazetteer, scopes, timeline, inferred), sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """The number of quads loaded (the materialised union not counted)."""
        return self.loaded_quads
