"""FROM, FROM NAMED, default-graph-uri and named-graph-uri naming graphs the store holds are answered from them; any other IRI is refused."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from lankg.store.embedded import GraphStore

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def article_graph(gold_store: GraphStore) -> tuple[str, int]:
    """One article's named graph and the number of triples in it."""
    iri = next(g for g in gold_store.named_graphs() if "/article/" in g or "/graph/" in g)
    result = gold_store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
    return iri, int(next(iter(result))["n"].value)  # type: ignore[arg-type, index]


def _count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def test_from_a_graph_of_the_store_reads_that_graph(endpoint: str, article_graph: tuple[str, int]) -> None:
    iri, size = article_graph
    everything = _count(httpx.get(f"{endpoint}/sparql", params={"query": COUNT}))
    only = _count(httpx.get(f"{endpoint}/sparql", params={"query": f"SELECT (COUNT(*) AS ?n) FROM <{iri}> WHERE {{ ?s ?p ?o }}"}))
    assert only == size < everything
    named = f"SELECT (COUNT(DISTINCT ?g) AS ?n) FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(httpx.post(f"{endpoint}/sparql", data={"query": named})) == 1


@pytest.mark.parametrize("how", ["GET", "POST form", "POST direct"])
def test_default_graph_uri_of_the_store_is_the_default_graph(endpoint: str, article_graph: tuple[str, int], how: str) -> None:
    iri, size = article_graph
    params = {"default-graph-uri": iri}
    if how == "GET":
        response = httpx.get(f"{endpoint}/sparql", params={**params, "query": COUNT})
    elif how == "POST form":
        response = httpx.post(f"{endpoint}/sparql", data={**params, "query": COUNT})
    else:
        response = httpx.post(f"{endpoint}/sparql", params=params, content=COUNT, headers={"Content-Type": "application/sparql-query"})
    assert _count(response) == size


def test_named_graph_uri_limits_graph(endpoint: str, article_graph: tuple[str, int]) -> None:
    iri, _ = article_graph
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(httpx.get(f"{endpoint}/sparql", params={"query": query})) > 1
    assert _count(httpx.get(f"{endpoint}/sparql", params={"query": query, "named-graph-uri": iri})) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"query": "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }"},
        {"query": "SELECT * FROM NAMED <urn:elsewhere> WHERE { GRAPH ?g { ?s ?p ?o } }"},
        {"query": COUNT, "default-graph-uri": "http://127.0.0.1:9/data.ttl"},
        {"query": COUNT, "named-graph-uri": "urn:elsewhere"},
    ],
)
def test_any_other_graph_iri_is_refused(endpoint: str, params: dict[str, str]) -> None:
    response = httpx.get(f"{endpoint}/sparql", params=params)
    assert response.status_code == 400 and "names no graph of this dataset" in response.text


def test_clients_reach_one_graph(endpoint: str, article_graph: tuple[str, int]) -> None:
    """SPARQLWrapper's addDefaultGraph, and rdflib's per-graph view of a SPARQLStore (it sends FROM / GRAPH)."""
    iri, size = article_graph
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.addDefaultGraph(iri)
    client.setQuery(COUNT)
    client.setReturnFormat(JSON)
    assert int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"]) == size
    store = SPARQLStore(f"{endpoint}/sparql", returnFormat="json")
    assert len(Graph(store=store, identifier=URIRef(iri))) == size
