"""GET /sparql without a query: the SPARQL 1.1 Service Description, in Turtle, JSON-LD or N-Triples by Accept."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from lankg.graph.describe import dataset_iri
from lankg.ontology.namespaces import DEFAULT_BASE, SD, VOID
from lankg.pipeline import BuildResult
from lankg.store.embedded import GraphStore

FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}


def _description(url: str, accept: str = "text/turtle") -> tuple[httpx.Response, Graph]:
    response = httpx.get(f"{url}/sparql", headers={"Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    return response, Graph().parse(data=response.content, format=FORMATS[accept])


def test_the_service_describes_itself(endpoint: str, gold_store: GraphStore) -> None:
    _, sd = _description(endpoint)
    me = URIRef(f"{endpoint}/sparql")
    assert (me, RDF.type, SD.Service) in sd and (me, SD.endpoint, me) in sd
    assert (me, SD.supportedLanguage, SD.SPARQL11Query) in sd and (me, SD.feature, SD.UnionDefaultGraph) in sd
    formats = {str(f).rsplit("/", 1)[1] for f in sd.objects(me, SD.resultFormat)}
    assert {"SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "JSON-LD"} <= formats
    dataset = sd.value(me, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in sd and sd.value(dataset, SD.defaultGraph) is not None
    names = sorted(str(sd.value(g, SD.name)) for g in sd.objects(dataset, SD.namedGraph))
    assert names == gold_store.named_graphs() and len(names) > 5


@pytest.mark.parametrize("accept", ["application/ld+json", "application/n-triples"])
def test_every_format_holds_the_same_description(endpoint: str, accept: str) -> None:
    _, turtle = _description(endpoint)
    _, other = _description(endpoint, accept)
    assert isomorphic(turtle, other)


def test_the_description_is_the_same_bytes_each_time(endpoint: str) -> None:
    first, _ = _description(endpoint)
    second, _ = _description(endpoint)
    assert first.content == second.content and first.headers["vary"].startswith("Accept")
    assert httpx.head(f"{endpoint}/sparql").status_code == 200
    assert httpx.get(f"{endpoint}/sparql", headers={"Accept": "image/png"}).status_code == 406


def test_the_void_dataset_next_to_the_graph_is_linked_to_the_endpoint(gold_build: BuildResult, serve_graph: Callable) -> None:
    graph = next(p for p in gold_build.outputs if p.name == "graph.trig")
    assert (graph.parent / "void.ttl").is_file()
    with serve_graph(graph, "--workers", "1") as url:
        _, sd = _description(url)
    me, dataset = URIRef(f"{url}/sparql"), dataset_iri(DEFAULT_BASE)
    assert (me, SD.defaultDataset, dataset) in sd
    assert (dataset, RDF.type, VOID.Dataset) in sd and (dataset, VOID.sparqlEndpoint, me) in sd


def test_void_ttl_itself_is_unchanged_by_serving(gold_build: BuildResult) -> None:
    """The link lives in the service description: void.ttl is written at build time, when no endpoint address is known."""
    void = Graph().parse(next(p for p in gold_build.outputs if p.name == "void.ttl"), format="turtle")
    assert not list(void.triples((None, VOID.sparqlEndpoint, None)))
