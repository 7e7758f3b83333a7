"""Parameters are bound as RDF terms by pyoxigraph, never pasted into the query, so they cannot inject SPARQL."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from lankg.errors import QueryError
from lankg.queries import QUERIES
from lankg.queries.library import NamedQuery
from lankg.queries.run import bind_params, run_query, to_csv, to_json, to_jsonl
from lankg.store.embedded import GraphStore

HOSTILE = [
    '} ; DROP ALL ; SELECT * WHERE { ?s ?p ?o',
    'Kabupaten Paser") || true || ("',
    "x' } UNION { ?hostInstitution ?p ?o } #",
    '"""\n} INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
]


@pytest.fixture
def fresh_store(gold_dataset: Dataset) -> GraphStore:
    return GraphStore.from_dataset(gold_dataset)


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_parameter_is_just_a_literal(value: str, fresh_store: GraphStore) -> None:
    size = len(fresh_store)
    answer = run_query(fresh_store, QUERIES["agreements_of_institution"], {"institution": value})
    assert answer.rows == ()
    answer = run_query(fresh_store, QUERIES["lan_partners_by_year"], {"host": value})
    assert answer.rows == ()
    assert len(fresh_store) == size


def test_the_bound_value_comes_back_unchanged(fresh_store: GraphStore) -> None:
    value = HOSTILE[0]
    bound = bind_params(QUERIES["agreements_of_institution"], {"institution": value})
    assert bound["institution"].value == value
    assert value not in QUERIES["agreements_of_institution"].text


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("fact_sources", {"node": "> } DROP ALL { <x:y"}, "expects iri"),
        ("fact_sources", {"node": "not an iri"}, "expects iri"),
        ("fact_sources", {}, "needs --param node=<iri>"),
        ("repeat_partners", {"minimum": "2 } DROP ALL"}, "expects integer"),
        ("event_participants", {"date": "29/3/2021"}, "expects date"),
        ("repeat_partners", {"colour": "red"}, "has no parameter 'colour'"),
    ],
)
def test_bad_parameter_values_are_refused(name: str, params: dict[str, str], message: str, fresh_store: GraphStore) -> None:
    with pytest.raises(QueryError, match=message):
        run_query(fresh_store, QUERIES[name], params)


def test_iri_parameter_binds_a_named_node(fresh_store: GraphStore) -> None:
    answer = run_query(fresh_store, QUERIES["fact_sources"], {"node": "https://w3id.org/lankg/id/region/64.01"})
    # two articles, and the Kemendagri gazetteer (a reference dataset, no file name)
    assert {row[2] for row in answer.values()} == {"002_ed660c4d7e1d7b7b.txt", "004_2e92f9f886834b4c.txt", None}
    assert {row[0] for row in answer.values()} == {"https://w3id.org/lankg/id/region/64.01"}


def test_csv_and_json_renderings(fresh_store: GraphStore) -> None:
    answer = run_query(fresh_store, QUERIES["agreements_by_type"])
    assert to_csv(answer) == "type,year,agreements\nMoU,2019,4\nMoU,2021,5\nMoU,2022,8\nother,,1\n"
    document = json.loads(to_json(answer))
    assert document["head"]["vars"] == ["type", "year", "agreements"]
    assert document["results"]["bindings"][3] == {
        "type": {"type": "literal", "value": "other"},
        "agreements": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
    }
    assert to_jsonl(answer).splitlines()[-2:] == ['{"type": "MoU", "year": 2022, "agreements": 8}', '{"type": "other", "agreements": 1}']


def test_json_is_what_the_endpoint_serves(fresh_store: GraphStore) -> None:
    query = QUERIES["agreements_by_type"]
    result = fresh_store.query(query.text)
    assert isinstance(result, ox.QuerySolutions)
    assert to_json(run_query(fresh_store, query)).encode() == result.serialize(format=ox.QueryResultsFormat.JSON)
    ask = run_query(fresh_store, NamedQuery("ask", "ask.rq", "", (), (), "ASK { ?s ?p ?o }"))
    assert json.loads(to_json(ask)) == {"head": {}, "boolean": True} and to_jsonl(ask) == '{"result": true}\n'
