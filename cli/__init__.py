"""The ``lankg`` command: the typer app, with one module per group of subcommands.

This package is the only one that imports typer and rich; the stages below it
(``lankg.pipeline``, ``lankg.graph``, ``lankg.queries``, ...) return values and
raise ``LankgError``\\s. Each command imports the stages it drives when it runs,
so ``lankg --version`` and ``lankg --help`` load no RDF library.
"""

from __future__ import annotations

import typer

from lankg import __version__
from lankg.cli import build, extract, query, viz

app = typer.Typer(
    name="lankg",
    help="Build and query a knowledge graph of LAN's cooperation agreements with Indonesian institutions.",
    no_args_is_help=True,
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
app.command()(extract.extract)
app.command(name="eval")(extract.eval_command)
app.command()(build.build)
app.command()(build.validate)
app.command()(build.export)
app.command()(build.entities)
app.command()(query.query)
app.command()(query.serve)
app.command()(viz.viz)
