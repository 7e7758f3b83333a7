"""The collaboration network as one self-contained HTML page (pyvis)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyvis.network import Network

from lankg.fileio import write_text_atomic


def write_network_html(graph: nx.Graph, path: Path, *, title: str = "lankg collaboration network") -> None:
    """Render ``graph`` with pyvis and write it to ``path`` atomically."""
    net = Network(height="800px", width="100%", heading=title, cdn_resources="in_line")
    for node, data in sorted(graph.nodes(data=True)):
        net.add_node(str(node), label=str(data.get("label", node)), title=str(data.get("label", node)))
    for a, b, data in sorted(graph.edges(data=True)):
        net.add_edge(str(a), str(b), value=int(data.get("weight", 1)))
    write_text_atomic(path, net.generate_html())
