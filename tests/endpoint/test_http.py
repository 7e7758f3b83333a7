"""HTTP around the SPARQL Protocol, on the real server: CORS for pages on other origins, HEAD and OPTIONS, Vary and gzip."""

from __future__ import annotations

import contextlib
import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import BrowserContext

MOU_COUNT = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"
EVERYTHING = "SELECT * WHERE { ?s ?p ?o } LIMIT 500"
PAGE_ORIGIN = "https://yasgui.example"


def test_a_cors_preflight_from_any_origin_is_allowed(endpoint: str) -> None:
    preflight = httpx.options(f"{endpoint}/sparql", headers={
        "Origin": PAGE_ORIGIN, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type, accept",
    })
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()


def test_answers_carry_the_cors_header(endpoint: str) -> None:
    response = httpx.get(f"{endpoint}/sparql", params={"query": MOU_COUNT}, headers={"Origin": PAGE_ORIGIN})
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
    refused = httpx.get(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}, headers={"Origin": PAGE_ORIGIN})
    assert refused.status_code == 400 and refused.headers["access-control-allow-origin"] == "*"  # the page can read why


def test_options_without_cors_lists_the_methods(endpoint: str) -> None:
    response = httpx.options(f"{endpoint}/sparql")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"


def test_head_is_get_without_the_body(endpoint: str) -> None:
    params = {"query": MOU_COUNT}
    get = httpx.get(f"{endpoint}/sparql", params=params, headers={"Accept": "text/csv"})
    head = httpx.head(f"{endpoint}/sparql", params=params, headers={"Accept": "text/csv"})
    assert head.status_code == get.status_code == 200
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""
    assert httpx.head(f"{endpoint}/sparql", params={"query": "SELECT * WHERE { ?s ?p }"}).status_code == 400


def test_answers_vary_on_accept_and_are_gzipped(endpoint: str) -> None:
    plain = httpx.get(f"{endpoint}/sparql", params={"query": EVERYTHING}, headers={"Accept-Encoding": "identity"})
    zipped = httpx.get(f"{endpoint}/sparql", params={"query": EVERYTHING}, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == zipped.status_code == 200
    assert "content-encoding" not in plain.headers and zipped.headers["content-encoding"] == "gzip"
    for response in (plain, zipped):
        assert {"Accept", "Accept-Encoding"} <= {v.strip() for v in response.headers["vary"].split(",")}
    assert zipped.content == plain.content  # httpx decompressed it
    assert int(zipped.num_bytes_downloaded) < len(plain.content) / 3
    with httpx.stream("GET", f"{endpoint}/sparql", params={"query": EVERYTHING}, headers={"Accept-Encoding": "gzip"}) as stream:
        body = b"".join(stream.iter_raw())
    assert gzip.decompress(body) == plain.content


def test_named_origins_only(serve_graph: Any, gold_trig: Path) -> None:
    with serve_graph(gold_trig, "--cors", f"{PAGE_ORIGIN}, https://other.example", "--workers", "1") as url:
        allowed = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Origin": PAGE_ORIGIN})
        assert allowed.headers["access-control-allow-origin"] == PAGE_ORIGIN
        stranger = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Origin": "https://evil.example"})
        assert stranger.status_code == 200 and "access-control-allow-origin" not in stranger.headers
        preflight = httpx.options(f"{url}/sparql", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
        assert preflight.status_code == 400 and "access-control-allow-origin" not in preflight.headers
    with serve_graph(gold_trig, "--cors", "", "--workers", "1") as url:
        response = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Origin": PAGE_ORIGIN})
        assert response.status_code == 200 and "access-control-allow-origin" not in response.headers


class _Page(BaseHTTPRequestHandler):
    """Serves one empty page: the other origin a YASGUI-like page would be on."""

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = b"<!doctype html><title>other origin</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        return


@contextlib.contextmanager
def _other_origin() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_page_on_another_origin_queries_the_endpoint(chromium: BrowserContext, endpoint: str) -> None:
    """What YASGUI does: a POST with Content-Type application/sparql-query, which needs a preflight, from a page elsewhere."""
    with _other_origin() as origin:
        page = chromium.new_page()
        try:
            page.goto(f"{origin}/")
            status, n = page.evaluate(
                """async ([url, query]) => {
                    const r = await fetch(url, {method: "POST", body: query,
                        headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
                    const answer = await r.json();
                    return [r.status, answer.results.bindings[0].n.value];
                }""",
                [f"{endpoint}/sparql", MOU_COUNT],
            )
        finally:
            page.close()
    assert (status, n) == (200, "17")
