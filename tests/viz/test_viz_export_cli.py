"""GEXF, GraphML and the metrics CSV read back; ``lankg viz`` end to end, and its errors."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from lankg.cli import app
from lankg.viz.export import write_gexf, write_graphml, write_metrics_csv
from lankg.viz.metrics import LAN_NAME, node_metrics
from lankg.viz.project import project

runner = CliRunner()


@pytest.fixture(scope="module")
def gold_graph(gold_store) -> nx.Graph:  # type: ignore[no-untyped-def]
    return project(gold_store, "institutions")


@pytest.mark.parametrize(("writer", "reader"), [(write_gexf, nx.read_gexf), (write_graphml, nx.read_graphml)])
def test_gephi_files_read_back_with_attributes_and_measures(gold_graph: nx.Graph, tmp_path: Path, writer, reader) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "network.out"
    writer(gold_graph, path, node_metrics(gold_graph))
    back = reader(path)
    assert set(back.nodes) == set(gold_graph.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in gold_graph.edges}
    lan = next(n for n, d in gold_graph.nodes(data=True) if d["label"] == LAN_NAME)
    attrs = back.nodes[lan]
    assert attrs["label"] == LAN_NAME and attrs["kind"] == "CentralAgency"
    assert int(attrs["degree"]) == 18 and float(attrs["betweenness"]) == 1.0
    assert attrs["years"] == "2019; 2021; 2022"
    assert not list(tmp_path.glob(".*.tmp"))


def test_metrics_csv_has_one_row_per_node(gold_graph: nx.Graph, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    write_metrics_csv(node_metrics(gold_graph), path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 19
    assert list(rows[0]) == ["node", "label", "kind", "degree", "weighted_degree", "betweenness", "community"]
    lan = next(r for r in rows if r["label"] == LAN_NAME)
    assert (lan["degree"], lan["weighted_degree"], lan["betweenness"]) == ("18", "18", "1.0")


def test_lankg_viz_writes_page_gephi_files_and_csv(tmp_path: Path, gold_dir: Path) -> None:
    assert runner.invoke(app, ["build", str(gold_dir), "--out", str(tmp_path)]).exit_code == 0
    result = runner.invoke(app, ["viz", "--graph", str(tmp_path / "graph.trig"), "--out", str(tmp_path / "v")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "v").iterdir())
    assert names == ["network-metrics.csv", "network.gexf", "network.graphml", "network.html"]
    assert nx.read_graphml(tmp_path / "v" / "network.graphml").number_of_nodes() == 19
    assert '"label": "Lembaga Administrasi Negara"' in (tmp_path / "network.html").read_text(encoding="utf-8")


def test_lankg_viz_ego_and_other_views(tmp_path: Path, gold_dir: Path) -> None:
    assert runner.invoke(app, ["build", str(gold_dir), "--out", str(tmp_path)]).exit_code == 0
    trig = str(tmp_path / "graph.trig")
    result = runner.invoke(app, ["viz", "--graph", trig, "--out", str(tmp_path), "--ego", "Kabupaten Banjar"])
    assert result.exit_code == 0, result.output
    assert nx.read_gexf(tmp_path / "network-ego.gexf").number_of_nodes() == 2
    centre = nx.read_gexf(tmp_path / "network-ego.gexf").graph.get("ego") or next(
        n for n, d in nx.read_gexf(tmp_path / "network-ego.gexf").nodes(data=True) if d.get("label") == "Kabupaten Banjar")
    prefixed = "id:" + centre.removeprefix("https://w3id.org/lankg/id/")
    by_iri = runner.invoke(app, ["viz", "--graph", trig, "--out", str(tmp_path / "iri"), "--ego", prefixed])
    assert by_iri.exit_code == 0, by_iri.output
    assert nx.read_gexf(tmp_path / "iri" / "network-ego.gexf").number_of_nodes() == 2
    close = runner.invoke(app, ["viz", "--graph", trig, "--out", str(tmp_path / "close"), "--ego", "Banjar"])
    assert close.exit_code == 2 and "no node named 'Banjar' in the institutions view; did you mean 'Kabupaten Banjar'" in close.output
    result = runner.invoke(app, ["viz", "--graph", trig, "--out", str(tmp_path), "--view", "officials"])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "network-officials.graphml").number_of_edges() == 24


def test_lankg_viz_errors_name_the_problem(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["viz", "--graph", str(tmp_path / "nope.trig"), "--out", str(tmp_path)])
    assert missing.exit_code == 2 and "nope.trig" in missing.output and "no such file" in missing.output
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    broken = runner.invoke(app, ["viz", "--graph", str(bad), "--out", str(tmp_path)])
    assert broken.exit_code == 2 and "bad.trig:1" in broken.output
    good = tmp_path / "empty.ttl"
    good.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n", encoding="utf-8")
    view = runner.invoke(app, ["viz", "--graph", str(good), "--out", str(tmp_path), "--view", "people"])
    assert view.exit_code == 2 and "unknown view 'people'" in view.output
    ego = runner.invoke(app, ["viz", "--graph", str(good), "--out", str(tmp_path), "--ego", "LAN"])
    assert ego.exit_code == 2 and "no node named 'LAN'" in ego.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.trig", "empty.ttl"]
