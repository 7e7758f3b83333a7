"""The query workers: child processes that each hold the store, and the pool that hands them requests.

pyoxigraph cannot cancel a query, so one that overruns the time limit
(counted from the request's arrival, waiting included) or whose client hangs
up is stopped by killing its process, which is then replaced from the graph
file. A share of the workers takes only queries known to finish fast, so slow
ones cannot starve them. Each worker refuses a query by its parsed form
(``lankg.endpoint.policy``), cannot open network connections
(``lankg.endpoint.sandbox``), may grow its address space only so far beyond
its loaded graph (RLIMIT_AS), and serialises an answer into a sink bounded in
bytes that spills to a spool file the server streams.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import multiprocessing
import os
import resource
import shutil
import signal
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from lankg.endpoint.negotiation import GRAPH_TYPES, RESULT_TYPES, negotiate
from lankg.endpoint.policy import Refused, vetted
from lankg.endpoint.sandbox import forbid_network
from lankg.errors import LankgError, QueryError
from lankg.ontology.namespaces import PREFIXES
from lankg.store import Store
from lankg.store.embedded import GraphStore
from lankg.store.remote import RemoteSource

#: Bytes of serialised answer a query may return unless ``serve --max-bytes`` says otherwise.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
#: Megabytes a worker may grow by while answering, beyond the loaded graph, unless ``serve --memory`` says otherwise.
DEFAULT_MEMORY_MB = 1024
#: Answers up to this size travel through the worker's pipe; larger ones through a spool file the server streams.
INLINE_BYTES = 256 * 1024
#: A query text that last finished within this many seconds may use the workers kept for fast queries.
FAST_SECONDS = 1.0
#: Query texts whose speed the pool remembers.
KNOWN_QUERIES = 4096
#: How often a waiting request or a running query checks whether its client has gone.
POLL_SECONDS = 0.05
#: Workers kept for fast queries by default, when there are at least two.
DEFAULT_FAST_WORKERS = 1
#: Seconds a worker may take to load the graph.
STARTUP_SECONDS = 120.0
#: Query processes by default: one per core of a small machine.
DEFAULT_WORKERS = 2
#: Requests that may wait for a free worker before new ones are turned away with 503.
DEFAULT_QUEUE = 16


@dataclass(frozen=True, slots=True)
class Job:
    """One query for the worker: its text, the client's acceptable media types, and parameter bindings."""

    text: str
    accept: tuple[str, ...]
    substitutions: tuple[tuple[str, ox.NamedNode | ox.Literal], ...] = ()
    #: The protocol's default-graph-uri and named-graph-uri (graphs of the store, checked by the server); empty: as the query says.
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """The HTTP answer to a job: its body in memory, or (for a large answer) in a spool file of ``size`` bytes that the server streams and deletes."""

    status: int
    media_type: str
    body: bytes = b""
    path: str | None = None
    size: int = 0


def error(status: int, message: str) -> Outcome:
    """A plain-text answer with ``status``."""
    return Outcome(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


#: The status of an answer past the row or byte limit: the query asks for more than this endpoint gives (the client must narrow it).
TOO_LARGE = 400


class AnswerTooLarge(Exception):
    """The serialised answer went past the byte limit."""


class _AnswerSink(io.RawIOBase):
    """Where the worker serialises an answer: memory up to INLINE_BYTES, then a spool file; past ``max_bytes`` it raises AnswerTooLarge."""

    def __init__(self, max_bytes: int, spool: str) -> None:
        super().__init__()
        self.max_bytes, self.spool = max_bytes, spool
        self.size = 0
        self.buffer = bytearray()
        self.file: IO[bytes] | None = None

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.size += len(data)
        if self.size > self.max_bytes:
            raise AnswerTooLarge
        if self.file is None and len(self.buffer) + len(data) <= INLINE_BYTES:
            self.buffer += data
        else:
            if self.file is None:
                self.file = tempfile.NamedTemporaryFile(dir=self.spool, prefix="answer-", delete=False)
                self.file.write(self.buffer)
                self.buffer = bytearray()
            self.file.write(data)
        return len(data)

    def outcome(self, mime: str) -> Outcome:
        if self.file is None:
            return Outcome(200, mime, bytes(self.buffer), size=self.size)
        self.file.close()
        return Outcome(200, mime, path=self.file.name, size=self.size)

    def discard(self) -> None:
        if self.file is not None:
            self.file.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.file.name)


@dataclass(frozen=True, slots=True)
class Limits:
    """What one query may use: rows (or triples), bytes of serialised answer, memory beyond the loaded graph (MB, 0: no limit)."""

    max_rows: int = 10_000
    max_bytes: int = DEFAULT_MAX_BYTES
    memory_mb: int = DEFAULT_MEMORY_MB


def _spool_rows(solutions: ox.QuerySolutions, max_rows: int, rows: IO[bytes]) -> bool:
    """Write ``solutions`` to ``rows`` as SPARQL TSV (its terms as oxigraph writes them), stopping past ``max_rows``: False if there were more.

    Reading them back with ``ox.parse_query_results`` gives solutions that
    serialise byte for byte as the engine's own would, so the query is
    evaluated once, only as far as the limit, and never held in memory.
    """
    variables = solutions.variables
    rows.write(("\t".join(str(v) for v in variables) + "\n").encode("utf-8"))
    for count, solution in enumerate(solutions, start=1):
        if count > max_rows:
            return False
        rows.write(("\t".join("" if (term := solution[v]) is None else str(term) for v in variables) + "\n").encode("utf-8"))
    return True


def answer(store: Store, job: Job, limits: Limits, spool: str, graphs: frozenset[str] = frozenset()) -> Outcome:
    """Vet ``job`` (lankg.endpoint.policy), run it on ``store`` and serialise its answer in a negotiated format (called in the worker).

    The check runs here, in the worker, so a query that is slow or hostile to
    parse costs a worker under the time limit, never the server's event loop.
    The answer is serialised into a sink that stops at ``limits.max_bytes``
    and spills to a file in ``spool`` past a small size, so neither this
    process nor the server holds a large answer in memory. FROM may name
    ``graphs``, the store's named graphs.
    """
    subs = dict(job.substitutions)
    try:
        text = vetted(job.text, graphs)
    except Refused as exc:
        return error(exc.status, str(exc))
    sink = _AnswerSink(limits.max_bytes, spool)
    out = cast(IO[bytes], sink)  # a RawIOBase: pyoxigraph writes to it as to a binary file
    max_rows = limits.max_rows
    try:
        if (job.default_graphs or job.named_graphs) and isinstance(store, GraphStore):
            result = store.query(text, subs, default_graphs=job.default_graphs, named_graphs=job.named_graphs)
        else:
            result = store.query(text, subs)
        if isinstance(result, ox.QueryBoolean):
            mime = negotiate(job.accept, RESULT_TYPES)
            if mime is None:
                return error(406, f"an ASK answer is offered as {', '.join(RESULT_TYPES)}")
            result.serialize(out, format=RESULT_TYPES[mime])
            return sink.outcome(mime)
        if isinstance(result, ox.QuerySolutions):
            mime = negotiate(job.accept, RESULT_TYPES)
            if mime is None:
                return error(406, f"a SELECT answer is offered as {', '.join(RESULT_TYPES)}")
            with tempfile.TemporaryFile(dir=spool, prefix="rows-") as rows:
                if not _spool_rows(result, max_rows, rows):
                    return error(TOO_LARGE, f"the answer has more than {max_rows:,} rows, the row limit of this endpoint; "
                                            f"add LIMIT {max_rows} (or narrow the query)")
                rows.seek(0)
                ox.parse_query_results(rows, format=ox.QueryResultsFormat.TSV).serialize(out, format=RESULT_TYPES[mime])
            return sink.outcome(mime)
        mime = negotiate(job.accept, GRAPH_TYPES)
        if mime is None:
            return error(406, f"a CONSTRUCT or DESCRIBE answer is offered as {', '.join(GRAPH_TYPES)}")
        triples = []
        for triple in result:
            triples.append(triple)
            if len(triples) > max_rows:
                return error(TOO_LARGE, f"the answer has more than {max_rows:,} triples, the row limit of this endpoint; "
                                        f"add LIMIT {max_rows} (or narrow the query)")
        prefixes = PREFIXES if GRAPH_TYPES[mime] == ox.RdfFormat.TURTLE else None
        ox.serialize(triples, out, format=GRAPH_TYPES[mime], prefixes=prefixes)
        return sink.outcome(mime)
    except AnswerTooLarge:
        sink.discard()
        return error(TOO_LARGE, f"the answer is more than {limits.max_bytes:,} bytes, the size limit of this endpoint; "
                                "add a LIMIT (or select fewer columns)")
    except MemoryError:
        sink.discard()
        return error(503, f"the query needed more than the {limits.memory_mb:,} MB of memory a query may use here; simplify it")
    except SyntaxError as exc:
        sink.discard()
        return error(400, f"not valid SPARQL: {exc.msg if hasattr(exc, 'msg') else exc}")
    except (OSError, RuntimeError, ValueError, TypeError) as exc:
        sink.discard()
        if "memory" in str(exc).lower():
            return error(503, f"the query needed more than the {limits.memory_mb:,} MB of memory a query may use here; simplify it")
        return error(400, f"the query failed: {exc}")


def _limit_memory(megabytes: int) -> None:
    """Let this process grow its address space by at most ``megabytes`` beyond what it uses now (RLIMIT_AS)."""
    if megabytes <= 0:
        return
    with open("/proc/self/statm", encoding="ascii") as statm:
        used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = used + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _worker_main(graph: str | RemoteSource, limits: Limits, spool: str, conn: Connection) -> None:
    """The worker process: cut off the network, load the graph once (or connect to the remote store), cap its memory, then answer jobs until the pipe closes.

    The ready message says whether the network is cut off: None if it is, else why not.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the server stops the workers itself
    store: Store
    unsandboxed = "answers from a remote SPARQL server" if isinstance(graph, RemoteSource) else forbid_network()
    try:
        store = graph.open() if isinstance(graph, RemoteSource) else GraphStore.from_file(Path(graph))
    except LankgError as exc:
        conn.send(("error", str(exc)))
        return
    _limit_memory(limits.memory_mb)
    graphs = tuple(store.named_graphs()) if isinstance(store, GraphStore) else ()
    conn.send(("ready", (len(store) if isinstance(store, GraphStore) else 0, unsandboxed, graphs)))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = answer(store, job, limits, spool, frozenset(graphs))
        except MemoryError:
            outcome = error(503, f"the query needed more than the {limits.memory_mb:,} MB of memory a query may use here; simplify it")
        try:
            conn.send(outcome)
        except OSError:  # the server stopped waiting (its client left, or it is shutting down)
            return


class QueryWorker:
    """One child process that runs queries one at a time; killed when a query overruns or its client leaves, restarted before its next job."""

    def __init__(self, graph: Path | RemoteSource, *, limits: Limits, spool: str) -> None:
        self.graph, self.limits, self.spool = graph, limits, spool
        self._context = multiprocessing.get_context("spawn")
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None
        self.quads = 0
        #: Why this worker can reach the network (None: it cannot; see lankg.endpoint.sandbox).
        self.unsandboxed: str | None = None
        #: The IRIs of the named graphs of the loaded graph file, sorted (none for a remote store).
        self.graphs: tuple[str, ...] = ()

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
        process = self._context.Process(target=_worker_main, args=(source, self.limits, self.spool, child), daemon=True)
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
        quads, self.unsandboxed, self.graphs = detail
        self._process, self._conn, self.quads = process, parent, int(quads)

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def run(self, job: Job, ticket: Ticket) -> Outcome:
        """The answer to ``job``; past the ticket's deadline, or once its client has gone, the worker process is killed instead."""
        try:
            self.start()
        except QueryError as exc:
            return error(500, f"the query worker could not be started: {exc}")
        assert self._conn is not None and self._process is not None
        try:
            self._conn.send(job)
            while True:
                remaining = ticket.deadline - time.monotonic()
                if self._conn.poll(max(0.0, min(remaining, POLL_SECONDS))):
                    return self._conn.recv()
                if ticket.cancelled.is_set():
                    self.stop()
                    return error(499, "the client closed the connection; the query was stopped")
                if remaining <= 0:
                    self.stop()
                    return error(503, f"the query ran longer than {ticket.timeout:g} s (waiting included) and was stopped")
        except (EOFError, OSError):
            self._process.join(timeout=5)
            code = self._process.exitcode
            self.stop()
            if code in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV) and self.limits.memory_mb:
                return error(503, f"the query worker stopped (signal {-code}), most likely past the {self.limits.memory_mb:,} MB "
                                   "of memory a query may use here; simplify the query")
            return error(500, "the query worker stopped unexpectedly")


class Overloaded(Exception):
    """Every worker is busy and the waiting queue is full."""


@dataclass(slots=True)
class Ticket:
    """One request's place in the pool: when it must be answered by, whether it is known to be fast, and whether its client left."""

    key: str
    timeout: float
    deadline: float
    fast: bool
    cancelled: threading.Event = field(default_factory=threading.Event)


class WorkerPool:
    """A few query workers behind one queue; a share of them is kept for queries known to finish fast.

    Every request's deadline counts from its arrival, so time spent waiting
    counts toward ``timeout``; a request whose client has gone is dropped from
    the queue, or its worker killed (and replaced in the background). A query
    text that last finished within FAST_SECONDS is *fast*: ``fast_workers``
    workers take only fast queries, so however many slow ones hold the others
    and fill the queue, the fast ones keep being answered. Requests are
    served in arrival order within each kind of worker.
    """

    def __init__(self, graph: Path | RemoteSource, *, workers: int, queue: int, timeout: float, limits: Limits,
                 fast_workers: int = 0) -> None:
        if workers < 1:
            raise QueryError(f"--workers must be at least 1, got {workers}")
        if queue < 0:
            raise QueryError(f"--queue must be 0 or more, got {queue}")
        if not 0 <= fast_workers < workers:
            raise QueryError(f"--fast-workers must be from 0 to {workers - 1} (fewer than --workers), got {fast_workers}")
        self.graph, self.timeout, self.queue_size, self.limits = graph, timeout, queue, limits
        self.spool = tempfile.mkdtemp(prefix="lankg-answers-")
        self.workers = [QueryWorker(graph, limits=limits, spool=self.spool) for _ in range(workers)]
        self.fast_only = set(self.workers[workers - fast_workers:]) if fast_workers else set()
        self._cond = threading.Condition()
        self._idle: list[QueryWorker] = []
        self._waiting: list[Ticket] = []
        self._fast: OrderedDict[str, bool] = OrderedDict()
        self.admitted = 0
        self.busy = 0
        self.restarts = 0
        self.cancelled = 0
        self.expired = 0

    @property
    def capacity(self) -> int:
        return len(self.workers) + self.queue_size

    @property
    def quads(self) -> int:
        return max((w.quads for w in self.workers), default=0)

    @property
    def graphs(self) -> tuple[str, ...]:
        """The IRIs of the dataset's named graphs, sorted (as the workers loaded them; none for a remote store)."""
        return max((w.graphs for w in self.workers), key=len, default=())

    @property
    def unsandboxed(self) -> str | None:
        """Why some worker can reach the network, or None when none can."""
        return next((w.unsandboxed for w in self.workers if w.unsandboxed is not None), None)

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def known_fast(self) -> int:
        return sum(self._fast.values())

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
        with self._cond:
            self._idle = list(self.workers)
            self._cond.notify_all()

    def stop(self) -> None:
        for w in self.workers:
            w.stop()
        shutil.rmtree(self.spool, ignore_errors=True)

    def admit(self) -> None:
        """Count a request in, or raise Overloaded when every worker and queue place is taken."""
        if self.admitted >= self.capacity:
            raise Overloaded
        self.admitted += 1

    def release(self) -> None:
        self.admitted -= 1

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def trust_fast(self, texts: Iterable[str]) -> None:
        """Take these query texts (the named queries) as fast until one of them is seen to be slow."""
        for text in texts:
            self._learn(self.key(text), 0.0, True)

    def ticket(self, job: Job) -> Ticket:
        """A ticket for ``job`` arriving now; a query text not seen finishing fast yet is not fast."""
        key = self.key(job.text)
        return Ticket(key, self.timeout, time.monotonic() + self.timeout, self._fast.get(key, False))

    def cancel(self, ticket: Ticket) -> None:
        """The client of ``ticket`` has gone: stop waiting for it, or stop its query."""
        ticket.cancelled.set()
        with self._cond:
            self._cond.notify_all()

    def _take(self, ticket: Ticket) -> QueryWorker | None:
        """An idle worker ``ticket`` may have now: a general one if it is first in line, a fast-only one if it is the first fast ticket.

        An idle worker whose process has died (killed from outside) is first
        sent to be replaced, whichever lane it serves, so no lane is left short.
        """
        for dead in [w for w in self._idle if not w.running]:
            self._idle.remove(dead)
            threading.Thread(target=self._replace, args=(dead,), daemon=True).start()
        general = [w for w in self._idle if w not in self.fast_only]
        if general and self._waiting[0] is ticket:
            return general[0]
        if ticket.fast and next(t for t in self._waiting if t.fast) is ticket:
            return next((w for w in self._idle if w in self.fast_only), None)
        return None

    def run(self, job: Job, ticket: Ticket) -> Outcome:
        """Run ``job`` on a worker once one is free for it (blocking), within the ticket's deadline."""
        with self._cond:
            self._waiting.append(ticket)
            try:
                while True:
                    if ticket.cancelled.is_set():
                        self.cancelled += 1
                        return error(499, "the client closed the connection while the query waited")
                    remaining = ticket.deadline - time.monotonic()
                    if remaining <= 0:
                        self.expired += 1
                        return error(503, f"the query waited {self.timeout:g} s for a free worker and was dropped; retry later")
                    worker = self._take(ticket)
                    if worker is not None:
                        self._idle.remove(worker)
                        self.busy += 1
                        break
                    self._cond.wait(min(remaining, POLL_SECONDS))
            finally:
                self._waiting.remove(ticket)
                self._cond.notify_all()
        started = time.monotonic()
        try:
            outcome = worker.run(job, ticket)
        finally:
            self._learn(ticket.key, time.monotonic() - started, worker.running)
            with self._cond:
                self.busy -= 1
                if ticket.cancelled.is_set() and not worker.running:
                    self.cancelled += 1
            if worker.running:
                self._hand_back(worker)
            else:
                threading.Thread(target=self._replace, args=(worker,), daemon=True).start()
        return outcome

    def _learn(self, key: str, seconds: float, finished: bool) -> None:
        """Remember whether this query text finished fast (a bounded memory: the oldest texts are forgotten)."""
        with self._cond:
            self._fast[key] = finished and seconds <= FAST_SECONDS
            self._fast.move_to_end(key)
            while len(self._fast) > KNOWN_QUERIES:
                self._fast.popitem(last=False)

    def _hand_back(self, worker: QueryWorker) -> None:
        with self._cond:
            self._idle.append(worker)
            self._cond.notify_all()

    def _replace(self, worker: QueryWorker) -> None:
        """Restart a killed worker, then hand it back (if the restart fails, its next job retries and reports it)."""
        with contextlib.suppress(QueryError):
            worker.start()
        with self._cond:
            self.restarts += 1
        self._hand_back(worker)
