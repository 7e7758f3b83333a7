"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (starlette + uvicorn), with a query page at ``/``.

The parts: ``protocol`` finds the query in a request, ``workers`` runs it in a
small pool of child processes under the time, row, byte and memory limits
(``policy`` refuses updates, SERVICE, FROM of other graphs and file: IRIs on the parsed form;
``sandbox`` cuts the workers off the network), ``negotiation`` picks the answer
format. This module wires them into the application: requests beyond the pool
wait in a bounded queue, and when that is full they get 503 with Retry-After;
a client that hangs up has its waiting or running query stopped; large
answers are streamed from the worker's spool file, so the server never holds
one in memory.
"""

from __future__ import annotations

import math
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lankg.endpoint.access import AccessLog
from lankg.endpoint.description import DESCRIPTION_TYPES, serialised, service_description, void_dataset
from lankg.endpoint.negotiation import negotiate
from lankg.endpoint.protocol import accepted, query_text
from lankg.endpoint.workers import (
    DEFAULT_FAST_WORKERS,
    DEFAULT_MAX_BYTES,
    DEFAULT_MEMORY_MB,
    DEFAULT_QUEUE,
    DEFAULT_WORKERS,
    Job,
    Limits,
    Outcome,
    Overloaded,
    WorkerPool,
)
from lankg.errors import QueryError
from lankg.queries import QUERIES
from lankg.queries.run import bind_params
from lankg.store.remote import RemoteSource

STATIC = Path(__file__).resolve().parent / "static"
#: The methods /sparql answers (HEAD as GET without the body; OPTIONS lists them, or answers a CORS preflight).
METHODS = ("GET", "HEAD", "POST", "OPTIONS")
#: Answers past this many bytes are gzip-compressed for clients that accept it.
GZIP_MIN_BYTES = 1024
#: Every answer's shape depends on the Accept header: caches must key on it.
VARY = {"vary": "Accept"}


def _respond(outcome: Outcome) -> Response:
    """The response for ``outcome``: its body, or its spool file streamed in chunks (unlinked at once, so it goes when the stream ends)."""
    if outcome.path is None:
        return Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type, headers=VARY)
    handle = open(outcome.path, "rb")  # noqa: SIM115 - closed by the stream below
    os.unlink(outcome.path)

    async def chunks() -> AsyncIterator[bytes]:
        async with anyio.wrap_file(handle) as spool:
            while chunk := await spool.read(64 * 1024):
                yield chunk

    return StreamingResponse(chunks(), status_code=outcome.status, media_type=outcome.media_type,
                             headers={"content-length": str(outcome.size), **VARY})


async def _until_disconnected(receive: Receive) -> None:
    """Return once the client has closed its connection."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


def create_app(
    graph: Path | RemoteSource, *, timeout: float = 30.0, max_rows: int = 10_000, workers: int = DEFAULT_WORKERS, queue: int = DEFAULT_QUEUE,
    fast_workers: int | None = None, max_bytes: int = DEFAULT_MAX_BYTES, memory_mb: int = DEFAULT_MEMORY_MB,
    cors: tuple[str, ...] = ("*",),
) -> Starlette:
    """The endpoint application for ``graph`` (a built graph file, or a remote SPARQL server): /sparql, /queries, /queries/{name} and the page at /.

    ``workers`` query processes answer at once, ``fast_workers`` of them
    (default: one when there are two or more) only queries known to be fast;
    up to ``queue`` more requests wait, and any beyond that get 503 with
    Retry-After. A request has ``timeout`` seconds from its arrival, waiting
    included, and is dropped or stopped when its client disconnects. Answers
    are bounded by ``max_rows`` and ``max_bytes`` and streamed; a worker may
    grow by ``memory_mb`` while answering. Pages on the ``cors`` origins
    (``*``: any; none: same origin only) may query it from a browser.
    """
    if fast_workers is None:
        fast_workers = DEFAULT_FAST_WORKERS if workers >= 2 else 0
    limits = Limits(max_rows=max_rows, max_bytes=max_bytes, memory_mb=memory_mb)
    pool = WorkerPool(graph, workers=workers, queue=queue, timeout=timeout, limits=limits, fast_workers=fast_workers)
    pool.trust_fast(q.text for q in QUERIES.values())
    limiter = anyio.CapacityLimiter(pool.capacity)
    retry_after = str(max(1, math.ceil(timeout)))

    async def run(request: Request, job: Job) -> Response:
        try:
            pool.admit()
        except Overloaded:
            return PlainTextResponse(
                f"busy: all {len(pool.workers)} query workers are running and {pool.queue_size} requests are waiting; retry later\n",
                status_code=503,
                headers={"Retry-After": retry_after},
            )
        ticket = pool.ticket(job)
        outcome: Outcome | None = None
        try:
            async with anyio.create_task_group() as group:

                async def watch() -> None:
                    await _until_disconnected(request.receive)
                    pool.cancel(ticket)

                group.start_soon(watch)
                outcome = await anyio.to_thread.run_sync(pool.run, job, ticket, limiter=limiter)
                group.cancel_scope.cancel()
        finally:
            pool.release()
        assert outcome is not None
        return _respond(outcome)

    async def sparql(request: Request) -> Response:
        if request.method == "OPTIONS":  # a CORS preflight never gets here: the middleware answers it
            return Response(status_code=204, headers={"allow": ", ".join(METHODS)})
        query = await query_text(request)
        if isinstance(query, Response):
            return query
        if query is None:
            return describe(request)
        known = set(pool.graphs)
        for param, graphs in (("default-graph-uri", query.default_graphs), ("named-graph-uri", query.named_graphs)):
            for iri in graphs:
                if iri not in known:
                    return PlainTextResponse(f"{param} <{iri}> names no graph of this dataset: it takes only its own graphs, "
                                             "listed by GET /sparql (the service description)\n", status_code=400, headers=VARY)
        return await run(request, Job(query.text, accepted(request), default_graphs=query.default_graphs, named_graphs=query.named_graphs))

    dataset = void_dataset(graph) if isinstance(graph, Path) else None

    def describe(request: Request) -> Response:
        mime = negotiate(accepted(request), DESCRIPTION_TYPES)
        if mime is None:
            return PlainTextResponse(f"the service description is offered as {', '.join(DESCRIPTION_TYPES)}\n", status_code=406)
        endpoint = str(request.url.replace(query="", fragment=""))
        return Response(serialised(service_description(endpoint, pool.graphs, dataset), mime), media_type=mime, headers=VARY)

    async def list_queries(request: Request) -> Response:
        return JSONResponse(
            [
                {
                    "name": q.name,
                    "summary": q.summary,
                    "tags": list(q.tags),
                    "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description} for p in q.params],
                    "text": q.text,
                }
                for q in QUERIES.values()
            ]
        )

    async def named(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in QUERIES:
            return PlainTextResponse(f"no query named {name!r}\n", status_code=404)
        query = QUERIES[name]
        try:
            subs = bind_params(query, dict(request.query_params))
        except QueryError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        return await run(request, Job(query.text, accepted(request), tuple(subs.items())))

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def health(request: Request) -> Response:
        return JSONResponse(
            {
                "graph": str(graph),
                "quads": pool.quads,
                "timeout": timeout,
                "maxRows": max_rows,
                "maxBytes": max_bytes,
                "memoryMB": memory_mb,
                "workers": len(pool.workers),
                "fastWorkers": len(pool.fast_only),
                "knownFastQueries": pool.known_fast,
                "queue": pool.queue_size,
                "busy": pool.busy,
                "waiting": pool.waiting,
                "restarts": pool.restarts,
                "cancelled": pool.cancelled,
                "expired": pool.expired,
                "networkSandbox": pool.unsandboxed is None,
            }
        )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await anyio.to_thread.run_sync(pool.start)
        try:
            yield
        finally:
            pool.stop()

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/sparql", sparql, methods=list(METHODS)),
            Route("/queries", list_queries),
            Route("/queries/{name}", named),
            Route("/status", health),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
        middleware=_middleware(cors),
    )
    app.state.pool = pool
    return app


def _middleware(cors: tuple[str, ...]) -> list[Middleware]:
    """The access log (outermost), CORS for the ``cors`` origins (so errors carry it too), gzip, then the security headers."""
    stack = [Middleware(AccessLog), Middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES), Middleware(SecurityHeaders)]
    if cors:
        stack.insert(1, Middleware(CORSMiddleware, allow_origins=list(cors), allow_methods=list(METHODS), allow_headers=["*"],
                                   expose_headers=["Retry-After", "Content-Length"], max_age=600))
    return stack


class SecurityHeaders:
    """ASGI middleware: the page may load only its own scripts and talk only to this server."""

    HEADERS = (
        (b"content-security-policy", b"default-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'"),
        (b"x-content-type-options", b"nosniff"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["METHODS", "STATIC", "SecurityHeaders", "create_app"]
