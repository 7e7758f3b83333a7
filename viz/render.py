"""One view of the network to files: page, GEXF, GraphML and node-measure CSV (what `lankg viz` and `lankg build` write)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lankg.errors import QueryError
from lankg.options import View
from lankg.store import Store
from lankg.viz.export import write_gexf, write_graphml, write_metrics_csv
from lankg.viz.html import write_network_html
from lankg.viz.metrics import did_you_mean, ego_network, node_labels, node_metrics
from lankg.viz.project import VIEWS, project

_TITLES = {
    View.institutions: "LAN collaboration network: institutions linked by shared agreements",
    View.officials: "LAN collaboration network: officials and their institutions",
    View.scopes: "LAN collaboration network: institutions and the scopes of their agreements",
}


@dataclass(frozen=True, slots=True)
class WrittenView:
    """What ``write_view`` wrote."""

    nodes: int
    edges: int
    paths: tuple[Path, ...]


def file_stem(view: str, ego: str | None = None) -> str:
    """``network`` for the institutions view, ``network-<view>`` for the others; ``-ego`` for an ego network."""
    stem = "network" if view == View.institutions else f"network-{view}"
    return f"{stem}-ego" if ego else stem


def write_view(store: Store, out_dir: Path, *, view: str = "institutions", ego: str | None = None) -> WrittenView:
    """Project ``view`` (optionally the ego network around ``ego``) and write its page, Gephi files and CSV."""
    if view not in VIEWS:
        raise QueryError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    graph = project(store, view)
    title = _TITLES[View(view)]
    if ego:
        try:
            graph = ego_network(graph, ego)
        except KeyError:
            raise QueryError(f"no node named {ego!r} in the {view} view{did_you_mean(ego, node_labels(graph))}") from None
        title += f" (around {ego})"
    metrics = node_metrics(graph)
    stem = file_stem(view, ego)
    paths = (out_dir / f"{stem}.html", out_dir / f"{stem}.gexf", out_dir / f"{stem}.graphml", out_dir / f"{stem}-metrics.csv")
    write_network_html(graph, paths[0], title=title)
    write_gexf(graph, paths[1], metrics)
    write_graphml(graph, paths[2], metrics)
    write_metrics_csv(metrics, paths[3])
    return WrittenView(graph.number_of_nodes(), graph.number_of_edges(), paths)
