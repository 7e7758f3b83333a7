"""A slow query holds one worker of `lankg serve` while the others keep answering; a full queue is told to retry later; time in the queue counts.

Order, not wall-clock time, is asserted: each fast answer must arrive while
the slow request is still unanswered (it ends only when its timeout kills
its worker).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx

MOU_COUNT = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }"
#: Every triple of the graph (gazetteer included) joined with itself three times: it cannot finish before the timeout.
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class Request(threading.Thread):
    """A query sent from its own thread; ``done`` is set when its answer (or failure) has arrived."""

    def __init__(self, url: str, query: str) -> None:
        super().__init__(daemon=True)
        self.url, self.query = url, query
        self.done = threading.Event()
        self.response: httpx.Response | None = None

    def run(self) -> None:
        try:
            self.response = httpx.post(f"{self.url}/sparql", data={"query": self.query}, headers={"Accept": "text/csv"}, timeout=300)
        finally:
            self.done.set()


def wait_for_status(url: str, ready: Callable[[dict], bool]) -> dict:
    """Poll /status until ``ready`` holds (bounded so a broken server fails the test instead of hanging it)."""
    for _ in range(3000):
        status = httpx.get(f"{url}/status", timeout=30).json()
        if ready(status):
            return status
        time.sleep(0.02)
    raise AssertionError(f"the endpoint never reached the expected state; last status {status}")


def fast_count(url: str) -> list[str]:
    response = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "text/csv"}, timeout=300)
    assert response.status_code == 200, response.text
    return response.text.splitlines()


def test_a_slow_query_does_not_starve_fast_ones(gold_trig: Path, serve_graph: Callable) -> None:
    with serve_graph(gold_trig, "--workers", "2", "--timeout", "6") as url:
        assert fast_count(url) == ["n", "17"]  # seen finishing fast: it may use the worker kept for fast queries
        slow = Request(url, CROSS_JOIN)
        slow.start()
        wait_for_status(url, lambda s: s["busy"] == 1)
        for _ in range(10):
            assert fast_count(url) == ["n", "17"]
            assert not slow.done.is_set(), "a fast query was answered only after the slow one was stopped"
        slow.join()
        assert slow.response is not None and slow.response.status_code == 503
        assert "was stopped" in slow.response.text
        status = wait_for_status(url, lambda s: s["restarts"] == 1 and s["busy"] == 0)
        assert status["workers"] == 2 and status["waiting"] == 0
        assert fast_count(url) == ["n", "17"]  # the replaced worker answers too
        assert fast_count(url) == ["n", "17"]


def test_one_worker_queues_then_refuses_with_retry_after(gold_trig: Path, serve_graph: Callable) -> None:
    """Time in the queue counts toward --timeout: the queued request, which arrived just after the slow one, is out of time
    by the moment the slow one is stopped and its worker replaced, so it is dropped rather than run late."""
    with serve_graph(gold_trig, "--workers", "1", "--queue", "1", "--timeout", "4") as url:
        slow = Request(url, CROSS_JOIN)
        slow.start()
        wait_for_status(url, lambda s: s["busy"] == 1)
        queued = Request(url, MOU_COUNT)
        queued.start()
        wait_for_status(url, lambda s: s["waiting"] == 1)
        turned_away = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, timeout=30)
        assert turned_away.status_code == 503 and turned_away.headers["retry-after"] == "4"
        assert "busy" in turned_away.text
        assert not slow.done.is_set() and not queued.done.is_set()  # refused at once, not after waiting
        queued.done.wait(timeout=300)
        assert slow.done.is_set(), "with a single worker the queued query can only run after the slow one is stopped"
        slow.join()
        queued.join()
        assert slow.response is not None and slow.response.status_code == 503
        assert queued.response is not None and queued.response.status_code == 503
        assert "waited 4 s for a free worker" in queued.response.text
        status = wait_for_status(url, lambda s: s["restarts"] == 1 and s["busy"] == 0)
        assert status["expired"] == 1 and status["waiting"] == 0
        assert fast_count(url) == ["n", "17"]


def worker_pids(url: str) -> list[int]:
    """The query worker processes of the `lankg serve` listening at ``url`` (children of the server started by this test)."""
    port = url.rsplit(":", 1)[1]
    servers = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                argv = (proc / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"serve" in argv and port.encode() in argv:
                servers.append(proc.name)
    assert len(servers) == 1
    children = []
    for task in Path(f"/proc/{servers[0]}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    workers = []
    for pid in children:  # leave out multiprocessing's resource tracker
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                workers.append(pid)
        except OSError:
            continue
    return workers


def test_a_worker_that_dies_is_replaced(gold_trig: Path, serve_graph: Callable) -> None:
    import os
    import signal

    with serve_graph(gold_trig, "--workers", "2", "--timeout", "30") as url:
        pids = worker_pids(url)
        assert len(pids) == 2
        os.kill(pids[0], signal.SIGKILL)
        statuses = []
        for _ in range(6):
            response = httpx.get(f"{url}/sparql", params={"query": MOU_COUNT}, headers={"Accept": "text/csv"}, timeout=300)
            statuses.append(response.status_code)
            assert response.status_code == 200 or "stopped unexpectedly" in response.text
        assert statuses[-3:] == [200, 200, 200] and statuses.count(500) <= 1
        assert len(worker_pids(url)) == 2 and pids[0] not in worker_pids(url)
