"""`lankg serve` reads no file a request names: file: IRIs, LOAD, FROM are refused, and static paths cannot leave their folder.

Paths are sent with http.client, which sends them exactly as written (no
normalisation of ``..`` or percent-escapes), as a hostile client would.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest

from lankg.endpoint.app import STATIC
from lankg.store.embedded import GraphStore

MARKER = "SECRET-MARKER-7f3a"
MOU_COUNT = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"


@pytest.fixture(scope="module")
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Turtle file outside every served folder: if anything ever read it, its marker would show up in an answer."""
    path = tmp_path_factory.mktemp("secret") / "secret.ttl"
    path.write_text(f'<urn:secret> <urn:says> "{MARKER}" .\n', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def url(gold_trig: Path, serve_graph: Callable) -> Iterator[str]:
    with serve_graph(gold_trig, "--workers", "1") as base:
        yield base


def raw(url: str, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None) -> tuple[int, str]:
    """Send ``path`` byte for byte and return the status and body."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        conn.putrequest(method, path, skip_accept_encoding=True)
        payload = body.encode("utf-8") if body is not None else b""
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(payload)))
        conn.endheaders(payload if body is not None else None)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def file_queries(secret: Path) -> list[tuple[str, str]]:
    iri = secret.as_uri()
    folder = secret.parent.as_uri() + "/"
    return [
        ("LOAD", f"LOAD <{iri}>"),
        ("LOAD INTO", f"PREFIX x: <urn:x#>\nLOAD SILENT <{iri}> INTO GRAPH <urn:g>"),
        ("FROM", f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}"),
        ("FROM NAMED", f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        ("BASE + relative FROM", f"BASE <{folder}>\nSELECT * FROM <{secret.name}> WHERE {{ ?s ?p ?o }}"),
        ("PREFIX + FROM", f"PREFIX f: <{folder}>\nSELECT * FROM f:secret.ttl WHERE {{ ?s ?p ?o }}"),
        ("GRAPH", f"SELECT * WHERE {{ GRAPH <{iri.upper().replace('FILE:', 'FiLe:')}> {{ ?s ?p ?o }} }}"),
        ("CONSTRUCT FROM", f"CONSTRUCT {{ ?s ?p ?o }} FROM <{iri}> WHERE {{ ?s ?p ?o }}"),
        ("passwd", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"),
    ]


@pytest.mark.parametrize("index", range(9))
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_queries_naming_files_are_refused(url: str, secret: Path, index: int, method: str) -> None:
    label, query = file_queries(secret)[index]
    if method == "GET":
        status, body = raw(url, "GET", "/sparql?" + urlencode({"query": query}))
    else:
        status, body = raw(url, "POST", "/sparql", query, {"Content-Type": "application/sparql-query"})
    assert status == 403, f"{label}: {status} {body}"
    assert ("read-only" in body) or ("file: IRIs are refused" in body), label
    assert MARKER not in body and "root:" not in body


def test_from_other_graphs_is_refused_not_ignored(url: str) -> None:
    status, body = raw(url, "GET", "/sparql?" + urlencode({"query": "SELECT * FROM <urn:g> WHERE { ?s ?p ?o } LIMIT 1"}))
    assert status == 400 and "FROM <urn:g> names no graph of this dataset" in body
    status, body = raw(url, "GET", "/sparql?" + urlencode({"query": "SELECT ?from WHERE { ?from ?p 'FROM <file:///x>' } LIMIT 1"}))
    assert status == 200  # a variable named ?from and the words inside a string are not FROM clauses


def test_the_store_itself_never_loads_a_named_file(secret: Path) -> None:
    """Below the refusals: pyoxigraph treats FROM / GRAPH IRIs as names in the store, never as places to fetch."""
    store = GraphStore(ox.Store())
    store.store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c"), ox.NamedNode("urn:g")))
    iri = secret.as_uri()
    for query in (
        f"SELECT ?o FROM <{iri}> WHERE {{ ?s ?p ?o }}",
        f"SELECT ?o FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}",
    ):
        values = {solution["o"].value for solution in store.query(query)}  # type: ignore[attr-defined]
        assert MARKER not in values
    with pytest.raises(SyntaxError):
        store.query(f"LOAD <{iri}>")
    assert len(store.store) == 1


STATIC_ESCAPES = [
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//....//etc/passwd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/%00../app.py",
    "/../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/queries/..%2f..%2f..%2fetc%2fpasswd",
    "/queries/%2e%2e",
]


@pytest.mark.parametrize("path", STATIC_ESCAPES)
def test_paths_cannot_leave_the_static_folder(url: str, path: str) -> None:
    status, body = raw(url, "GET", path)
    assert status in (400, 404, 405), f"{path}: {status}"
    assert "root:" not in body
    assert "def create_app" not in body and "[project]" not in body


def test_static_files_are_still_served(url: str) -> None:
    assert (STATIC / "query.js").is_file()
    status, body = raw(url, "GET", "/static/query.js")
    assert status == 200 and body == (STATIC / "query.js").read_text(encoding="utf-8")
    status, body = raw(url, "GET", "/static/./query.js")
    assert status in (200, 404) and "def create_app" not in body
    status, body = raw(url, "GET", "/sparql?" + urlencode({"query": MOU_COUNT}), headers={"Accept": "text/csv"})
    assert status == 200 and body.splitlines() == ["n", "17"]


def test_serve_graph_option_is_a_plain_file(tmp_path: Path) -> None:
    """--graph names the operator's file; a folder or a missing path is one error line, nothing is served."""
    import subprocess
    import sys

    for graph in (tmp_path, tmp_path / "missing.trig", tmp_path / "../../../../etc/passwd"):
        result = subprocess.run(
            [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", "1"], capture_output=True, text=True, timeout=120
        )
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert f"error: {graph}" in result.stderr
