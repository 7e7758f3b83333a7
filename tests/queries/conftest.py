"""Fixtures for the query tests: the graph of the gold facts, as a store and as exported files, and a live endpoint."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from rdflib import Dataset

from lankg.endpoint import create_app
from lankg.graph.build import build_dataset
from lankg.loaders.facts_json import read_facts
from lankg.store import files as export
from lankg.store.embedded import GraphStore

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


@pytest.fixture(scope="session")
def gold_dataset() -> Dataset:
    ds, _ = build_dataset([read_facts(p) for p in sorted(GOLD.glob("*.json"))])
    return ds


@pytest.fixture(scope="session")
def gold_store(gold_dataset: Dataset) -> GraphStore:
    return GraphStore.from_dataset(gold_dataset)


@pytest.fixture(scope="session")
def gold_files(gold_dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The gold graph exported as `lankg build` exports it: graph.trig (named graphs) and graph.ttl (union)."""
    folder = tmp_path_factory.mktemp("gold-graph")
    files = {"trig": folder / "graph.trig", "ttl": folder / "graph.ttl"}
    export.write(gold_dataset, files["trig"], "trig")
    export.write(gold_dataset, files["ttl"], "ttl")
    return files


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


#: The live endpoint's limits: small enough that the tests can cross them.
ENDPOINT_TIMEOUT = 4.0
ENDPOINT_MAX_ROWS = 1000


@pytest.fixture(scope="session")
def endpoint(gold_files: dict[str, Path]) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 serving the gold graph; yields its base URL."""
    port = _free_port()
    app = create_app(gold_files["trig"], timeout=ENDPOINT_TIMEOUT, max_rows=ENDPOINT_MAX_ROWS)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the SPARQL endpoint did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)
