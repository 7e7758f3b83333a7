"""A SPARQL 1.1 server as lankg's store, for graphs too big for the embedded one.

``RemoteStore`` answers the same ``query(sparql, substitutions)`` call as
``GraphStore`` with the same pyoxigraph result types (the server's JSON
results are parsed by pyoxigraph), so code written for the embedded store,
``isinstance(result, ox.QuerySolutions)`` and ``result.serialize()`` included,
runs unchanged. Queries go over the SPARQL 1.1 Protocol; the
dataset is loaded one named graph at a time with the Graph Store HTTP Protocol
(``PUT`` replaces a graph, so loading again replaces each article's facts).

The protocol has no way to pass bindings, so substitutions become a ``VALUES``
block at the start of the WHERE pattern whose terms are written by rdflib (``Term.n3()``): user text is
never formatted into a query. Servers differ in where the graph store lives
and how updates are authorised; for Virtuoso it is ``/sparql-graph-crud-auth``
with HTTP digest auth as ``dba`` (or ``/sparql-graph-crud`` after
``GRANT SPARQL_UPDATE TO "SPARQL"``). On servers whose default graph is the
union of all graphs (Virtuoso, Oxigraph with ``--union-default-graph``),
queries without a GRAPH clause see every article, as they do embedded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import httpx
import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.term import Node

from lankg import values
from lankg.errors import QueryError, StoreError, UsageError
from lankg.store import QueryResult
from lankg.store.lexer import query_form

_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_VIRTUOSO_ASK = "__ASK_RETVAL"


def term_n3(term: object) -> str:
    """The SPARQL spelling of an RDF term (pyoxigraph or rdflib), escaped by rdflib; QueryError for anything else."""
    node: Node
    if isinstance(term, ox.NamedNode):
        node = URIRef(term.value)
    elif isinstance(term, ox.Literal):
        if term.language:
            node = Literal(term.value, lang=term.language)
        elif term.datatype.value == str(XSD.string):
            node = Literal(term.value)  # the same literal in RDF 1.1; some servers tell them apart
        else:
            node = Literal(term.value, datatype=URIRef(term.datatype.value))
    elif isinstance(term, (URIRef, Literal)):
        node = term
    else:
        raise QueryError(f"a substitution must be an IRI or a literal, not {type(term).__name__}")
    if isinstance(node, URIRef) and _BAD_IRI_CHARS.search(str(node)):
        raise QueryError(f"not a valid IRI: {str(node)!r:.80}")
    return node.n3()


def with_values(sparql: str, substitutions: Mapping[str, object]) -> str:
    """``sparql`` with a VALUES block binding each variable to its term, first in its WHERE pattern.

    Placed there rather than after the query because some servers (Virtuoso)
    refuse a trailing VALUES after ASK, and because it binds the variables
    before the rest of the pattern, as pyoxigraph's substitutions do.
    """
    if not substitutions:
        return sparql
    names = list(substitutions)
    for name in names:
        try:
            values.variable_name(name)
        except ValueError as exc:
            raise QueryError(str(exc)) from None
    terms = " ".join(term_n3(substitutions[n]) for n in names)
    brace = query_form(sparql)[1]
    if brace < 0:
        raise QueryError("cannot bind variables of a query without a WHERE pattern")
    at = brace + 1
    block = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({terms}) }}\n"
    return sparql[:at] + block + sparql[at:]


def _ask_as_boolean(result: ox.QuerySolutions | ox.QueryBoolean) -> ox.QuerySolutions | ox.QueryBoolean:
    """Virtuoso answers ASK as one column ``__ASK_RETVAL`` (a row holding 1, or no row): make it a QueryBoolean."""
    if isinstance(result, ox.QuerySolutions) and [v.value for v in result.variables] == [_VIRTUOSO_ASK]:
        rows = [row[0] for row in result]
        truth = bool(rows) and rows[0] is not None and rows[0].value not in ("0", "false")
        return ox.parse_query_results(f'{{"head": {{}}, "boolean": {str(truth).lower()}}}'.encode(),
                                      format=ox.QueryResultsFormat.JSON)
    return result


@dataclass(frozen=True, slots=True)
class RemoteSource:
    """Where a remote store is: a picklable address, so each endpoint worker process opens its own connection."""

    endpoint_url: str
    auth: tuple[str, str] | None = None

    def open(self) -> RemoteStore:
        """A connection to the server."""
        return RemoteStore(self.endpoint_url, auth=self.auth)

    def __str__(self) -> str:
        return self.endpoint_url


def parse_auth(text: str | None) -> tuple[str, str] | None:
    """``USER:PASSWORD`` as a pair for HTTP digest auth; None stays None."""
    if text is None:
        return None
    user, sep, password = text.partition(":")
    if not sep or not user:
        raise UsageError("--store-auth", f"must be USER:PASSWORD, got {text!r}")
    return user, password


class RemoteStore:
    """A lankg dataset held by a SPARQL 1.1 server: queried over HTTP, loaded graph by graph."""

    def __init__(
        self,
        endpoint_url: str,
        graph_store_url: str | None = None,
        update_url: str | None = None,
        *,
        auth: tuple[str, str] | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.endpoint_url = endpoint_url
        self.graph_store_url = graph_store_url or endpoint_url
        self.update_url = update_url or endpoint_url
        self._client = httpx.Client(
            timeout=timeout, auth=httpx.DigestAuth(*auth) if auth else None, follow_redirects=True
        )

    def close(self) -> None:
        """Close the HTTP connections."""
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        """One HTTP request; a server that cannot be reached is a StoreError naming it, not a traceback."""
        try:
            return self._client.request(method, url, **kwargs)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL server at {url}: {exc}") from None

    def _fail(self, what: str, response: httpx.Response) -> StoreError:
        return StoreError(f"{what} failed at {response.request.url.copy_with(query=None)}: "
                          f"HTTP {response.status_code} {response.text.strip()[:300]}")

    def query(self, sparql: str, substitutions: Mapping[str, object] | None = None) -> QueryResult:
        """Run a query with variables bound to RDF terms; answers are pyoxigraph's own types.

        SELECT gives ``ox.QuerySolutions``, ASK ``ox.QueryBoolean`` and CONSTRUCT or
        DESCRIBE a list of ``ox.Triple``, exactly as ``GraphStore.query`` does.
        """
        text = with_values(sparql, substitutions or {})
        form = query_form(text)[0]
        accept = _N_TRIPLES if form in ("CONSTRUCT", "DESCRIBE") else _RESULTS_JSON
        response = self._send("POST", self.endpoint_url, data={"query": text}, headers={"Accept": accept})
        if response.status_code != 200:
            raise self._fail("query", response)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if kind in (_RESULTS_JSON, "application/json"):
                return _ask_as_boolean(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))
            fmt = ox.RdfFormat.from_media_type(kind) if kind else None
            if fmt is None:
                raise StoreError(f"the SPARQL endpoint answered with an unknown media type {kind!r}")
            return [q.triple for q in ox.parse(response.content, format=fmt)]
        except SyntaxError as exc:
            raise StoreError(f"the SPARQL endpoint sent an answer that does not parse: {exc}") from None

    def update(self, sparql_update: str) -> None:
        """Run a SPARQL Update at the update endpoint."""
        response = self._send("POST", self.update_url, data={"update": sparql_update})
        if response.status_code not in (200, 201, 204):
            raise self._fail("update", response)

    def put_graph(self, graph: URIRef, ntriples: bytes) -> None:
        """Replace one named graph with the given N-Triples (Graph Store Protocol PUT)."""
        response = self._send(
            "PUT", self.graph_store_url, params={"graph": str(graph)}, content=ntriples,
            headers={"Content-Type": _N_TRIPLES},
        )
        if response.status_code not in (200, 201, 204):
            raise self._fail(f"loading graph <{graph}>", response)

    def delete_graph(self, graph: URIRef) -> None:
        """Remove one named graph (Graph Store Protocol DELETE); a graph that is not there is fine."""
        response = self._send("DELETE", self.graph_store_url, params={"graph": str(graph)})
        if response.status_code not in (200, 202, 204, 404):
            raise self._fail(f"deleting graph <{graph}>", response)

    def load_dataset(self, ds: Dataset) -> int:
        """Push every named graph of ``ds`` (replacing what the server had under that name); returns triples sent."""
        sent = 0
        for graph in ds.graphs():
            name = graph.identifier
            if len(graph) == 0 or isinstance(name, BNode) or name == DATASET_DEFAULT_GRAPH_ID:
                continue
            self.put_graph(URIRef(name), graph.serialize(format="nt", encoding="utf-8"))
            sent += len(graph)
        return sent
