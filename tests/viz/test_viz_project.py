"""Projection of the gold graph by the declared queries, and its measures, with exact expected values."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from lankg.loaders.facts_json import read_facts
from lankg.names import normalise_key
from lankg.queries import query_text
from lankg.viz.metrics import LAN_NAME, communities, ego_network, find_node, node_metrics
from lankg.viz.project import VIEWS, project, query_rows

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"
BUNDLES = [read_facts(p) for p in sorted(GOLD.glob("*.json"))]


def _lan_partners() -> set[str]:
    return {p for b in BUNDLES for a in b.agreements if LAN_NAME in a.parties for p in a.parties} - {LAN_NAME}


def _labels(graph: nx.Graph) -> dict[str, str]:
    return {d["label"]: n for n, d in graph.nodes(data=True)}


@pytest.mark.parametrize("name", ["network_edges", "viz_institutions", "viz_agreements", "viz_agreement_scopes", "viz_agreement_sources", "viz_agreement_officials", "viz_officials", "viz_scopes"])
def test_projection_queries_are_declared_with_a_summary(name: str) -> None:
    assert re.match(r"#\+ summary: \S", query_text(name))


def test_network_edges_columns_are_unchanged(gold_store) -> None:  # type: ignore[no-untyped-def]
    assert list(query_rows(gold_store, "network_edges")[0]) == ["source", "sourceName", "target", "targetName", "weight"]


def test_institution_view_matches_the_gold_facts(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "institutions")
    labels = _labels(graph)
    partners = _lan_partners()
    assert set(labels) == partners | {LAN_NAME}
    assert len(partners) == 18
    lan = labels[LAN_NAME]
    assert graph.degree(lan) == len(partners)
    assert graph.number_of_edges() == 18
    kinds = {i.name: i.kind for b in BUNDLES for i in b.institutions}
    camel = {"central_agency": "CentralAgency", "regency": "Regency", "city": "City", "free_trade_zone_authority": "FreeTradeZoneAuthority"}
    assert {label: graph.nodes[n]["kind"] for label, n in labels.items()} == {label: camel[kinds[label]] for label in labels}
    banjar = graph.nodes[labels["Kabupaten Banjar"]]
    assert banjar["province"] == "Provinsi Kalimantan Selatan"
    assert banjar["years"] == ["2022"]
    assert banjar["sources"] == ["000_c565890aab359401.txt"]
    assert graph.nodes[lan]["years"] == ["2019", "2021", "2022"]
    assert graph.nodes[lan]["province"] == ""
    assert graph.nodes[labels["Kota Ambon"]]["years"] == []  # its agreement has no date
    agreements = graph.graph["agreements"]
    # 23 agreement records in 5 articles; articles reporting the same ceremony give the same agreement
    assert sum(len(b.agreements) for b in BUNDLES) == 23
    assert len(agreements) == len({frozenset(a.parties) for b in BUNDLES for a in b.agreements}) == 18
    assert len(graph.nodes[lan]["agreements"]) == 18
    edge = graph.edges[lan, labels["Kabupaten Banjar"]]
    assert edge["weight"] == 1 and edge["years"] == ["2022"]
    assert "manajemen ASN" in edge["scopes"]


def test_officials_view_links_each_official_to_their_institution(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "officials")
    expected = {(normalise_key(o.name), o.institution) for b in BUNDLES for o in b.officials if o.institution and o.position}
    officials = [n for n, d in graph.nodes(data=True) if d["kind"] == "Official"]
    assert len(officials) == len(expected) == 24
    assert graph.number_of_edges() == 24
    assert all(graph.degree(n) == 1 for n in officials)
    lan = _labels(graph)[LAN_NAME]
    assert graph.nodes[lan]["kind"] == "CentralAgency"
    assert graph.degree(lan) == len({k for k, inst in expected if inst == LAN_NAME})


def test_officials_carry_the_agreements_they_signed_or_saw_signed_so_the_year_filter_keeps_them(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "officials")
    labels = _labels(graph)
    banjar = graph.nodes[labels["Saidi Mansyur"]]  # Bupati Banjar, signed in 2022
    assert banjar["years"] == ["2022"] and banjar["sources"] == ["000_c565890aab359401.txt"]
    assert len(banjar["agreements"]) == 1 and "manajemen ASN" in banjar["scopes"]
    # a witness in 001, whose ceremony the graph holds no agreement of (only an earlier, undated one)
    assert graph.nodes[labels["Frans J. Papilaya"]]["agreements"] == []
    officials = {d["label"]: d for d in graph.nodes.values() if d["kind"] == "Official"}
    # before, every official had no year, so choosing a year hid them all
    assert {k for k, d in officials.items() if not d["years"]} == {
        "Frans J. Papilaya", "Asman Abnur", "Dwi Wahyu Atmaji", "Anwar Sanusi"}  # the 001 ceremony
    assert officials["Adi Suryanto"]["years"] == ["2019", "2021", "2022"]  # Kepala LAN signed in all three


def test_scopes_view_is_bipartite_and_weighted_by_agreements(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "scopes")
    scopes = {n for n, d in graph.nodes(data=True) if d["kind"] == "Scope"}
    assert nx.is_bipartite(graph) and all(graph.degree(s) > 0 for s in scopes)
    lan = _labels(graph)[LAN_NAME]
    scope_of = {graph.nodes[s]["label"]: s for s in scopes}
    info = graph.graph["agreements"].values()
    for label, node in scope_of.items():
        assert graph.edges[lan, node]["weight"] == sum(1 for a in info if label in a.scopes)


def test_unknown_view_is_refused(gold_store) -> None:  # type: ignore[no-untyped-def]
    assert VIEWS == ("institutions", "officials", "scopes")
    with pytest.raises(ValueError, match="unknown view 'people'"):
        project(gold_store, "people")


def test_metrics_on_the_gold_star(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "institutions")
    metrics = {m.label: m for m in node_metrics(graph)}
    lan = metrics[LAN_NAME]
    assert (lan.degree, lan.weighted_degree, lan.betweenness) == (18, 18, 1.0)
    assert all(m.degree == 1 and m.betweenness == 0.0 for label, m in metrics.items() if label != LAN_NAME)
    assert len({m.community for m in metrics.values()}) == 1  # a star is one community


def test_weighted_degree_and_betweenness_exact() -> None:
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=3)
    graph.add_edge("b", "c", weight=1)
    graph.add_edge("c", "d", weight=2)
    for n in graph:
        graph.nodes[n]["label"] = n.upper()
    metrics = {m.node: m for m in node_metrics(graph)}
    assert [metrics[n].weighted_degree for n in "abcd"] == [3, 4, 3, 2]
    assert [metrics[n].betweenness for n in "abcd"] == [0.0, round(2 / 3, 6), round(2 / 3, 6), 0.0]


def test_communities_are_deterministic_and_find_two_cliques() -> None:
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(["a1", "a2", "a3", "a4", "a5"]).edges, weight=1)
    graph.add_edges_from(nx.complete_graph(["b1", "b2", "b3", "b4"]).edges, weight=1)
    graph.add_edge("a1", "b1", weight=1)
    first = communities(graph)
    assert first == communities(graph)
    assert first == {**{f"a{i}": 0 for i in range(1, 6)}, **{f"b{i}": 1 for i in range(1, 5)}}


def test_ego_network_around_lan_and_a_regency(gold_store) -> None:  # type: ignore[no-untyped-def]
    graph = project(gold_store, "institutions")
    assert ego_network(graph).number_of_nodes() == 19
    banjar = ego_network(graph, "kabupaten banjar")
    assert sorted(d["label"] for _, d in banjar.nodes(data=True)) == ["Kabupaten Banjar", LAN_NAME]
    assert banjar.graph["ego"] == find_node(graph, "Kabupaten Banjar")
    assert len(ego_network(graph, "Kabupaten Banjar", radius=2)) == 19
    with pytest.raises(KeyError):
        ego_network(graph, "Lembaga Tidak Ada")
