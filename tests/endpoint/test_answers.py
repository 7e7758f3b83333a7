"""How the workers answer a SELECT: evaluated once, only as far as the row limit, and written byte for byte as the engine writes it."""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Iterator, Mapping

import httpx
import pyoxigraph as ox
import pytest

from lankg.endpoint.negotiation import RESULT_TYPES
from lankg.endpoint.workers import Job, Limits, answer
from lankg.store import QueryResult
from lankg.store.embedded import GraphStore

ALL_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
CUBE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 4037^3 solutions: never finishes in time


class CountingStore:
    """The real store, counting how often it is asked to evaluate a query."""

    def __init__(self, store: GraphStore) -> None:
        self.store, self.evaluations = store, 0

    def query(self, sparql: str, substitutions: Mapping[str, ox.NamedNode | ox.Literal] | None = None) -> QueryResult:
        self.evaluations += 1
        return self.store.query(sparql, substitutions)


@pytest.fixture
def spool() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield folder


@pytest.mark.parametrize("mime", list(RESULT_TYPES))
def test_a_select_is_evaluated_once_and_written_as_the_engine_writes_it(gold_store: GraphStore, spool: str, mime: str) -> None:
    store = CountingStore(gold_store)
    outcome = answer(store, Job(ALL_TRIPLES, (mime,)), Limits(max_rows=100_000), spool)
    assert outcome.status == 200 and store.evaluations == 1
    body = outcome.body if outcome.path is None else open(outcome.path, "rb").read()
    direct = io.BytesIO()
    result = gold_store.query(ALL_TRIPLES)
    assert isinstance(result, ox.QuerySolutions)
    result.serialize(direct, format=RESULT_TYPES[mime])
    assert body == direct.getvalue()


def test_a_select_past_the_row_limit_is_refused_after_one_evaluation(gold_store: GraphStore, spool: str) -> None:
    store = CountingStore(gold_store)
    outcome = answer(store, Job(ALL_TRIPLES, ()), Limits(max_rows=10), spool)
    assert (outcome.status, store.evaluations) == (400, 1)
    assert outcome.body.decode() == "the answer has more than 10 rows, the row limit of this endpoint; add LIMIT 10 (or narrow the query)\n"


def test_a_huge_select_stops_at_the_row_limit_instead_of_running_out_of_time(endpoint: str) -> None:
    status = httpx.get(f"{endpoint}/status").json()
    started = time.monotonic()
    response = httpx.get(f"{endpoint}/sparql", params={"query": CUBE}, timeout=120)
    assert response.status_code == 400 and f"more than {status['maxRows']:,} rows, the row limit" in response.text
    assert time.monotonic() - started < status["timeout"]
    limited = httpx.get(f"{endpoint}/sparql", params={"query": f"{CUBE} LIMIT 3"}, headers={"Accept": "text/csv"}, timeout=120)
    assert limited.status_code == 200 and len(limited.text.splitlines()) == 4


def test_a_construct_past_the_limit_names_it(endpoint: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, headers={"Accept": "text/turtle"})
    assert response.status_code == 400 and "triples, the row limit of this endpoint" in response.text
