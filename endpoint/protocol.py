"""The SPARQL 1.1 Protocol's side of a request: where the query is, and what the client accepts.

A query comes in a GET query string, a POST body of ``application/sparql-query``
or a POST form, with any ``default-graph-uri`` and ``named-graph-uri`` (in the
URL, or in the form too); updates are refused here, before any worker sees the
request, and so are bodies and query strings past ``MAX_QUERY_BYTES``.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

#: Longest query text accepted, in a GET query string or a POST body.
MAX_QUERY_BYTES = 100_000
#: Longest request line the HTTP layer reads (so that a GET query up to it gets a 414 rather than a dropped connection).
MAX_REQUEST_LINE_BYTES = 1024 * 1024


def accepted(request: Request) -> tuple[str, ...]:
    """The media types of the request's Accept header, in its order (quality parameters kept)."""
    return tuple(p.strip() for p in request.headers.get("accept", "").split(",") if p.strip())


class ProtocolQuery(NamedTuple):
    """A request's query and the protocol's dataset: default-graph-uri and named-graph-uri values, in their order."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


async def query_text(request: Request) -> ProtocolQuery | Response | None:
    """The query of a SPARQL Protocol request, None for a GET without one (which asks for the service description), or the error response."""
    query = await _query_text(request)
    if not isinstance(query, ProtocolQuery):
        return query
    params = request.query_params  # in the URL of a POST too
    return query._replace(default_graphs=(*params.getlist("default-graph-uri"), *query.default_graphs),
                          named_graphs=(*params.getlist("named-graph-uri"), *query.named_graphs))


async def _query_text(request: Request) -> ProtocolQuery | Response | None:
    params = request.query_params
    if request.method in ("GET", "HEAD"):
        if len(request.scope.get("query_string", b"")) > MAX_QUERY_BYTES:
            return PlainTextResponse(f"the query string is over {MAX_QUERY_BYTES:,} bytes; POST the query instead\n", status_code=414)
        if "update" in params:
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
        text = params.get("query")
        return None if text is None else ProtocolQuery(text)  # None: the client asks for the service description
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_QUERY_BYTES:
        return PlainTextResponse(f"the request is over {MAX_QUERY_BYTES} bytes\n", status_code=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_QUERY_BYTES:
            return PlainTextResponse(f"the request is over {MAX_QUERY_BYTES} bytes\n", status_code=413)
    if len(body) > MAX_QUERY_BYTES:
        return PlainTextResponse(f"the request is over {MAX_QUERY_BYTES} bytes\n", status_code=413)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
    if ctype == "application/sparql-query":
        try:
            return ProtocolQuery(body.decode("utf-8"))
        except UnicodeDecodeError:
            return PlainTextResponse("the query is not UTF-8 text\n", status_code=400)
    if ctype == "application/x-www-form-urlencoded":
        try:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        except UnicodeDecodeError:
            return PlainTextResponse("the form is not UTF-8 text\n", status_code=400)
        if "update" in fields:
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
        if "query" not in fields:
            return PlainTextResponse("missing 'query' form field\n", status_code=400)
        return ProtocolQuery(fields["query"][-1], tuple(fields.get("default-graph-uri", ())), tuple(fields.get("named-graph-uri", ())))
    return PlainTextResponse(
        "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)\n", status_code=415
    )
