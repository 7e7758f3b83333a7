"""Project the knowledge graph into networkx, by declared queries only (queries/network_edges.rq, queries/viz_*.rq).

Three views: ``institutions`` (institutions linked by the agreements they share,
weighted by how many), ``officials`` (officials linked to the institutions they
hold posts in) and ``scopes`` (institutions linked to the scopes of their
agreements). Every node carries ``label`` and ``kind``; institution nodes also
``province``, ``agreements``, ``years``, ``scopes`` and ``sources``. The
agreements themselves are in ``graph.graph["agreements"]`` (iri → AgreementInfo),
so the page can show each one's type, date, parties, scopes and articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox

from lankg.errors import QueryError
from lankg.options import View
from lankg.queries import query_text
from lankg.store import Store

#: The views ``lankg viz --view`` offers.
VIEWS: tuple[str, ...] = tuple(View)

Row = dict[str, str | None]


@dataclass(frozen=True, slots=True)
class AgreementInfo:
    """One agreement as the page shows it."""

    iri: str
    type: str
    date: str | None
    parties: tuple[str, ...]
    scopes: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def query_rows(store: Store, name: str) -> list[Row]:
    """The solutions of the named query as dicts of plain strings (None where unbound)."""
    solutions = store.query(query_text(name))
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"queries/{name}.rq is not a SELECT query")
    names = [v.value for v in solutions.variables]
    rows: list[Row] = []
    for solution in solutions:
        rows.append({n: (None if solution[n] is None else solution[n].value) for n in names})
    return rows


def _agreements(store: Store) -> dict[str, AgreementInfo]:
    parties: dict[str, set[str]] = defaultdict(set)
    meta: dict[str, tuple[str, str | None]] = {}
    for row in query_rows(store, "viz_agreements"):
        iri = str(row["agreement"])
        parties[iri].add(str(row["party"]))
        meta[iri] = (str(row["type"]), row["date"])
    scopes: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(store, "viz_agreement_scopes"):
        scopes[str(row["agreement"])].add(str(row["scopeLabel"]))
    sources: dict[str, set[str]] = defaultdict(set)
    for row in query_rows(store, "viz_agreement_sources"):
        sources[str(row["agreement"])].add(str(row["fileName"]))
    return {
        iri: AgreementInfo(iri, kind, date, tuple(sorted(parties[iri])), tuple(sorted(scopes[iri])), tuple(sorted(sources[iri])))
        for iri, (kind, date) in sorted(meta.items())
    }


def _institutions(store: Store) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for row in query_rows(store, "viz_institutions"):
        found.setdefault(str(row["node"]), row)
    return found


def _add_institution(graph: nx.Graph, iri: str, name: str, institutions: dict[str, Row]) -> None:
    if iri in graph:
        return
    row = institutions.get(iri, {})
    graph.add_node(iri, label=name, kind=row.get("kind") or "OtherInstitution", province=row.get("province") or "")


def _attach_agreements(graph: nx.Graph, agreements: dict[str, AgreementInfo]) -> None:
    """Give institution nodes (and institution–institution edges) their agreements, years, scopes and sources."""
    by_party: dict[str, list[AgreementInfo]] = defaultdict(list)
    for info in agreements.values():
        for party in info.parties:
            by_party[party].append(info)
    for node, data in graph.nodes(data=True):
        _describe(data, by_party.get(node, []))
    graph.graph["agreements"] = agreements


def _describe(data: dict[str, object], mine: list[AgreementInfo]) -> None:
    """A node's agreements and the years, scopes and sources the page filters and shows them by."""
    data["agreements"] = [a.iri for a in mine]
    data["years"] = sorted({a.year for a in mine if a.year})
    data["scopes"] = sorted({s for a in mine for s in a.scopes})
    data["sources"] = sorted({s for a in mine for s in a.sources})


def institution_network(store: Store) -> nx.Graph:
    """Institutions that share an agreement, the edge weighted by how many they share."""
    institutions = _institutions(store)
    agreements = _agreements(store)
    by_pair: dict[frozenset[str], list[AgreementInfo]] = defaultdict(list)
    for info in agreements.values():
        for i, a in enumerate(info.parties):
            for b in info.parties[i + 1 :]:
                by_pair[frozenset((a, b))].append(info)
    graph: nx.Graph[str] = nx.Graph(view="institutions")
    for row in query_rows(store, "network_edges"):
        source, target = str(row["source"]), str(row["target"])
        _add_institution(graph, source, str(row["sourceName"]), institutions)
        _add_institution(graph, target, str(row["targetName"]), institutions)
        shared = by_pair.get(frozenset((source, target)), [])
        graph.add_edge(
            source,
            target,
            weight=int(str(row["weight"])),
            agreements=[a.iri for a in shared],
            years=sorted({a.year for a in shared if a.year}),
            scopes=sorted({s for a in shared for s in a.scopes}),
        )
    _attach_agreements(graph, agreements)
    return graph


def _linked_to_institutions(
    store: Store, view: str, query: str, kind: str, node_of: Callable[[Row], tuple[str, str]],
    edge_of: Callable[[Row, str, str], tuple[str, str, dict[str, Any]]],
) -> tuple[nx.Graph[str], dict[str, AgreementInfo]]:
    """Institutions linked to nodes of another ``kind``, one row of ``query`` a link, with the agreements attached.

    ``node_of(row)`` is the other node and its label; ``edge_of(row, node, institution)``
    the link's two ends, in the order the view has always written them, and its attributes.
    """
    institutions = _institutions(store)
    graph: nx.Graph[str] = nx.Graph(view=view)
    for row in query_rows(store, query):
        (node, label), institution = node_of(row), str(row["institution"])
        _add_institution(graph, institution, str(row["institutionName"]), institutions)
        graph.add_node(node, label=label, kind=kind, province="")
        a, b, attributes = edge_of(row, node, institution)
        graph.add_edge(a, b, **attributes)
    agreements = _agreements(store)
    _attach_agreements(graph, agreements)
    return graph, agreements


def official_network(store: Store) -> nx.Graph:
    """Officials linked to the institutions they hold a post in (the edge carries the post titles)."""
    graph, agreements = _linked_to_institutions(
        store, "officials", "viz_officials", "Official",
        lambda row: (str(row["official"]), str(row["officialName"])),
        lambda row, official, institution: (official, institution, {"weight": 1, "posts": row["posts"] or ""}),
    )
    # an official is party to nothing: they take the agreements they signed or saw signed, so the
    # year and scope filters keep them beside their institutions
    attended: dict[str, list[AgreementInfo]] = defaultdict(list)
    for row in query_rows(store, "viz_agreement_officials"):
        if str(row["agreement"]) in agreements:
            attended[str(row["official"])].append(agreements[str(row["agreement"])])
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Official":
            _describe(data, attended.get(node, []))
    return graph


def scope_network(store: Store) -> nx.Graph:
    """Institutions linked to the scopes of their agreements, weighted by how many agreements have that scope."""
    graph, agreements = _linked_to_institutions(
        store, "scopes", "viz_scopes", "Scope",
        lambda row: (str(row["scope"]), str(row["scopeLabel"])),
        lambda row, scope, institution: (institution, scope, {"weight": int(str(row["weight"])), "scopes": [str(row["scopeLabel"])]}),
    )
    for node, data in graph.nodes(data=True):
        if data["kind"] == "Scope":
            mine = [a for a in agreements.values() if data["label"] in a.scopes]
            _describe(data, mine)
            data["scopes"] = [data["label"]]
    for a, b, data in graph.edges(data=True):
        shared = set(graph.nodes[a]["agreements"]) & set(graph.nodes[b]["agreements"])
        data["agreements"] = sorted(shared)
        data["years"] = sorted({year for i in shared if (year := agreements[i].year)})
    return graph


def project(store: Store, view: str = "institutions") -> nx.Graph:
    """The networkx graph of ``view`` (one of ``VIEWS``)."""
    builders = {View.institutions: institution_network, View.officials: official_network, View.scopes: scope_network}
    try:
        chosen = View(view)
    except ValueError:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}") from None
    return builders[chosen](store)
