"""Network measures of a projected graph: degree, weighted degree, betweenness, communities, and LAN's ego network."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from lankg.ontology.namespaces import expand

#: The institution whose ego network the page and the CLI show by default.
LAN_NAME = "Lembaga Administrasi Negara"

#: Louvain is randomised; a fixed seed makes the communities the same on every run.
COMMUNITY_SEED = 42


@dataclass(frozen=True, slots=True)
class NodeMetrics:
    """The measures of one node."""

    node: str
    label: str
    kind: str
    degree: int
    weighted_degree: int
    betweenness: float
    community: int


def communities(graph: nx.Graph) -> dict[str, int]:
    """Louvain communities (seeded, so deterministic), numbered by size, then by their first node."""
    if graph.number_of_nodes() == 0:
        return {}
    found = nx.community.louvain_communities(graph, weight="weight", seed=COMMUNITY_SEED)
    ordered = sorted((sorted(c) for c in found), key=lambda members: (-len(members), members[0]))
    return {node: index for index, members in enumerate(ordered) for node in members}


def node_metrics(graph: nx.Graph) -> list[NodeMetrics]:
    """Degree, weighted degree, (normalised, unweighted) betweenness and community of every node, by node id."""
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    community = communities(graph)
    return [
        NodeMetrics(
            node=str(node),
            label=str(data.get("label", node)),
            kind=str(data.get("kind", "")),
            degree=int(graph.degree(node)),
            weighted_degree=int(graph.degree(node, weight="weight")),
            betweenness=round(float(betweenness[node]), 6),
            community=community[node],
        )
        for node, data in sorted(graph.nodes(data=True))
    ]


def node_labels(graph: nx.Graph) -> list[str]:
    """The labels of the nodes of ``graph``, sorted."""
    return sorted({str(data.get("label", node)) for node, data in graph.nodes(data=True)})


def did_you_mean(name: str, names: list[str], limit: int = 3) -> str:
    """``; did you mean 'A', 'B'?`` with the closest of ``names`` to ``name`` (rapidfuzz), or "" if none is close."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(name, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=70)
    return f"; did you mean {', '.join(repr(match) for match, _, _ in found)}?" if found else ""


def find_node(graph: nx.Graph, name: str) -> str | None:
    """The node whose label is ``name`` (case-insensitive), or whose IRI ``name`` is (a prefixed name such as ``id:...`` too), or None."""
    iri = expand(name)
    if iri in graph:
        return iri
    wanted = name.casefold()
    for node, data in sorted(graph.nodes(data=True)):
        if str(data.get("label", "")).casefold() == wanted:
            return str(node)
    return None


def ego_network(graph: nx.Graph, name: str = LAN_NAME, radius: int = 1) -> nx.Graph:
    """The nodes within ``radius`` steps of the node labelled ``name``, and the edges among them."""
    centre = find_node(graph, name)
    if centre is None:
        raise KeyError(name)
    ego = nx.ego_graph(graph, centre, radius=radius)
    ego.graph.update(graph.graph, ego=centre)
    return ego
