"""OWL-RL inferences in their own named graph; SHACL validation with a typed, readable report; the store."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

from lankg.cli import app
from lankg.graph.build import build_dataset
from lankg.graph.reason import add_inferred, closure, comparable, inferred_triples
from lankg.graph.validate import validate_graph
from lankg.ontology.namespaces import DEFAULT_BASE, LANKG
from lankg.pipeline import BuildResult
from lankg.records import FactBundle
from lankg.store.embedded import GraphStore
from lankg.store.files import union_graph, write

INFERRED = URIRef(f"{DEFAULT_BASE}graph/inferred")
TANIMBAR = URIRef(f"{DEFAULT_BASE}region/81.03")
runner = CliRunner()


def _one_article(gold: list[FactBundle]) -> list[FactBundle]:
    return [b for b in gold if b.doc.startswith("004_")]


def test_inferences_live_only_in_their_own_named_graph(gold: list[FactBundle]) -> None:
    ds, _ = build_dataset(_one_article(gold), gazetteer=False)
    asserted = union_graph(ds)
    assert (TANIMBAR, RDF.type, LANKG.Institution) not in asserted
    count = add_inferred(ds)
    inferred = ds.graph(INFERRED)
    assert count == len(inferred) > 0
    assert (TANIMBAR, RDF.type, LANKG.Institution) in inferred
    assert (TANIMBAR, RDF.type, LANKG.RegionalGovernment) in inferred
    for graph in ds.graphs():
        if graph.identifier != INFERRED:
            assert (TANIMBAR, RDF.type, LANKG.RegionalGovernment) not in graph
    assert not set(inferred) & set(asserted)
    # running it again replaces the graph rather than growing it
    assert add_inferred(ds) == count


def test_reasonable_and_owlrl_agree_on_the_instance_level_inferences(gold: list[FactBundle]) -> None:
    data = union_graph(build_dataset(_one_article(gold), gazetteer=False)[0])
    fast = comparable(closure(data, "reasonable"), DEFAULT_BASE)
    reference = comparable(closure(data, "owlrl"), DEFAULT_BASE)
    assert fast == reference
    assert inferred_triples(data, engine="owlrl") == inferred_triples(data, engine="reasonable")


def test_gold_graph_conforms_and_build_reports_zero_violations(gold_build: BuildResult) -> None:
    assert gold_build.validation is not None
    assert gold_build.validation.conforms
    assert gold_build.validation.violations == ()


def test_a_broken_agreement_gives_a_typed_violation(gold: list[FactBundle]) -> None:
    g = union_graph(build_dataset(_one_article(gold), gazetteer=False)[0])
    agreement = next(g.subjects(RDF.type, LANKG.MoU))
    g.remove((agreement, LANKG.party, next(g.objects(agreement, LANKG.party))))
    report = validate_graph(g)
    assert not report.conforms
    assert len(report.violations) == 1
    v = report.violations[0]
    assert v.focus == str(agreement)
    assert v.path == str(LANKG.party)
    assert v.shape == "https://w3id.org/lankg/shapes#AgreementShape"
    assert v.severity == "Violation"
    assert v.message == "An agreement needs at least two parties, each a lankg:Institution."


def test_validate_command_prints_the_report_and_exits_3(gold: list[FactBundle], tmp_path: Path) -> None:
    ds, _ = build_dataset(_one_article(gold), gazetteer=False)
    good = tmp_path / "good.trig"
    write(ds, good, "trig")
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output
    official = next(union_graph(ds).subjects(RDF.type, LANKG.Official))
    for graph in ds.graphs():
        graph.remove((official, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    bad = tmp_path / "bad.trig"
    write(ds, bad, "trig")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 3
    assert "SourcedFactShape" in result.output
    assert f"focus:   {official}" in result.output
    assert "path:    http://www.w3.org/ns/prov#wasDerivedFrom" in result.output
    assert "1 SHACL violation(s)" in result.output


def test_validate_names_a_missing_graph_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "out" / "graph.trig")])
    assert result.exit_code == 2
    assert "graph.trig: no such file" in result.output


def test_build_with_reasoning_writes_the_inferred_graph(gold: list[FactBundle], tmp_path: Path, gold_facts_dir: Path) -> None:
    one = tmp_path / "in"
    one.mkdir()
    for path in gold_facts_dir.glob("004_*.json"):
        (one / path.name).write_bytes(path.read_bytes())
    result = runner.invoke(app, ["build", str(one), "--out", str(tmp_path / "out"), "--reason"])
    assert result.exit_code == 0, result.output
    assert "inferred triples" in result.output
    store = GraphStore.from_file(tmp_path / "out" / "graph.trig")
    rows = list(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/lankg/ontology#RegionalGovernment> } }"
    ))
    assert int(rows[0]["n"].value) == 552  # every gazetteer region, typed RegionalGovernment only by inference
    graphs = {r["g"].value for r in store.query(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <https://w3id.org/lankg/ontology#RegionalGovernment> } }"
    )}
    assert graphs == {str(INFERRED)}


def test_store_from_dataset_and_query_with_substitutions_still_work(gold: list[FactBundle]) -> None:
    ds, _ = build_dataset(_one_article(gold), gazetteer=False)
    store = GraphStore.from_dataset(ds)
    assert len(store) == sum(len(g) for g in ds.graphs())
    rows = list(store.query(
        "SELECT ?x ?name WHERE { ?x <https://w3id.org/lankg/ontology#name> ?name }",
        {"x": ox.NamedNode(str(TANIMBAR))},
    ))
    assert [r["name"].value for r in rows] == ["Kabupaten Kepulauan Tanimbar"]
    assert dataclasses.is_dataclass(validate_graph(union_graph(ds)))



def test_store_lists_its_named_graphs(gold_build: BuildResult) -> None:
    store = GraphStore.from_file(gold_build.outputs[0].parent / "graph.trig")
    assert store.named_graphs() == sorted(str(g.identifier) for g in gold_build.dataset.graphs() if len(g))
    assert len(store.named_graphs()) == 8


def test_build_without_validation_leaves_the_count_out(tmp_path: Path, gold_facts_dir: Path) -> None:
    result = runner.invoke(app, ["build", str(gold_facts_dir), "--out", str(tmp_path), "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "SHACL violations" not in result.output
    assert (tmp_path / "void.ttl").exists()
