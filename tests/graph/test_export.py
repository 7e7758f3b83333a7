"""Exports: golden graph, round trips in every format, byte-identical rebuilds, independent parsers, VoID."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF
from typer.testing import CliRunner

from lankg.cli import app
from lankg.fileio import write_text_atomic
from lankg.graph.build import build_dataset
from lankg.graph.describe import dataset_iri, describe
from lankg.ontology.namespaces import DEFAULT_BASE, SD, VOID
from lankg.pipeline import BuildResult, run_build
from lankg.records import FactBundle
from lankg.store.files import FORMATS, serialise, union_graph, write

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "gold_facts.ttl"
runner = CliRunner()


def _facts_graph(gold: list[FactBundle]) -> Graph:
    ds, _ = build_dataset(gold, gazetteer=False)
    return union_graph(ds)


def test_gold_facts_build_the_golden_graph(gold: list[FactBundle]) -> None:
    """tests/golden/gold_facts.ttl is the reviewed graph of the gold facts (no gazetteer).

    Regenerate after an intended change with LANKG_UPDATE_GOLDEN=1 and review the diff.
    """
    built = _facts_graph(gold)
    if os.environ.get("LANKG_UPDATE_GOLDEN"):
        write_text_atomic(GOLDEN, built.serialize(format="longturtle"))
    golden = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(built, golden):
        _, only_built, only_golden = graph_diff(to_isomorphic(built), to_isomorphic(golden))
        print("only in built:\n" + "\n".join(sorted(f"  {t}" for t in only_built.serialize(format="nt").splitlines())[:50]))
        print("only in golden:\n" + "\n".join(sorted(f"  {t}" for t in only_golden.serialize(format="nt").splitlines())[:50]))
        pytest.fail(f"built graph differs from {GOLDEN.name}: {len(only_built)} only in built, {len(only_golden)} only in golden")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_round_trips_to_the_same_graph(gold_build: BuildResult, tmp_path: Path, fmt: str) -> None:
    ds = gold_build.dataset
    path = tmp_path / f"graph.{fmt}"
    write(ds, path, fmt)
    if fmt == "trig":
        back = Dataset()
        back.parse(path, format="trig")
        originals = {g.identifier: g for g in ds.graphs() if len(g)}
        parsed = {g.identifier: g for g in back.graphs() if len(g)}
        assert set(parsed) == set(originals)
        for name, graph in originals.items():
            assert isomorphic(graph, parsed[name]), name
    else:
        back_graph = Graph().parse(path, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
        assert isomorphic(back_graph, union_graph(ds))


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path, gold_facts_dir: Path) -> None:
    first = run_build([gold_facts_dir], tmp_path / "one")
    second = run_build([gold_facts_dir], tmp_path / "two")
    for a, b in zip(first.outputs, second.outputs, strict=True):
        if a.suffix in (".ttl", ".trig"):
            assert a.read_bytes() == b.read_bytes(), a.name
    for fmt in FORMATS:
        assert serialise(first.dataset, fmt) == serialise(second.dataset, fmt), fmt


def test_void_description_counts_what_the_dataset_holds(gold_build: BuildResult) -> None:
    ds = gold_build.dataset
    void = describe(ds, DEFAULT_BASE)
    me = dataset_iri(DEFAULT_BASE)
    assert int(void.value(me, VOID.triples)) == len(union_graph(ds))
    graphs = {void.value(s, SD.name) for s in void.objects(me, VOID.subset)}
    assert URIRef(f"{DEFAULT_BASE}graph/gazetteer") in graphs and len(graphs) == 8
    counts = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities)) for p in void.objects(me, VOID.classPartition)}
    assert counts[URIRef("https://w3id.org/lankg/ontology#SourceArticle")] == 5
    assert void.value(me, URIRef("http://purl.org/dc/terms/license")) is not None
    text = (gold_build.outputs[0].parent / "void.ttl").read_text(encoding="utf-8")
    assert "dateTime" not in text and "modified" not in text and "issued" not in text


def test_export_command_writes_each_format_from_the_built_trig(gold_build: BuildResult, tmp_path: Path) -> None:
    trig = gold_build.outputs[0].parent / "graph.trig"
    for fmt in ("ttl", "nt", "jsonld", "trig"):
        target = tmp_path / f"export.{fmt}"
        result = runner.invoke(app, ["export", "--graph", str(trig), "--format", fmt, "--out", str(target), "--void", str(tmp_path / "void.ttl")])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    exported = Graph().parse(tmp_path / "export.ttl", format="turtle")
    assert isomorphic(exported, union_graph(gold_build.dataset))
    assert (dataset_iri(DEFAULT_BASE), RDF.type, VOID.Dataset) in Graph().parse(tmp_path / "void.ttl")


def test_export_names_a_missing_or_broken_graph_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--graph", str(tmp_path / "none.trig")])
    assert result.exit_code == 2
    assert "none.trig: no such file" in result.output
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> {", encoding="utf-8")
    result = runner.invoke(app, ["export", "--graph", str(broken), "--out", str(tmp_path / "x.ttl")])
    assert result.exit_code == 2
    assert "broken.trig" in result.output and "not valid TriG" in result.output
    assert not (tmp_path / "x.ttl").exists()
    result = runner.invoke(app, ["export", "--graph", str(broken), "--format", "rdfxml"])
    assert result.exit_code == 2 and "unknown export format" in result.output


def test_rapper_parses_the_exported_turtle_and_trig(gold_build: BuildResult, require: Callable[[str], str]) -> None:
    rapper = require("rapper")
    out = gold_build.outputs[0].parent
    expected = {"graph.ttl": len(union_graph(gold_build.dataset)), "graph.trig": sum(len(g) for g in gold_build.dataset.graphs())}
    for name, syntax in (("graph.ttl", "turtle"), ("graph.trig", "trig")):
        run = subprocess.run([rapper, "-i", syntax, "-c", str(out / name)], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert f"returned {expected[name]} triples" in run.stderr


def _jena_classpath(tmp: Path) -> str:
    """Jena's jars plus only the libraries riot needs (one slf4j binding), and the regex messages Debian's jar lacks."""
    java_dir = Path("/usr/share/java")
    jars = sorted(p for p in java_dir.glob("jena-*.jar") if not any(ch.isdigit() for ch in p.stem))
    libs = ["slf4j-api", "slf4j-simple", "commons-lang3", "commons-io", "commons-codec", "commons-compress", "commons-cli",
            "commons-csv", "dexx.collection", "guava", "thrift", "jsonld-java", "jackson-core", "jackson-databind",
            "jackson-annotations", "gson", "titanium-json-ld", "jakarta.json-api", "protobuf", "httpclient", "httpcore"]
    # Debian's jena-core carries xerces.* classes whose regex message bundle only exists under the shaded package name
    bundle = tmp / "xerces" / "impl" / "xpath" / "regex" / "message.properties"
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(java_dir / "jena-core.jar") as jar:
        bundle.write_bytes(jar.read("org/apache/jena/ext/xerces/impl/xpath/regex/message.properties"))
    return ":".join([str(tmp), *map(str, jars), *(str(java_dir / f"{lib}.jar") for lib in libs)])


def test_jena_riot_parses_the_exported_turtle_and_trig(gold_build: BuildResult, tmp_path: Path, require: Callable[[str], str]) -> None:
    java = require("java")
    require("/usr/share/java/jena-cmds.jar")
    cp = _jena_classpath(tmp_path / "cp")
    out = gold_build.outputs[0].parent
    union = len(union_graph(gold_build.dataset))
    quads = sum(len(g) for g in gold_build.dataset.graphs())
    for name, label, count in (("graph.ttl", "Triples", union), ("graph.trig", "Quads", quads)):
        run = subprocess.run([java, "-cp", cp, "riotcmd.riot", "--count", str(out / name)], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr[-2000:]
        assert f"{label} = {count:,}" in run.stdout + run.stderr
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    run = subprocess.run([java, "-cp", cp, "riotcmd.riot", "--validate", str(bad)], capture_output=True, text=True, timeout=300)
    assert run.returncode != 0



def test_jsonld_export_is_the_same_under_any_hash_seed(gold_build: BuildResult, tmp_path: Path) -> None:
    """rdflib writes JSON-LD nodes in the order of its hash-based indexes; lankg sorts them, so PYTHONHASHSEED changes nothing."""
    trig = gold_build.outputs[1]
    texts = []
    for seed in ("1", "2", "977"):
        target = tmp_path / f"seed{seed}.jsonld"
        subprocess.run([sys.executable, "-m", "lankg", "export", "-f", "jsonld", "--graph", str(trig), "-o", str(target)],
                       check=True, capture_output=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": seed})
        texts.append(target.read_bytes())
    assert texts[0] == texts[1] == texts[2]
    assert len(Graph().parse(data=texts[0], format="json-ld")) == len(union_graph(gold_build.dataset))
