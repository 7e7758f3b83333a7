"""Two `lankg build` processes with different hash seeds write byte-identical files (graph.ttl, graph.trig, void.ttl, network.html)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

OUTPUTS = ("graph.ttl", "graph.trig", "void.ttl", "network.html")


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("determinism")
    folders = []
    for seed in ("1", "4242"):
        out = root / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "lankg", "build", "--out", str(out)],
                                capture_output=True, text=True, timeout=600, env=env, cwd=root)
        assert result.returncode == 0, result.stderr[-2000:]
        folders.append(out)
    return folders[0], folders[1]


@pytest.mark.parametrize("name", OUTPUTS)
def test_build_outputs_are_byte_identical(two_builds: tuple[Path, Path], name: str) -> None:
    first, second = (folder / name for folder in two_builds)
    assert first.stat().st_size > 0
    assert first.read_bytes() == second.read_bytes()
