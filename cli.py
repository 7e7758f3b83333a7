"""The ``lankg`` command: one subcommand per stage of the pipeline."""

from __future__ import annotations

import typer

from lankg import __version__
from lankg.graph import cli as graph_cli
from lankg.loaders import cli as loaders_cli
from lankg.queries import cli as queries_cli
from lankg.viz import cli as viz_cli

app = typer.Typer(
    name="lankg",
    help="Build and query a knowledge graph of LAN's cooperation agreements with Indonesian institutions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lankg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """lankg: from Indonesian news articles to an RDF knowledge graph of institutional cooperation."""


# In the order of the pipeline: articles → facts → graph → queries (→ viz).
app.command()(loaders_cli.extract)
app.command(name="eval")(loaders_cli.eval_command)
app.command()(graph_cli.build)
app.command()(graph_cli.validate)
app.command()(graph_cli.export)
app.command()(graph_cli.entities)
app.command()(queries_cli.query)
app.command()(queries_cli.serve)
app.command()(viz_cli.viz)
