"""A read-only SPARQL 1.1 Protocol endpoint over the built graph (starlette + uvicorn), with a query page at ``/``.

Queries run in a small pool of child processes, each holding the pyoxigraph
store, so a slow query occupies one worker while the others keep answering:
pyoxigraph cannot cancel a query, so one that overruns the time limit is
stopped by killing its process, which is then replaced from the graph file.
Requests beyond the pool wait in a bounded queue; when that is full they get
503 with Retry-After instead of piling up. Updates, SERVICE (federated
queries to other hosts), FROM and file: IRIs are refused on the query's
parsed form before anything runs (lankg.queries.policy), and the workers
cannot open network connections at all (lankg.queries.sandbox); answers
larger than the row limit are refused rather than silently cut, and a syntax
error comes back as a 400 with pyoxigraph's message.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import queue as queue_module
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs

import anyio
import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lankg.errors import LankgError, QueryError
from lankg.graph.remote import RemoteSource, RemoteStore
from lankg.graph.store import GraphStore
from lankg.ontology.namespaces import PREFIXES
from lankg.queries import QUERIES
from lankg.queries.policy import Refused, vetted
from lankg.queries.run import bind_params
from lankg.queries.sandbox import forbid_network

STATIC = Path(__file__).resolve().parent / "static"
MAX_QUERY_BYTES = 100_000
STARTUP_SECONDS = 120.0
#: Query processes by default: one per core of a small machine.
DEFAULT_WORKERS = 2
#: Requests that may wait for a free worker before new ones are turned away with 503.
DEFAULT_QUEUE = 16

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
@dataclass(frozen=True, slots=True)
class Job:
    """One query for the worker: its text, the client's acceptable media types, and parameter bindings."""

    text: str
    accept: tuple[str, ...]
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The HTTP answer to a job."""

    status: int
    media_type: str
    body: bytes


def _error(status: int, message: str) -> Outcome:
    return Outcome(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def negotiate(accept: tuple[str, ...], offered: dict[str, object]) -> str | None:
    """The first media type in ``offered`` the client accepts, best quality first; None if there is none."""
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept):
        mime, _, params = item.partition(";")
        quality = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, i, mime.strip().lower()))
    if not ranked:
        return next(iter(offered))
    refused = {mime for negq, _, mime in ranked if negq == 0}
    for negq, _, mime in sorted(ranked):
        if negq == 0:
            continue
        if mime in offered:
            return mime
        prefix = "" if mime in ("*/*", "*") else mime[:-1] if mime.endswith("/*") else None
        if prefix is not None:
            for candidate in offered:
                if candidate.startswith(prefix) and candidate not in refused:
                    return candidate
    return None


def answer(store: GraphStore | RemoteStore, job: Job, max_rows: int) -> Outcome:
    """Vet ``job`` (lankg.queries.policy), run it on ``store`` and serialise its answer in a negotiated format (called in the worker).

    The check runs here, in the worker, so a query that is slow or hostile to
    parse costs a worker under the time limit, never the server's event loop.
    """
    subs = dict(job.substitutions)
    try:
        text = vetted(job.text)
    except Refused as exc:
        return _error(exc.status, str(exc))
    try:
        result = store.query(text, subs)
        if isinstance(result, ox.QueryBoolean):
            mime = negotiate(job.accept, RESULT_TYPES)
            if mime is None:
                return _error(406, f"an ASK answer is offered as {', '.join(RESULT_TYPES)}")
            return Outcome(200, mime, result.serialize(format=RESULT_TYPES[mime]))
        if isinstance(result, ox.QuerySolutions):
            mime = negotiate(job.accept, RESULT_TYPES)
            if mime is None:
                return _error(406, f"a SELECT answer is offered as {', '.join(RESULT_TYPES)}")
            for count, _ in enumerate(result, start=1):
                if count > max_rows:
                    return _error(413, f"the answer has more than {max_rows} rows, the limit of this endpoint; add a LIMIT")
            rerun = store.query(text, subs)
            return Outcome(200, mime, rerun.serialize(format=RESULT_TYPES[mime]))
        mime = negotiate(job.accept, GRAPH_TYPES)
        if mime is None:
            return _error(406, f"a CONSTRUCT or DESCRIBE answer is offered as {', '.join(GRAPH_TYPES)}")
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > max_rows:
                return _error(413, f"the answer has more than {max_rows} triples, the limit of this endpoint; add a LIMIT")
        prefixes = PREFIXES if GRAPH_TYPES[mime] == ox.RdfFormat.TURTLE else None
        return Outcome(200, mime, ox.serialize(triples, format=GRAPH_TYPES[mime], prefixes=prefixes))
    except SyntaxError as exc:
        return _error(400, f"not valid SPARQL: {exc.msg if hasattr(exc, 'msg') else exc}")
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        return _error(400, f"the query failed: {exc}")


def _worker_main(graph: str | RemoteSource, max_rows: int, conn: Connection) -> None:
    """The worker process: cut off the network, load the graph once (or connect to the remote store), then answer jobs until the pipe closes.

    The ready message says whether the network is cut off: None if it is, else why not.
    """
    store: GraphStore | RemoteStore
    unsandboxed = "answers from a remote SPARQL server" if isinstance(graph, RemoteSource) else forbid_network()
    try:
        store = graph.open() if isinstance(graph, RemoteSource) else GraphStore.from_file(Path(graph))
    except LankgError as exc:
        conn.send(("error", str(exc)))
        return
    conn.send(("ready", (len(store) if isinstance(store, GraphStore) else 0, unsandboxed)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(store, job, max_rows))


class QueryWorker:
    """One child process that runs queries one at a time; killed when a query overruns, restarted before its next job."""

    def __init__(self, graph: Path | RemoteSource, *, timeout: float, max_rows: int) -> None:
        self.graph, self.timeout, self.max_rows = graph, timeout, max_rows
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self.quads = 0
        #: Why this worker can reach the network (None: it cannot; see lankg.queries.sandbox).
        self.unsandboxed: str | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive() and self._conn is not None

    def start(self) -> None:
        """Start the worker and wait until it has loaded the graph; a graph it cannot load raises QueryError."""
        if self.running:
            return
        self.stop()
        parent, child = self._context.Pipe()
        source = self.graph if isinstance(self.graph, RemoteSource) else str(self.graph)
        process = self._context.Process(target=_worker_main, args=(source, self.max_rows, child), daemon=True)
        process.start()
        child.close()
        if not parent.poll(STARTUP_SECONDS):
            process.kill()
            process.join()
            parent.close()
            raise QueryError(f"{self.graph}: the query worker did not load the graph within {STARTUP_SECONDS:.0f} s")
        try:
            status, detail = parent.recv()
        except EOFError:
            status, detail = "error", f"{self.graph}: the query worker stopped while loading the graph"
        if status != "ready":
            process.join()
            parent.close()
            raise QueryError(str(detail))
        quads, self.unsandboxed = detail
        self._process, self._conn, self.quads = process, parent, int(quads)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def run(self, job: Job) -> Outcome:
        """The answer to ``job``, or a 503 if it ran past the time limit (the worker process is then killed)."""
        with self._lock:
            try:
                self.start()
            except QueryError as exc:
                return _error(500, f"the query worker could not be started: {exc}")
            assert self._conn is not None
            try:
                self._conn.send(job)
                if self._conn.poll(self.timeout):
                    return self._conn.recv()
            except (EOFError, OSError):
                self.stop()
                return _error(500, "the query worker stopped unexpectedly")
            self.stop()
            return _error(503, f"the query ran longer than {self.timeout:g} s and was stopped")


class Overloaded(Exception):
    """Every worker is busy and the waiting queue is full."""


class WorkerPool:
    """A few query workers, so one slow query cannot starve the others, and a bounded queue in front of them.

    ``run`` is called from threads: a request takes an idle worker (waiting in
    the queue if there is none), and a worker whose query overran is replaced
    in the background, so the next request does not pay for reloading the graph.
    Admission (``admit``/``release``) happens on the event loop, so the counts
    need no lock there.
    """

    def __init__(self, graph: Path | RemoteSource, *, workers: int, queue: int, timeout: float, max_rows: int) -> None:
        if workers < 1:
            raise QueryError(f"--workers must be at least 1, got {workers}")
        if queue < 0:
            raise QueryError(f"--queue must be 0 or more, got {queue}")
        self.graph, self.timeout, self.queue_size = graph, timeout, queue
        self.workers = [QueryWorker(graph, timeout=timeout, max_rows=max_rows) for _ in range(workers)]
        self._idle: queue_module.SimpleQueue[QueryWorker] = queue_module.SimpleQueue()
        self.admitted = 0
        self.busy = 0
        self.restarts = 0
        self._counts = threading.Lock()

    @property
    def capacity(self) -> int:
        return len(self.workers) + self.queue_size

    @property
    def quads(self) -> int:
        return max((w.quads for w in self.workers), default=0)

    @property
    def unsandboxed(self) -> str | None:
        """Why some worker can reach the network, or None when none can."""
        return next((w.unsandboxed for w in self.workers if w.unsandboxed is not None), None)

    @property
    def waiting(self) -> int:
        return max(0, self.admitted - self.busy)

    def start(self) -> None:
        """Start every worker (in parallel) and wait until all have loaded the graph; the first failure raises QueryError."""
        failures: list[QueryError] = []

        def start_one(worker: QueryWorker) -> None:
            try:
                worker.start()
            except QueryError as exc:
                failures.append(exc)

        threads = [threading.Thread(target=start_one, args=(w,), daemon=True) for w in self.workers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failures:
            self.stop()
            raise failures[0]
        while not self._idle.empty():
            self._idle.get_nowait()
        for w in self.workers:
            self._idle.put(w)

    def stop(self) -> None:
        for w in self.workers:
            w.stop()

    def admit(self) -> None:
        """Count a request in, or raise Overloaded when every worker and queue place is taken."""
        if self.admitted >= self.capacity:
            raise Overloaded
        self.admitted += 1

    def release(self) -> None:
        self.admitted -= 1

    def run(self, job: Job) -> Outcome:
        """Run ``job`` on the next idle worker (blocking until one is free)."""
        worker = self._idle.get()
        with self._counts:
            self.busy += 1
        try:
            return worker.run(job)
        finally:  # the worker always goes back: as it is, or replaced if its process was killed
            with self._counts:
                self.busy -= 1
            if worker.running:
                self._idle.put(worker)
            else:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()

    def _replace(self, worker: QueryWorker) -> None:
        """Restart a killed worker, then hand it back (if the restart fails, its next job retries and reports it)."""
        with contextlib.suppress(QueryError):
            worker.start()
        with self._counts:
            self.restarts += 1
        self._idle.put(worker)


def _accept(request: Request) -> tuple[str, ...]:
    return tuple(p.strip() for p in request.headers.get("accept", "").split(",") if p.strip())


def _respond(outcome: Outcome) -> Response:
    return Response(outcome.body, status_code=outcome.status, media_type=outcome.media_type)


async def _query_text(request: Request) -> str | Response:
    """The query of a SPARQL Protocol request, or the error response explaining why there is none."""
    if request.method == "GET":
        params = request.query_params
        if "update" in params:
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return PlainTextResponse("default-graph-uri and named-graph-uri are not supported; use GRAPH in the query\n", status_code=400)
        text = params.get("query")
        if text is None:
            return PlainTextResponse("missing 'query' parameter (the query page is at /)\n", status_code=400)
        return text
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
            return body.decode("utf-8")
        except UnicodeDecodeError:
            return PlainTextResponse("the query is not UTF-8 text\n", status_code=400)
    if ctype == "application/x-www-form-urlencoded":
        try:
            form = {k: v[-1] for k, v in parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False).items()}
        except UnicodeDecodeError:
            return PlainTextResponse("the form is not UTF-8 text\n", status_code=400)
        if "update" in form:
            return PlainTextResponse("this endpoint is read-only: SPARQL Update is refused\n", status_code=403)
        if "default-graph-uri" in form or "named-graph-uri" in form:
            return PlainTextResponse("default-graph-uri and named-graph-uri are not supported; use GRAPH in the query\n", status_code=400)
        text = form.get("query")
        if text is None:
            return PlainTextResponse("missing 'query' form field\n", status_code=400)
        return text
    return PlainTextResponse(
        "POST a query as application/sparql-query or application/x-www-form-urlencoded (query=...)\n", status_code=415
    )


def create_app(
    graph: Path | RemoteSource, *, timeout: float = 30.0, max_rows: int = 10_000, workers: int = DEFAULT_WORKERS, queue: int = DEFAULT_QUEUE
) -> Starlette:
    """The endpoint application for ``graph`` (a built graph file, or a remote SPARQL server): /sparql, /queries, /queries/{name} and the page at /.

    ``workers`` query processes answer at once; up to ``queue`` more requests
    wait for one, and any beyond that get 503 with Retry-After.
    """
    pool = WorkerPool(graph, workers=workers, queue=queue, timeout=timeout, max_rows=max_rows)
    limiter = anyio.CapacityLimiter(pool.capacity)
    retry_after = str(max(1, math.ceil(timeout)))

    async def run(job: Job) -> Response:
        try:
            pool.admit()
        except Overloaded:
            return PlainTextResponse(
                f"busy: all {len(pool.workers)} query workers are running and {pool.queue_size} requests are waiting; retry later\n",
                status_code=503,
                headers={"Retry-After": retry_after},
            )
        try:
            return _respond(await anyio.to_thread.run_sync(pool.run, job, limiter=limiter))
        finally:
            pool.release()

    async def sparql(request: Request) -> Response:
        text = await _query_text(request)
        if isinstance(text, Response):
            return text
        return await run(Job(text, _accept(request)))

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
        return await run(Job(query.text, _accept(request), tuple(subs.items())))

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def health(request: Request) -> Response:
        return JSONResponse(
            {
                "graph": str(graph),
                "quads": pool.quads,
                "timeout": timeout,
                "maxRows": max_rows,
                "workers": len(pool.workers),
                "queue": pool.queue_size,
                "busy": pool.busy,
                "waiting": pool.waiting,
                "restarts": pool.restarts,
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
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/queries", list_queries),
            Route("/queries/{name}", named),
            Route("/status", health),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders)],
    )
    app.state.pool = pool
    return app


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


__all__ = ["create_app", "negotiate", "answer", "Job", "Outcome", "QueryWorker", "WorkerPool", "Overloaded"]
