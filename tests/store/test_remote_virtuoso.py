"""RemoteStore against a real Virtuoso on 127.0.0.1: loaded by the Graph Store Protocol, same answers as embedded."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, URIRef

from lankg.errors import QueryError
from lankg.graph.build import build_dataset
from lankg.graph.iris import region_iri
from lankg.loaders.facts_json import read_facts
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.queries import query_text
from lankg.store.embedded import GraphStore
from lankg.store.remote import RemoteStore, with_values

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from conftest import require_program  # noqa: E402

pytestmark = [pytest.mark.external, pytest.mark.scale]

QUERIES = Path(__file__).resolve().parent / "queries"
QUERY_LIBRARY = Path(query_text.__code__.co_filename).parent

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throw-away Virtuoso with its own database folder; yields its base URL."""
    binary = require_program("/usr/bin/virtuoso-t")
    db = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = _free_port(), _free_port()
    (db / "virtuoso.ini").write_text(INI.format(db=db, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    proc = subprocess.Popen([binary, "-c", str(db / "virtuoso.ini"), "+foreground"], cwd=db,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                log = (db / "virtuoso.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"virtuoso exited with {proc.returncode}:\n{log}")
            try:
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("virtuoso did not come up within 90 s")
            time.sleep(0.5)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def gold_dataset(gold_dir: Path) -> Dataset:
    ds, _ = build_dataset(read_facts(p) for p in sorted(gold_dir.glob("*.json")))
    return ds


@pytest.fixture(scope="module")
def stores(virtuoso: str, gold_dataset: Dataset) -> Iterator[tuple[GraphStore, RemoteStore]]:
    remote = RemoteStore(f"{virtuoso}/sparql", graph_store_url=f"{virtuoso}/sparql-graph-crud-auth",
                         auth=("dba", "dba"))
    sent = remote.load_dataset(gold_dataset)
    assert sent == sum(len(g) for g in gold_dataset.graphs())
    yield GraphStore.from_dataset(gold_dataset), remote
    remote.close()


def _key(term: object) -> str:
    if term is None:
        return "UNBOUND"
    if isinstance(term, ox.BlankNode):
        return "_:b"
    if isinstance(term, ox.Literal) and term.datatype.value.endswith(("#integer", "#int", "#long")):
        return f"int:{int(term.value)}"
    return str(term)


def _rows(result: object) -> list[tuple[str, ...]]:
    names = [v.value for v in result.variables]  # type: ignore[attr-defined]
    return sorted(tuple(_key(row[n]) for n in names) for row in result)  # type: ignore[attr-defined]


def _queries() -> list[Path]:
    library = [p for p in sorted(QUERY_LIBRARY.glob("*.rq")) if "#+ params: {}" in p.read_text(encoding="utf-8")]
    return library + [QUERIES / n for n in ("institutions_by_kind.rq", "agreements_scopes.rq", "triples_per_article.rq")]


@pytest.mark.parametrize("query", _queries(), ids=lambda p: p.stem)
def test_same_answers_as_the_embedded_store(stores: tuple[GraphStore, RemoteStore], query: Path) -> None:
    embedded, remote = stores
    text = query.read_text(encoding="utf-8")
    expected = _rows(embedded.query(text))
    assert expected, f"{query.name} finds nothing in the gold graph; the comparison would prove nothing"
    answer = remote.query(text)
    assert isinstance(answer, ox.QuerySolutions)
    assert _rows(answer) == expected


def test_substitutions_are_bound_as_terms(stores: tuple[GraphStore, RemoteStore]) -> None:
    embedded, remote = stores
    text = (QUERIES / "posts_at.rq").read_text(encoding="utf-8")
    tanimbar = ox.NamedNode(str(region_iri(DEFAULT_BASE, "81.03")))
    expected = _rows(embedded.query(text, {"institution": tanimbar}))
    assert any("Petrus Fatlolon" in cell for row in expected for cell in row)
    assert _rows(remote.query(text, {"institution": tanimbar})) == expected
    ask = (QUERIES / "institution_named.rq").read_text(encoding="utf-8")
    assert isinstance(remote.query(ask, {"name": ox.Literal("Kota Ambon")}), ox.QueryBoolean)
    assert bool(remote.query(ask, {"name": ox.Literal("Kota Ambon")})) is True
    assert bool(remote.query(ask, {"name": ox.Literal("Kota Atlantis")})) is False
    hostile = ox.Literal('Kota Ambon" } } ; DROP ALL ; #\n>')
    assert bool(remote.query(ask, {"name": hostile})) is bool(embedded.query(ask, {"name": hostile})) is False
    assert bool(remote.query(ask, {"name": ox.Literal("Kota Ambon")})) is True  # nothing was dropped


def test_loading_again_replaces_each_graph(stores: tuple[GraphStore, RemoteStore], gold_dataset: Dataset) -> None:
    embedded, remote = stores
    text = (QUERIES / "triples_per_article.rq").read_text(encoding="utf-8")
    remote.load_dataset(gold_dataset)
    assert _rows(remote.query(text)) == _rows(embedded.query(text))


def test_bad_input_is_a_query_error_naming_the_problem(virtuoso: str) -> None:
    with RemoteStore(f"{virtuoso}/sparql") as remote:
        with pytest.raises(QueryError, match="HTTP 400"):
            remote.query("SELECT * WHERE { ?s ?p }")
        with pytest.raises(QueryError, match="variable name"):
            remote.query("ASK {}", {"x y": ox.Literal("a")})
        with pytest.raises(QueryError, match="not a valid IRI"):
            remote.query("ASK {}", {"x": URIRef("http://a/> . ?s ?p ?o <")})
    with RemoteStore("http://127.0.0.1:9/sparql") as unreachable, pytest.raises(QueryError, match="cannot reach"):
        unreachable.query("ASK {}")


def test_values_block_is_escaped_by_rdflib_and_opens_the_where_pattern() -> None:
    text = with_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('a "b" c'), "p": ox.NamedNode("http://x/p")})
    assert text == 'SELECT ?s WHERE {\n  VALUES (?o ?p) { ("a \\"b\\" c" <http://x/p>) }\n ?s ?p ?o }'
    construct = 'PREFIX a: <http://x/a#> # { comment\nCONSTRUCT { ?s a:p "{" } WHERE { ?s ?p ?o }'
    assert with_values(construct, {"s": ox.NamedNode("http://x/s")}).endswith(
        'WHERE {\n  VALUES (?s) { (<http://x/s>) }\n ?s ?p ?o }')
    with pytest.raises(QueryError, match="not a SPARQL query"):
        with_values("not a query", {"s": ox.NamedNode("http://x/s")})
    with pytest.raises(QueryError, match="without a WHERE pattern"):
        with_values("DESCRIBE <http://x/s>", {"s": ox.NamedNode("http://x/s")})


def test_construct_gives_the_same_triples(stores: tuple[GraphStore, RemoteStore]) -> None:
    embedded, remote = stores
    text = (QUERIES / "region_names.rq").read_text(encoding="utf-8")
    code = ox.Literal("81.03")
    expected = {(t.subject, t.predicate, t.object) for t in embedded.query(text, {"code": code})}
    assert len(expected) == 2
    answer = remote.query(text, {"code": code})
    assert all(isinstance(t, ox.Triple) for t in answer)
    assert {(t.subject, t.predicate, t.object) for t in answer} == expected


def test_lankg_build_store_loads_every_named_graph_into_the_server(virtuoso: str, gold_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lankg.cli import app

    base = "https://example.org/cli-build/"
    result = CliRunner().invoke(app, [
        "build", str(gold_dir), "--out", str(tmp_path), "--base", base, "--no-validate",
        "--store", f"{virtuoso}/sparql", "--graph-store", f"{virtuoso}/sparql-graph-crud-auth", "--store-auth", "dba:dba",
    ], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "loaded into" in result.output and f"{virtuoso}/sparql (" in result.output
    built = GraphStore.from_file(tmp_path / "graph.trig").named_graphs()
    with RemoteStore(f"{virtuoso}/sparql", graph_store_url=f"{virtuoso}/sparql-graph-crud-auth", auth=("dba", "dba")) as remote:
        try:
            rows = remote.query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), ?base)) }",
                {"base": ox.Literal(base)},
            )
            assert sorted(row["g"].value for row in rows) == built  # type: ignore[attr-defined]
        finally:  # leave the server holding only the gold dataset the other tests compare against
            for graph in built:
                remote.delete_graph(URIRef(graph))


def test_lankg_serve_store_answers_from_the_server(stores: tuple[GraphStore, RemoteStore], virtuoso: str) -> None:
    """``lankg serve --store URL``: the real endpoint process answers a named query from Virtuoso, as the embedded store does."""
    local, _ = stores
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lankg", "serve", "--store", f"{virtuoso}/sparql", "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/queries/agreements_by_type"
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(url, headers={"Accept": "application/sparql-results+json"}, timeout=30)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, "lankg serve did not come up"
                time.sleep(0.2)
        assert response.status_code == 200, response.text
        served = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        assert _rows(served) == _rows(local.query(query_text("agreements_by_type")))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
