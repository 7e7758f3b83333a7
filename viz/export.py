"""The projected network for Gephi (GEXF, GraphML) and its node measures as CSV, all written atomically."""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import networkx as nx

from lankg.fileio import atomic_write, write_text_atomic
from lankg.viz.metrics import NodeMetrics

#: Lists become one string joined by this, since GEXF and GraphML attributes are scalars.
LIST_SEPARATOR = "; "


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, (list, tuple, set)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def gephi_graph(graph: nx.Graph, metrics: list[NodeMetrics] | None = None) -> nx.Graph:
    """A copy of ``graph`` with only scalar attributes (and the measures, if given), as Gephi reads them."""
    flat: nx.Graph[str] = nx.Graph()
    by_node = {m.node: m for m in metrics or []}
    for node, data in sorted(graph.nodes(data=True)):
        attrs = {k: _scalar(v) for k, v in sorted(data.items())}
        if node in by_node:
            m = by_node[node]
            attrs.update(degree=m.degree, weighted_degree=m.weighted_degree, betweenness=m.betweenness, community=m.community)
        flat.add_node(str(node), **attrs)
    for a, b, data in sorted(graph.edges(data=True)):
        flat.add_edge(str(a), str(b), **{k: _scalar(v) for k, v in sorted(data.items())})
    return flat


def write_gexf(graph: nx.Graph, path: Path, metrics: list[NodeMetrics] | None = None) -> None:
    """GEXF 1.2 for Gephi."""
    write_text_atomic(path, "\n".join(nx.generate_gexf(gephi_graph(graph, metrics))) + "\n")


def write_graphml(graph: nx.Graph, path: Path, metrics: list[NodeMetrics] | None = None) -> None:
    """GraphML for Gephi, yEd and Cytoscape."""
    write_text_atomic(path, "\n".join(nx.generate_graphml(gephi_graph(graph, metrics))) + "\n")


def write_metrics_csv(metrics: list[NodeMetrics], path: Path) -> None:
    """One row per node: id, label, kind, degree, weighted degree, betweenness, community."""
    columns = [f.name for f in dataclasses.fields(NodeMetrics)]
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for m in metrics:
            writer.writerow([getattr(m, c) for c in columns])
