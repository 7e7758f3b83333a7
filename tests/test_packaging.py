"""The wheel holds one top-level package, ``lankg``, with its Turtle and SPARQL files inside."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("lankg-*.whl")
    return found


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as zf:
        return zf.namelist()


def test_only_lankg_lands_top_level(wheel: Path) -> None:
    tops = {name.split("/")[0] for name in _names(wheel) if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"lankg"}


def test_subpackages_and_data_files_are_inside(wheel: Path) -> None:
    names = set(_names(wheel))
    for module in ("cli/__init__.py", "graph/build.py", "loaders/facts_json.py", "viz/html.py", "queries/__init__.py"):
        assert f"lankg/{module}" in names
    for ttl in ("lankg.ttl", "alignments.ttl", "scopes.ttl", "shapes.ttl"):
        assert f"lankg/ontology/{ttl}" in names
    assert any(n.startswith("lankg/data/articles/") and n.endswith(".txt") for n in names)
    assert not any(n.startswith("lankg/tests/") or n.startswith("lankg/benchmarks/") for n in names)


def test_rq_files_are_inside(wheel: Path) -> None:
    rq = [n for n in _names(wheel) if n.endswith(".rq")]
    assert rq and all(n.startswith("lankg/queries/") for n in rq)
