"""A build killed midway leaves the previous outputs intact: every output is written atomically."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

OUTPUTS = ("graph.ttl", "graph.trig", "network.html")


def _big_corpus(gold_dir: Path, folder: Path, copies: int) -> None:
    folder.mkdir()
    golds = sorted(gold_dir.glob("*.json"))
    for i in range(copies):
        data = json.loads(golds[i % len(golds)].read_text(encoding="utf-8"))
        data["doc"] = f"copy_{i:04d}_{data['doc']}"
        for event in data["events"]:
            if event["date"]:
                event["date"] = f"{2000 + i % 20}-{event['date'][5:]}"
        (folder / f"copy_{i:04d}.json").write_text(json.dumps(data), encoding="utf-8")


def _lankg(*args: str) -> list[str]:
    return [sys.executable, "-m", "lankg", *args]


def test_killed_build_leaves_previous_outputs_intact(tmp_path: Path, gold_dir: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(_lankg("build", str(gold_dir), "--out", str(out)), check=True, capture_output=True)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    corpus = tmp_path / "big"
    _big_corpus(gold_dir, corpus, copies=300)
    proc = subprocess.Popen(_lankg("build", str(corpus), "--out", str(out)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(p.name.startswith(".") for p in out.iterdir()):
                break  # an output is being written right now
            time.sleep(0.001)
        assert proc.poll() is None, "the build finished before it could be killed mid-write"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    after = {name: (out / name).read_bytes() for name in OUTPUTS}
    assert after == before
