"""The network page in real headless Chromium, offline: it loads, matches the graph, filters, and runs no hostile text."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from lankg.viz.html import render_network_html, write_network_html
from lankg.viz.project import institution_network

pytestmark = pytest.mark.browser

#: Anything in the page that makes a browser fetch: src/href attributes, CSS url(), @import.
FETCHING = re.compile(r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?!data:|#)[a-z]+:|url\(\s*["']?\s*(?!data:)[a-z]+:|@import)""", re.I)

HOSTILE_SCRIPT = "Kabupaten </script><script>window.__pwned = 'script'</script>"
HOSTILE_IMG = 'Kota <img src=x onerror="window.__pwned = \'img\'"> <b>bold</b>'


def test_page_has_no_fetching_url(gold_store) -> None:  # type: ignore[no-untyped-def]
    page = render_network_html(institution_network(gold_store))
    assert FETCHING.findall(page) == []
    assert "<script src" not in page and "<link" not in page and "<iframe" not in page
    # the pattern does catch what it must
    assert FETCHING.search('<script src="https://cdn.example/x.js">')
    assert FETCHING.search("background: url('http://example.org/a.png')")


def test_gold_page_loads_offline_and_counts_match(gold_store, offline_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = institution_network(gold_store)
    path = tmp_path / "network.html"
    write_network_html(graph, path)
    offline_page.open(path)
    counts = offline_page.page.evaluate("window.lankgViz.counts()")
    assert counts == {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()} == {"nodes": 19, "edges": 18}
    drawn = offline_page.page.evaluate("Object.keys(window.lankgViz.network.getPositions()).length")
    assert drawn == 19
    legend = offline_page.page.inner_text("#lankg-legend")
    assert "Central agency (3)" in legend and "Regency (13)" in legend
    banjar = next(n for n, d in graph.nodes(data=True) if d["label"] == "Kabupaten Banjar")
    tip = "\n".join(offline_page.page.evaluate(f"Array.from(window.lankgViz.nodes.get({banjar!r}).title.children, c => c.textContent)"))
    assert tip.splitlines()[:3] == ["Kabupaten Banjar", "Regency, Provinsi Kalimantan Selatan", "links: 1, agreements: 1"]
    assert tip.splitlines()[3].startswith("MoU 2022-03-02 with Lembaga Administrasi Negara: inovasi administrasi negara, manajemen ASN")
    assert tip.splitlines()[3].endswith("[000_c565890aab359401.txt]")
    assert offline_page.blocked == [] and offline_page.errors == []


def test_filters_change_what_is_visible(gold_store, offline_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    graph = institution_network(gold_store)
    path = tmp_path / "network.html"
    write_network_html(graph, path)
    offline_page.open(path)
    page = offline_page.page
    # 2019: LAN and BPOM (article 003) only
    expected_2019 = {n for n, d in graph.nodes(data=True) if "2019" in d["years"]}
    counts = page.evaluate("window.lankgViz.setFilter('year', '2019')")
    assert counts == {"nodes": len(expected_2019), "edges": graph.subgraph(expected_2019).number_of_edges()}
    assert counts["nodes"] < 19
    assert set(page.evaluate("window.lankgViz.nodeView.getIds()")) == expected_2019
    assert page.evaluate("window.lankgViz.setFilter('year', '')") == {"nodes": 19, "edges": 18}
    # kind: the 13 regencies, none linked to each other
    assert page.evaluate("window.lankgViz.setFilter('kind', 'Regency')") == {"nodes": 13, "edges": 0}
    assert page.evaluate("window.lankgViz.setFilter('kind', '')") == {"nodes": 19, "edges": 18}
    # province: Maluku holds Kepulauan Tanimbar and Kota Ambon, not linked to each other
    assert page.evaluate("window.lankgViz.setFilter('province', 'Provinsi Maluku')") == {"nodes": 2, "edges": 0}
    assert page.evaluate("window.lankgViz.setFilter('province', '')") == {"nodes": 19, "edges": 18}
    # scope: the nodes and links with an agreement of that scope
    scope = "pembinaan administrasi negara"
    with_scope = {n for n, d in graph.nodes(data=True) if scope in d["scopes"]}
    links = sum(1 for _, _, d in graph.edges(data=True) if scope in d["scopes"])
    assert 1 < len(with_scope) < 19 and links > 0
    assert page.evaluate(f"window.lankgViz.setFilter('scope', {scope!r})") == {"nodes": len(with_scope), "edges": links}
    assert page.inner_text("#lankg-count") == f"{len(with_scope)} of 19 nodes, {links} of 18 links"
    assert page.evaluate("window.lankgViz.setFilter('scope', '')") == {"nodes": 19, "edges": 18}
    # search by name selects the node
    ids = page.evaluate("window.lankgViz.search('ilmu pengetahuan')")
    assert [graph.nodes[i]["label"] for i in ids] == ["Lembaga Ilmu Pengetahuan Indonesia"]
    assert page.evaluate("window.lankgViz.network.getSelectedNodes()") == ids
    assert offline_page.blocked == [] and offline_page.errors == []


def _hostile_graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_node("a", label=HOSTILE_SCRIPT, kind="Regency", province="<i>Prov</i>", years=["2022"], scopes=["<svg onload=alert(1)>"], agreements=[])
    graph.add_node("b", label=HOSTILE_IMG, kind="City", province="", years=["2022"], scopes=[], agreements=[])
    graph.add_edge("a", "b", weight=1, years=["2022"], scopes=[], agreements=[])
    return graph


def test_hostile_labels_show_as_text_and_run_nothing(offline_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "hostile.html"
    write_network_html(_hostile_graph(), path, title="<script>window.__pwned='title'</script>")
    offline_page.open(path)
    page = offline_page.page
    assert page.evaluate("window.lankgViz.counts()") == {"nodes": 2, "edges": 1}
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == "<script>window.__pwned='title'</script>"
    # the tooltip is a DOM element whose text is the name, literally, with no element parsed out of it
    tip = page.evaluate("(() => { const t = window.lankgViz.nodes.get('b').title; return [t.textContent, t.querySelectorAll('img,b,script').length]; })()")
    assert tip[0].startswith(HOSTILE_IMG) and tip[1] == 0
    # hovering shows the tooltip in the page, still as text
    x, y = page.evaluate("(() => { const n = window.lankgViz.network; const p = n.canvasToDOM(n.getPositions(['b']).b); return [p.x, p.y]; })()")
    box = page.locator("#lankg-network").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE_IMG in page.inner_text("div.vis-tooltip")
    assert page.locator("div.vis-tooltip img").count() == 0
    # the search results and the filter options are text too
    page.evaluate("window.lankgViz.search('kota')")
    assert HOSTILE_IMG in page.inner_text("#lankg-found")
    assert page.locator("#lankg-province option", has_text="<i>Prov</i>").count() == 1
    assert page.locator("header img, header svg, header i").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert offline_page.blocked == [] and offline_page.errors == []


def test_network_block_records_attempts(offline_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The guard the other tests rely on: a page that does fetch is caught."""
    path = tmp_path / "online.html"
    path.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/x.png"><body data-ready="true"></body>', encoding="utf-8")
    offline_page.open(path)
    assert offline_page.blocked == ["http://127.0.0.1:9/x.png"]
