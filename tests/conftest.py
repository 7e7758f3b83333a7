"""Shared fixtures: the bundled sample data, the gold facts built once (as records, a dataset, a store, files, a live
endpoint and a `lankg serve` process), and a helper for external programs."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from rdflib import Dataset

from lankg.endpoint import create_app
from lankg.graph.build import build_dataset
from lankg.loaders.anchor import anchor_spans
from lankg.loaders.facts_json import read_facts
from lankg.pipeline import BuildResult, run_build
from lankg.records import FactBundle
from lankg.store import files as export
from lankg.store.embedded import GraphStore
from lankg.viz.html import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SAMPLE_ARTICLES = ROOT / "data" / "articles"
GOLD_DIR = TESTS / "data" / "gold"
#: The shared folder beside the repository (development set, reference scorer); LANKG_SHARED points elsewhere.
SHARED = Path(os.environ.get("LANKG_SHARED", ROOT.parent / "shared"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every hypothesis test is a ``fuzz`` test, so ``-m 'not fuzz'`` leaves them all out."""
    for item in items:
        if getattr(getattr(item, "function", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)


def shared_path(*parts: str) -> Path:
    """A path under the shared folder; skip the test, saying why, when it is not there.

    The development set holds third-party news pages, so it is read in place
    and never copied into the repository.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists() and os.environ.get("LANKG_REQUIRE_EXTERNAL"):
        pytest.fail(f"{path} is not here, and CI runs the tests that read the development set in place")
    if not path.exists():
        pytest.skip(f"{path} is not here (the development set and reference scorer live in ../shared; set LANKG_SHARED)")
    return path


def require_program(path_or_name: str) -> str:
    """The program's path; skip the test when it is missing, unless CI demands every program."""
    found = path_or_name if os.path.exists(path_or_name) else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed (make system-deps installs it)"
    if os.environ.get("LANKG_REQUIRE_EXTERNAL"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def sample_articles() -> Path:
    return SAMPLE_ARTICLES


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD_DIR




@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Debian chromium (a Playwright persistent context with a new empty profile) for the session."""
    executable = require_program("/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield context
        context.close()


# -- the gold facts, built once -------------------------------------------------


def gold_bundles() -> list[FactBundle]:
    """The five gold facts files as curated bundles, spans found in their articles."""
    bundles = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        bundle = read_facts(path, curated=True)
        bundles.append(anchor_spans(bundle, (SAMPLE_ARTICLES / bundle.doc).read_text(encoding="utf-8")))
    return bundles


@pytest.fixture(scope="session")
def gold() -> list[FactBundle]:
    return gold_bundles()


@pytest.fixture(scope="session")
def gold_facts_dir() -> Path:
    return GOLD_DIR


@pytest.fixture(scope="session")
def gold_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """``run_build`` of the gold facts folder (validated, not reasoned)."""
    out = tmp_path_factory.mktemp("gold-build")
    return run_build([GOLD_DIR], out, judgements=None)


@pytest.fixture(scope="session")
def gold_dataset() -> Dataset:
    ds, _ = build_dataset([read_facts(p) for p in sorted(GOLD_DIR.glob("*.json"))])
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


@pytest.fixture(scope="session")
def gold_trig(gold_files: dict[str, Path]) -> Path:
    """The gold facts built into a graph and exported as graph.trig, as `lankg build` would."""
    return gold_files["trig"]


@pytest.fixture(scope="session")
def require() -> Callable[[str], str]:
    """``require_program`` as a fixture."""
    return require_program


# -- the endpoint, in this process and as `lankg serve` ---------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: The live endpoint's limits: small enough that the tests can cross them.
ENDPOINT_TIMEOUT = 4.0
ENDPOINT_MAX_ROWS = 1000


@pytest.fixture(scope="session")
def endpoint(gold_files: dict[str, Path]) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 serving the gold graph; yields its base URL."""
    port = free_port()
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


@contextlib.contextmanager
def serve(graph: Path, *options: str) -> Iterator[str]:
    """Run ``lankg serve`` on a free 127.0.0.1 port until the block ends; yields the base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lankg", "serve", "--graph", str(graph), "--port", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                pytest.fail(f"lankg serve exited with {process.returncode}: {process.stderr.read().decode() if process.stderr else ''}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/status", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail("lankg serve did not start answering")
            time.sleep(0.1)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and its query workers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr:
            process.stderr.close()


@pytest.fixture(scope="session")
def serve_graph() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """``serve_graph(path, *options)``: a context manager running `lankg serve` on it."""
    return serve
