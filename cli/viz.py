"""``lankg viz``: the collaboration network as an offline HTML page, Gephi files and a CSV of node measures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lankg.cli.console import choice, out, reports_errors
from lankg.options import BUILT_GRAPH, OUT_DIR, View


@reports_errors
def viz(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The built graph (.trig, .nq, .ttl or .nt).")] = BUILT_GRAPH,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the page, the Gephi files and the CSV.")] = OUT_DIR,
    view: Annotated[View, choice(View, "view", "--view", help="Which network to draw.")] = View.institutions,
    ego: Annotated[str | None, typer.Option(help="Only the ego network around the institution with this name.")] = None,
) -> None:
    """Write the network page (offline HTML), GEXF and GraphML for Gephi, and a CSV of node measures."""
    from lankg.store.embedded import GraphStore
    from lankg.viz.render import write_view

    written = write_view(GraphStore.from_file(graph), out_dir, view=view, ego=ego)
    table = Table(title=f"lankg viz ({view})", show_header=False, title_justify="left")
    table.add_row("nodes", str(written.nodes))
    table.add_row("links", str(written.edges))
    for path in written.paths:
        table.add_row("wrote", str(path))
    out.print(table)
