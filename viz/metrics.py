"""Network measures of a projected graph: degree, weighted degree, betweenness, communities, and LAN's ego network."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

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


def find_node(graph: nx.Graph, name: str) -> str | None:
    """The node whose label is ``name`` (case-insensitive), or None."""
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
