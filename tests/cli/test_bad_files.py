"""Every `lankg` command given a missing, empty, binary or garbage input file: non-zero exit, `error: <path>`, no traceback.

Real processes; they are started two at a time by a module fixture (each
takes about a second to import lankg), and each case then checks its own.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
ARTICLE = ROOT / "data" / "articles" / "000_c565890aab359401.txt"

CONTENT = {
    "empty": {".txt": b"", ".json": b"", ".trig": b"", ".rq": b"", ".yaml": b""},
    "binary": dict.fromkeys((".txt", ".json", ".trig", ".rq", ".yaml"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
    "garbage": {
        ".txt": b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        ".json": b'{"doc": "a.txt", "events": [1, 2',
        ".trig": b"@prefix : <urn:x#> .\n:a :b ] garbage {{{ \n",
        ".rq": b"#+ summary: [unclosed\nSELECT * WHERE { }\n",
        ".yaml": b"judgements: [\n  - left: a\n",
    },
}

#: command -> (suffix of its input, the arguments given the bad path and a scratch folder)
COMMANDS = {
    "extract": (".txt", lambda p, t: ["extract", str(p), "--out", str(t / "facts")]),
    "eval": (".json", lambda p, t: ["eval", "--gold", str(p if not p.suffix else p.parent), "--pred", str(GOLD_DIR)]),
    "build": (".txt", lambda p, t: ["build", str(p), "--out", str(t / "out")]),
    "build-facts": (".json", lambda p, t: ["build", str(p), "--out", str(t / "out")]),
    "build-judgements": (".yaml", lambda p, t: ["build", str(ARTICLE), "--judgements", str(p), "--out", str(t / "out")]),
    "validate": (".trig", lambda p, t: ["validate", str(p)]),
    "export": (".trig", lambda p, t: ["export", "--graph", str(p), "--out", str(t / "export.ttl")]),
    "query": (".trig", lambda p, t: ["query", "events_timeline", "--graph", str(p)]),
    "query-file": (".rq", lambda p, t: ["query", "--file", str(p)]),
    "serve": (".trig", lambda p, t: ["serve", "--graph", str(p), "--port", str(free_port())]),
    "entities": (".json", lambda p, t: ["entities", str(p)]),
    "viz": (".trig", lambda p, t: ["viz", "--graph", str(p), "--out", str(t / "viz")]),
}
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


KINDS = ("missing", "empty", "binary", "garbage")
CASES = [(command, kind) for command in COMMANDS for kind in KINDS]


def _prepare(tmp: Path, command: str, kind: str) -> tuple[Path, list[str], Path]:
    suffix, arguments = COMMANDS[command]
    folder = tmp / f"{command}-{kind}"
    folder.mkdir()
    inputs = folder / "in"
    inputs.mkdir()
    path = inputs / f"input{suffix}"
    if kind == "missing":
        path = inputs / "absent" if command == "eval" else inputs / f"absent{suffix}"
    else:
        path.write_bytes(CONTENT[kind][suffix])
    named = path
    return named, arguments(path, folder), folder


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Path, subprocess.CompletedProcess[str], Path]]:
    tmp = tmp_path_factory.mktemp("bad-files")
    prepared = {case: _prepare(tmp, *case) for case in CASES}
    env = {**os.environ, "COLUMNS": "400"}

    def run(case: tuple[str, str]) -> subprocess.CompletedProcess[str]:
        _, args, folder = prepared[case]
        command = [sys.executable, "-m", "lankg", *args]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder, env=env,
                                 start_new_session=True)
        try:
            stdout, stderr = child.communicate(timeout=90)
        except subprocess.TimeoutExpired:  # e.g. a server that accepted the bad graph and kept running: stop it and its workers
            os.killpg(child.pid, signal.SIGKILL)
            stdout, stderr = child.communicate()
            stderr += "\n(still running after 90 s: killed)"
        return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(CASES, pool.map(run, CASES), strict=True))
    return {case: (prepared[case][0], results[case], prepared[case][2]) for case in CASES}


@pytest.mark.parametrize(("command", "kind"), CASES)
def test_bad_input_file(outcomes: dict, command: str, kind: str) -> None:
    path, result, folder = outcomes[(command, kind)]
    assert result.returncode != 0, result.stdout[-500:]
    assert "Traceback" not in result.stderr + result.stdout
    assert f"error: {path}" in result.stderr, result.stderr[-1000:]
    assert not (folder / "out").exists() and not (folder / "viz").exists() and not (folder / "export.ttl").exists()
