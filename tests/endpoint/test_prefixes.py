"""The project's prefixes need no PREFIX line in an endpoint query; an undeclared one is refused in one line naming it."""

from __future__ import annotations

import httpx
import pytest
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from lankg.endpoint.policy import PREDECLARED, Refused, vetted

UNDECLARED = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU ; lankg:party ?p . OPTIONAL { ?p rdfs:label ?label } }"


def test_the_predeclared_prefixes_are_the_projects_web_namespaces() -> None:
    assert {"lankg", "schema", "org", "prov", "skos", "rdfs", "xsd", "id"} <= PREDECLARED.keys()
    assert all(ns.startswith(("https://", "http://")) for ns in PREDECLARED.values())


def test_only_the_missing_declarations_are_added_on_the_first_line() -> None:
    text = vetted("PREFIX lankg: <urn:mine#>\nSELECT * WHERE { ?s a lankg:X ; skos:prefLabel ?l }")
    assert text == "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX lankg: <urn:mine#>\nSELECT * WHERE { ?s a lankg:X ; skos:prefLabel ?l }"
    declared = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT * WHERE { ?s a lankg:MoU }"
    assert vetted(declared) == declared


@pytest.mark.parametrize(
    ("query", "named"),
    [("SELECT * WHERE { ?s a foo:Bar }", "the prefix foo: is not declared"), ("SELECT * WHERE { ?s a :Bar }", "the empty prefix : is not declared")],
)
def test_an_undeclared_prefix_is_named_in_one_line(query: str, named: str) -> None:
    with pytest.raises(Refused) as refused:
        vetted(query)
    assert refused.value.status == 400 and named in str(refused.value) and "\n" not in str(refused.value)


def test_a_predeclared_prefix_never_opens_a_refused_form() -> None:
    for query, status in (
        ("SELECT * WHERE { SERVICE lankg:x { ?s ?p ?o } }", 403),
        ("SELECT * FROM lankg:g WHERE { ?s ?p ?o }", 400),
        ("PREFIX id: <file:///etc/> SELECT * WHERE { ?s id:passwd ?o }", 403),
    ):
        with pytest.raises(Refused) as refused:
            vetted(query)
        assert refused.value.status == status


def test_clients_query_with_the_projects_prefixes_undeclared(endpoint: str) -> None:
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(UNDECLARED)
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "17"
    rows = list(SPARQLStore(f"{endpoint}/sparql", returnFormat="json").query(r"SELECT ?r WHERE { id:region\/64.01 lankg:name ?r }"))
    assert [str(r[0]) for r in rows] == ["Kabupaten Paser"]
    client.setQuery("SELECT * WHERE { ?s ex:p ?o }")
    with pytest.raises(QueryBadFormed, match="the prefix ex: is not declared"):
        client.queryAndConvert()


def test_an_undeclared_prefix_answer_is_one_line(endpoint: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ex:p ?o }"})
    assert response.status_code == 400
    assert response.text.count("\n") == 1 and response.text.startswith("not valid SPARQL: the prefix ex: is not declared; add PREFIX ex: <...>")
