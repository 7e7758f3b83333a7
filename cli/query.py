"""``lankg query`` (run a named query or a .rq file) and ``lankg serve`` (the SPARQL 1.1 endpoint)."""

from __future__ import annotations

import errno
import logging
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lankg.cli.console import choice, err, out, reports_errors
from lankg.errors import QueryError
from lankg.options import BUILT_GRAPH, AnswerFormat
from lankg.values import printable

if TYPE_CHECKING:
    from lankg.queries.run import QueryAnswer

DEFAULT_GRAPH = BUILT_GRAPH


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param expects NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


def _table(answer: QueryAnswer, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in answer.columns:
        table.add_column(column, overflow="fold")
    for row in answer.display_values():  # as Text: a value is never read as rich markup, and its control characters are escaped
        table.add_row(*(Text("" if v is None else printable(v)) for v in row))
    return table


@reports_errors
def query(
    name: Annotated[str | None, typer.Argument(help="The named query to run (see --list).")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="A parameter as NAME=VALUE; repeatable.")] = None,
    fmt: Annotated[AnswerFormat, choice(AnswerFormat, "--format", "--format", "-f", help="How to print the answer: a table, CSV, SPARQL 1.1 Query Results JSON, or JSON Lines (one object per row).")] = AnswerFormat.table,
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The graph built by `lankg build` (.trig, .nq, .ttl, .nt).")] = DEFAULT_GRAPH,
    file: Annotated[Path | None, typer.Option("--file", help="Run the SPARQL query in this .rq file instead of a named one.")] = None,
    list_queries: Annotated[bool, typer.Option("--list", help="List the named queries and their parameters, then exit.")] = False,
) -> None:
    """Run a named SPARQL query (or your own .rq file) on the built graph and print the answer."""
    from lankg.queries import QUERIES
    from lankg.queries.library import load_query_file
    from lankg.queries.run import run_query, to_csv, to_json, to_jsonl
    from lankg.store.embedded import GraphStore

    if list_queries:
        table = Table(title="named queries", title_justify="left")
        table.add_column("name", no_wrap=True)
        table.add_column("parameters")
        table.add_column("summary", overflow="fold")
        for stem, named in QUERIES.items():
            params = ", ".join(f"{p.name}: {p.type}" + ("" if p.required else f" = {p.default}") for p in named.params)
            table.add_row(stem, params, named.summary)
        out.print(table)
        return
    if (name is None) == (file is None):
        raise QueryError("give either a query NAME or --file my.rq (and not both); `lankg query --list` lists the names")
    named = QUERIES[name] if name is not None else load_query_file(file or Path())  # exactly one of the two is given
    if not graph.exists():
        raise QueryError(f"{graph}: no graph file here; run `lankg build` first (or pass --graph PATH)")
    store = GraphStore.from_file(graph)
    answer = run_query(store, named, _parse_params(param or []))
    if fmt == "csv":
        out.out(to_csv(answer), end="")
    elif fmt == "json":
        out.out(to_json(answer))
    elif fmt == "jsonl":
        out.out(to_jsonl(answer), end="")
    else:
        out.print(_table(answer, escape(printable(f"{named.name} ({len(answer.rows)} rows)"))))


@reports_errors
def serve(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The graph built by `lankg build`.")] = DEFAULT_GRAPH,
    host: Annotated[str, typer.Option(help="Interface to listen on; keep 127.0.0.1 unless you mean to share it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is abandoned.")] = 30.0,
    limit: Annotated[int, typer.Option(help="Most result rows (or triples) returned for one query.")] = 10_000,
    workers: Annotated[int, typer.Option(help="Query processes answering at once (a slow query holds only one).")] = 2,
    queue: Annotated[int, typer.Option(help="Requests that may wait for a free worker; more get 503 with Retry-After.")] = 16,
    fast_workers: Annotated[
        int | None, typer.Option(help="Workers kept for queries known to finish within a second (default: 1 when --workers is 2 or more).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Most bytes of serialised answer returned for one query.")] = 64 * 1024 * 1024,
    memory: Annotated[int, typer.Option(help="Megabytes a query worker may grow by while answering, beyond the loaded graph (0: no limit).")] = 1024,
    store: Annotated[
        str | None,
        typer.Option(help="Answer from this SPARQL 1.1 server (its query endpoint URL, loaded by `lankg build --store`) instead of --graph."),
    ] = None,
    store_auth: Annotated[str | None, typer.Option(help="USER:PASSWORD for the server (HTTP digest).")] = None,
    cors: Annotated[
        str, typer.Option(help="Origins whose pages may query the endpoint from a browser, comma-separated ('*': any; '': none).")
    ] = "*",
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, with a query page at /; one line per request on stderr."""
    import uvicorn

    from lankg.endpoint import MAX_REQUEST_LINE_BYTES, create_app
    from lankg.store.remote import RemoteSource, parse_auth

    source: Path | RemoteSource
    if store is not None:
        source = RemoteSource(store, parse_auth(store_auth))
    elif not graph.exists():
        raise QueryError(f"{graph}: no graph file here; run `lankg build` first (or pass --graph PATH)")
    else:
        source = graph
    listening = _listen(host, port)  # a port in use is reported now, before the workers load the graph
    app = create_app(source, timeout=timeout, max_rows=limit, workers=workers, queue=queue, fast_workers=fast_workers,
                     max_bytes=max_bytes, memory_mb=memory, cors=tuple(o.strip() for o in cors.split(",") if o.strip()))
    try:
        app.state.pool.start()  # a graph that does not load is reported here, not as a server traceback
    except KeyboardInterrupt:
        app.state.pool.stop()
        listening.close()
        err.print("stopped before the endpoint started")
        raise typer.Exit(130) from None
    except QueryError:
        listening.close()
        raise
    if app.state.pool.unsandboxed is not None and store is None:
        err.print(f"warning: the query workers can reach the network: {app.state.pool.unsandboxed}")
    _log_requests()
    err.print(f"SPARQL endpoint on http://{host}:{port}/sparql, query page on http://{host}:{port}/ (Ctrl-C stops)")
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", h11_max_incomplete_event_size=MAX_REQUEST_LINE_BYTES,
                            timeout_graceful_shutdown=5)
    try:
        uvicorn.Server(config).run(sockets=[listening])
    except KeyboardInterrupt:  # uvicorn stops cleanly on Ctrl-C, then raises it again once it has
        pass
    err.print("endpoint stopped")


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` for the server; a port in use (or an address not on this machine) raises QueryError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise QueryError(f"cannot listen on {host}:{port}: {exc}") from None
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise QueryError(f"port {port} on {host} is already in use (another `lankg serve`?); pass --port N") from None
        raise QueryError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def _log_requests() -> None:
    """Write the endpoint's access log (lankg.endpoint.access) to stderr, one plain line per request."""
    from lankg.endpoint.access import LOG

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False
