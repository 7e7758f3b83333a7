"""The SPARQL 1.1 endpoint, started for real on 127.0.0.1 and queried by real clients (SPARQLWrapper, rdflib, httpx)."""

from __future__ import annotations

import csv
import io
import json
import re
import time

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from lankg.endpoint.negotiation import negotiate
from lankg.endpoint.policy import vetted
from lankg.ontology.namespaces import LANKG
from lankg.queries import query_text

MOU_COUNT = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"
PROVINCES = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nCONSTRUCT { ?p a lankg:Province } WHERE { ?p a lankg:Province }"


def test_sparqlwrapper_select_json(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(query_text("events_timeline"))
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    dated = [(b["date"]["value"], b["mode"]["value"]) for b in bindings if "date" in b]
    assert dated == [("2017-03-16", "InPerson"), ("2019-02-01", "InPerson"), ("2021-03-29", "InPerson"), ("2022-03-02", "Blended")]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_methods_and_xml(endpoint: str, method: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setMethod(method)
    client.setQuery(MOU_COUNT)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert document.getElementsByTagName("literal")[0].firstChild.data == "17"


def test_sparqlwrapper_csv_and_construct(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(MOU_COUNT)
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode() .splitlines() == ["n", "17"]
    client.setQuery(PROVINCES)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert len(graph) == 38


def test_sparqlwrapper_sees_a_syntax_error(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="not valid SPARQL"):
        client.queryAndConvert()


def test_rdflib_sparqlstore(endpoint: str) -> None:
    store = SPARQLStore(f"{endpoint}/sparql", returnFormat="json")
    graph = Graph(store=store)
    rows = list(graph.query(query_text("modes_by_year")))
    assert [(str(r.year), str(r.mode), int(r.agreements)) for r in rows] == [
        ("2017", "InPerson", 0), ("2019", "InPerson", 4), ("2021", "InPerson", 5), ("2022", "Blended", 8)
    ]
    # rdflib's default (XML) store asks for sparql-results+xml or rdf+xml, so it serves both SELECT and CONSTRUCT
    xml_graph = Graph(store=SPARQLStore(f"{endpoint}/sparql"))
    names = set(xml_graph.objects(URIRef("https://w3id.org/lankg/id/region/64.01"), LANKG.name))
    assert names == {Literal("Kabupaten Paser")}
    assert len(xml_graph.query(PROVINCES)) == 38
    # a JSON-only client asking for a graph is told no acceptable format exists
    with pytest.raises(ValueError):
        graph.query(PROVINCES)


def test_rdflib_sparqlstore_is_read_only(endpoint: str) -> None:
    store = SPARQLStore(f"{endpoint}/sparql")
    with pytest.raises(TypeError):
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/html;q=0.9, text/csv;q=0.5, */*;q=0.1", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("", "application/sparql-results+json"),
    ],
)
def test_conneg_select(endpoint: str, accept: str, media_type: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    if media_type == "text/csv":
        assert list(csv.reader(io.StringIO(response.text))) == [["n"], ["17"]]
    if media_type == "text/tab-separated-values":
        assert response.text.splitlines()[1].startswith('"17"') or response.text.splitlines()[1].startswith("17")


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"), ("application/rdf+xml", "xml")],
)
def test_conneg_construct(endpoint: str, accept: str, fmt: str) -> None:
    response = httpx.post(f"{endpoint}/sparql", content=PROVINCES, headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    assert len(Graph().parse(data=response.text, format=fmt)) == 38


def test_not_acceptable(endpoint: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "image/png"})
    assert response.status_code == 406 and "text/csv" in response.text


def test_form_post_and_ask(endpoint: str) -> None:
    response = httpx.post(f"{endpoint}/sparql", data={"query": "ASK { ?s a <https://w3id.org/lankg/ontology#Province> }"},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"method": "POST", "data": {"update": "DROP ALL"}},
        {"method": "POST", "content": "DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"method": "POST", "data": {"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}},
        {"method": "POST", "data": {"query": "PREFIX x: <urn:x#>\n# a comment\n  delete where { ?s ?p ?o }"}},
        {"method": "GET", "params": {"query": "CLEAR DEFAULT"}},
        {"method": "GET", "params": {"update": "CLEAR ALL"}},
    ],
)
def test_updates_are_refused(endpoint: str, request_kwargs: dict) -> None:
    method = request_kwargs.pop("method")
    response = httpx.request(method, f"{endpoint}/sparql", **request_kwargs)
    assert response.status_code == 403 and "read-only" in response.text
    after = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "text/csv"})
    assert after.text.splitlines() == ["n", "17"]


def test_service_is_refused(endpoint: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    response = httpx.post(f"{endpoint}/sparql", data={"query": query})
    assert response.status_code == 403 and "SERVICE" in response.text
    lower = "select * where { service silent <http://127.0.0.1:1/> { ?s ?p ?o } }"
    assert httpx.post(f"{endpoint}/sparql", data={"query": lower}).status_code == 403


def test_service_inside_strings_and_variables_is_not_refused() -> None:
    for query in (
        'SELECT ?service WHERE { ?service <urn:p> "SERVICE <http://x/> { }" }',
        "SELECT * WHERE { ?s <urn:p> ?o } # SERVICE",
        "SELECT * WHERE { ?s <urn:SERVICE> ?o }",
    ):
        assert vetted(query) == query


def test_syntax_error_is_400(endpoint: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert response.status_code == 400 and response.text.startswith("not valid SPARQL: error at 1:")
    assert httpx.get(f"{endpoint}/sparql").status_code == 200  # the service description
    wrong_type = httpx.post(f"{endpoint}/sparql", content="x", headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    graphs = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT, "default-graph-uri": "urn:g"})
    assert graphs.status_code == 400


def limits(endpoint: str) -> tuple[float, int]:
    status = httpx.get(f"{endpoint}/status").json()
    return status["timeout"], status["maxRows"]


def test_result_limit(endpoint: str) -> None:
    _, max_rows = limits(endpoint)
    response = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400 and f"more than {max_rows:,} rows, the row limit" in response.text
    limited = httpx.get(f"{endpoint}/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {max_rows}"})
    assert limited.status_code == 200 and len(limited.json()["results"]["bindings"]) == max_rows


def test_timeout_stops_the_query_and_the_endpoint_recovers(endpoint: str) -> None:
    timeout_s, _ = limits(endpoint)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4037^3 solutions
    started = time.monotonic()
    response = httpx.get(f"{endpoint}/sparql", params={"query": slow}, timeout=120)
    assert response.status_code == 503 and "was stopped" in response.text
    assert time.monotonic() - started < timeout_s + 60
    after = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "text/csv"}, timeout=120)
    assert after.status_code == 200 and after.text.splitlines() == ["n", "17"]


def test_named_queries_api(endpoint: str) -> None:
    listed = httpx.get(f"{endpoint}/queries").json()
    assert {"network_edges", "repeat_partners"} <= {q["name"] for q in listed}
    response = httpx.get(f"{endpoint}/queries/repeat_partners", params={"minimum": "1"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and len(response.text.splitlines()) == 20
    hostile = httpx.get(f"{endpoint}/queries/agreements_of_institution", params={"institution": "} ; DROP ALL #"})
    assert hostile.status_code == 200 and hostile.json()["results"]["bindings"] == []
    assert httpx.get(f"{endpoint}/queries/repeat_partners", params={"minimum": "many"}).status_code == 400
    assert httpx.get(f"{endpoint}/queries/nope").status_code == 404


def test_page_is_served_with_a_strict_policy(endpoint: str) -> None:
    page = httpx.get(f"{endpoint}/")
    assert page.status_code == 200 and "<textarea" in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    linked = re.findall(r'(?:src|href)="([^"]*)"', page.text)
    assert linked and all(url.startswith("/static/") for url in linked)  # no CDN: everything it loads is served here
    script = httpx.get(f"{endpoint}/static/query.js").text
    assert "innerHTML" not in script and "textContent" in script
    assert json.loads(httpx.get(f"{endpoint}/status").text)["quads"] > 0


def test_negotiate_prefers_quality() -> None:
    offered = {"a/x": 1, "b/y": 2}
    assert negotiate(("b/y;q=0.4", "a/x;q=0.8"), offered) == "a/x"
    assert negotiate(("c/z",), offered) is None
    assert negotiate(("b/*",), offered) == "b/y"
    assert negotiate(("a/x;q=0", "*/*;q=0.1"), offered) == "b/y"


def test_oversized_request_is_refused(endpoint: str) -> None:
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 200_000
    response = httpx.post(f"{endpoint}/sparql", content=huge, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
