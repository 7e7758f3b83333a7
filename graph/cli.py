"""``lankg build``, ``lankg validate`` and ``lankg export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lankg.console import err, out, progress, reports_errors
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.pipeline import SAMPLE_CORPUS, run_build


@reports_errors
def build(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Article .txt files, facts .json files, or folders of them. Default: the bundled sample corpus."),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl and network.html.")] = Path("out"),
    base: Annotated[str, typer.Option(help="Base IRI under which instance IRIs are minted.")] = DEFAULT_BASE,
) -> None:
    """Extract facts from articles, build the knowledge graph, and write out/graph.ttl and out/network.html."""
    paths = inputs or [SAMPLE_CORPUS]
    with progress() as bar:
        task = bar.add_task("Reading articles", total=None)
        result = run_build(
            paths,
            out_dir,
            base=base,
            on_start=lambda n: bar.update(task, total=n),
            on_done=lambda p: bar.update(task, advance=1, description=f"Read {p.name}"),
        )
    for error in result.errors:
        err.print(f"[yellow]skipped:[/] {error}", markup=True)
    table = Table(title="lankg build", show_header=False, title_justify="left")
    s = result.stats
    table.add_row("input files", f"{len(result.inputs)} ({len(result.errors)} skipped)")
    table.add_row("articles", str(s.articles))
    table.add_row("institutions", str(len(s.institutions)))
    table.add_row("officials", str(len(s.officials)))
    table.add_row("signing events", str(len(s.events)))
    table.add_row("agreements", str(len(s.agreements)))
    table.add_row("triples", f"{s.triples:,}")
    for path in result.outputs:
        table.add_row("wrote", str(path))
    out.print(table)
