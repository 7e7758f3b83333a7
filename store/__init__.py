"""Where the graph is kept and how it is read and written.

- ``embedded``: ``GraphStore``, the pyoxigraph store loaded from a built file or dataset
- ``remote``: ``RemoteStore``, a SPARQL 1.1 server (Protocol for queries, Graph Store Protocol for loading)
- ``files``: reading and writing RDF files (Turtle, N-Triples, JSON-LD, TriG), atomically and reproducibly
- ``lexer``: the one SPARQL lexer (comments, IRIs and strings apart from code)

Both stores answer the small ``Store`` protocol below with pyoxigraph's result
types, so named queries, the endpoint's workers and the network views run on
either unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

import pyoxigraph as ox

#: What a query returns: solutions (SELECT), a boolean (ASK), or triples (CONSTRUCT, DESCRIBE).
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple]


class Store(Protocol):
    """A read-only view of one lankg dataset that answers SPARQL over the union of its graphs."""

    def query(self, sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> QueryResult:
        """Run ``sparql`` with each variable named in ``substitutions`` bound to its term."""
        ...


__all__ = ["QueryResult", "Store"]
