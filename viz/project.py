"""Project the knowledge graph into networkx by a declared query (queries/network_edges.rq)."""

from __future__ import annotations

import networkx as nx
from rdflib import Dataset

from lankg.graph.export import union_graph
from lankg.queries import query_text


def institution_network(ds: Dataset) -> nx.Graph:
    """Institutions that share an agreement, the edge weighted by how many they share."""
    graph = nx.Graph()
    for row in union_graph(ds).query(query_text("network_edges")):
        graph.add_node(str(row.source), label=str(row.sourceName))
        graph.add_node(str(row.target), label=str(row.targetName))
        graph.add_edge(str(row.source), str(row.target), weight=int(row.weight))
    return graph
