"""Hostile curated facts files (tests/data/hostile/facts_files.json): each is skipped with its file and field named, and the rest builds.

One real `lankg build` takes the sample corpus and every hostile file at
once: it must exit 0 without a traceback, report each hostile file on its
own `skipped:` line, and write outputs that pyoxigraph, rdflib and
`lankg validate` all read back. The same files are also read one by one in
process, where the exact message is checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from lankg.errors import InputError
from lankg.loaders import articles_by_name, read_curated

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "hostile" / "facts_files.json"
MANIFEST: dict[str, Any] = json.loads(CORPUS.read_text(encoding="utf-8"))
CASES: dict[str, dict[str, Any]] = MANIFEST["cases"]
SAMPLE = ROOT / "data" / "articles"
_HOLE = "\ue000HOSTILE\ue000"


def hostile_text(name: str) -> str:
    """The facts file of case ``name``: the base file, its doc renamed, with the raw JSON of the case at its path."""
    case = CASES[name]
    data = json.loads((ROOT / MANIFEST["base"]).read_text(encoding="utf-8"))
    data["doc"] = case.get("doc", f"{name}.txt")
    *parents, last = case["path"]
    target = data
    for key in parents:
        target = target[key]
    target[last] = _HOLE
    return json.dumps(data, ensure_ascii=False, indent=1).replace(json.dumps(_HOLE, ensure_ascii=False), case["json"])


def write_cases(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name in CASES:
        path = folder / f"{name}.json"
        path.write_text(hostile_text(name), encoding="utf-8")
        paths[name] = path
    return paths


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_file_is_refused_naming_file_and_field(tmp_path: Path, name: str) -> None:
    path = write_cases(tmp_path)[name]
    with pytest.raises(InputError) as refused:
        read_curated(path, articles_by_name(sorted(SAMPLE.glob("*.txt"))))
    assert refused.value.path == path
    assert CASES[name]["message"] in str(refused.value)


def test_the_base_file_itself_is_accepted() -> None:
    """Control: without its hostile value, each case's file would load (so the refusal is the value's doing)."""
    bundle = read_curated(ROOT / MANIFEST["base"], articles_by_name(sorted(SAMPLE.glob("*.txt"))))
    assert bundle.curated and bundle.source.sha256 is not None


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("hostile-build")
    paths = write_cases(root / "hostile")
    out = root / "out"
    result = subprocess.run(
        [sys.executable, "-m", "lankg", "build", str(SAMPLE), str(root / "hostile"), "--out", str(out), "--no-validate", "-j", "1"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "2000"},
    )
    return result, out, paths


def test_the_build_skips_every_hostile_file_and_builds_the_rest(hostile_build: tuple) -> None:
    result, out, paths = hostile_build
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == len(CASES)
    for name, path in paths.items():
        assert any(line.startswith(f"skipped: {path}: ") for line in skipped), name
    trig = ox.Store()
    trig.bulk_load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    articles = {q.object.value for q in trig.quads_for_pattern(None, ox.NamedNode("https://w3id.org/lankg/ontology#fileName"), None)}
    assert articles == {p.name for p in SAMPLE.glob("*.txt")}  # every sample article, and no hostile doc


def test_the_outputs_read_back_everywhere(hostile_build: tuple) -> None:
    _, out, _ = hostile_build
    for name in ("graph.ttl", "void.ttl"):
        assert sum(1 for _ in ox.parse(path=str(out / name), format=ox.RdfFormat.TURTLE)) > 0
    check = subprocess.run([sys.executable, "-m", "lankg", "validate", str(out / "graph.trig")], capture_output=True, text=True, timeout=600)
    assert check.returncode in (0, 3) and "Traceback" not in check.stderr
    assert "conforms" in check.stdout or "SHACL violation" in check.stdout
