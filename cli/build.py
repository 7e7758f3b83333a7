"""``lankg build``, ``lankg validate``, ``lankg export`` and ``lankg entities``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from lankg.cli.console import choice, err, out, progress, reports_errors
from lankg.errors import InputError, UsageError, ValidationError
from lankg.options import BUILT_GRAPH, DEFAULT_ARTICLE_BUDGET, DEFAULT_BASE, OUT_DIR, EntityFormat, EntityKind, ExportFormat
from lankg.values import printable

if TYPE_CHECKING:
    from rdflib import Dataset

    from lankg.graph.validate import ValidationReport


def checked_base(base: str) -> str:
    """The --base option, if instance IRIs can be minted under it; else a UsageError saying why."""
    from lankg import values

    try:
        return values.base_iri(base)
    except ValueError as exc:
        raise UsageError("--base", str(exc)) from None


#: The input files of ``build`` and ``entities``.
Inputs = Annotated[
    list[Path] | None,
    typer.Argument(help="Article .txt files, saved web pages (.html, .htm), facts .json files, or folders of them. Default: the bundled sample corpus."),
]
#: The --base option of the commands that mint IRIs.
Base = Annotated[str, typer.Option(help="Base IRI under which instance IRIs are minted.")]


@reports_errors
def build(
    inputs: Inputs = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.trig, void.ttl, network.html and the extraction cache (.cache).")] = OUT_DIR,
    base: Base = DEFAULT_BASE,
    judgements: Annotated[
        Path | None,
        typer.Option(help="YAML file of hand same/not-same judgements. Default: data/judgements.yaml if it exists."),
    ] = None,
    validate: Annotated[bool, typer.Option("--validate/--no-validate", help="Check the graph against the SHACL shapes.")] = True,
    reason: Annotated[bool, typer.Option("--reason/--no-reason", help="Add OWL-RL inferences in the graph/inferred named graph.")] = False,
    cache: Annotated[
        bool, typer.Option("--cache/--no-cache", help="Reuse facts of unchanged articles from OUT/.cache instead of extracting them again.")
    ] = True,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes extracting articles in parallel.")] = 2,
    article_budget: Annotated[
        float, typer.Option(min=0, help="CPU seconds one article may take to extract; an article past it is reported and skipped (0: no limit).")
    ] = DEFAULT_ARTICLE_BUDGET,
    store: Annotated[
        str | None,
        typer.Option(help="Also load the graph into this SPARQL 1.1 server (its query endpoint URL), graph by graph."),
    ] = None,
    graph_store: Annotated[
        str | None, typer.Option(help="The server's Graph Store Protocol URL, if not the same as --store.")
    ] = None,
    store_auth: Annotated[
        str | None, typer.Option(help="USER:PASSWORD for the server (HTTP digest), e.g. for Virtuoso's /sparql-graph-crud-auth.")
    ] = None,
) -> None:
    """Extract facts from articles, build the knowledge graph, and write out/graph.ttl, graph.trig, void.ttl and network.html."""
    from lankg.pipeline import SAMPLE_CORPUS, run_build
    from lankg.store.remote import RemoteStore, parse_auth

    paths = inputs or [SAMPLE_CORPUS]
    base = checked_base(base)
    auth = parse_auth(store_auth)
    with progress() as bar:
        task = bar.add_task("Reading articles", total=None)
        result = run_build(
            paths,
            out_dir,
            base=base,
            judgements=judgements,
            validate=validate,
            reason=reason,
            cache_dir=out_dir / ".cache" if cache else None,
            jobs=jobs,
            article_budget=article_budget or None,
            on_start=lambda n: bar.update(task, total=n),
            on_done=lambda p: bar.update(task, advance=1, description=f"Read {p.name}"),
        )
    for error in result.errors:
        err.print(f"[yellow]skipped:[/] {escape(printable(str(error)))}")
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {escape(printable(warning))}")
    for j in result.stats.unknown_judgements:
        where = f" (line {j.line})" if j.line else ""
        err.print(f"[yellow]judgement{where} names a record no input has:[/] {escape(printable(j.left))} / {escape(printable(j.right))}")
    table = Table(title="lankg build", show_header=False, title_justify="left")
    s = result.stats
    table.add_row("input files", f"{len(result.inputs)} ({len(result.errors)} skipped)")
    table.add_row("articles", str(s.articles))
    table.add_row("institutions", str(len(s.institutions)))
    table.add_row("officials", str(len(s.officials)))
    table.add_row("signing events", str(len(s.events)))
    table.add_row("agreements", str(len(s.agreements)))
    table.add_row("triples", f"{s.triples:,}")
    if result.inferred is not None:
        table.add_row("inferred triples", f"{result.inferred:,}")
    if result.validation is not None:
        table.add_row("SHACL violations", str(len(result.validation.violations)))
    if result.cache is not None:
        table.add_row("extracted / from cache", f"{result.cache.extracted} / {result.cache.hits}")
    if result.copies:
        table.add_row("copies of one story", f"{len(result.copies)} group(s), {sum(len(c.docs) for c in result.copies)} articles")
    for copies in result.copies:
        table.add_row("", f"{escape(printable(', '.join(copies.docs)))} (similarity {copies.similarity:.2f})")
    for path in result.outputs:
        table.add_row("wrote", str(path))
    if store is not None:
        with RemoteStore(store, graph_store, auth=auth) as remote:
            sent = remote.load_dataset(result.dataset)
        table.add_row("loaded into", f"{store} ({sent:,} triples)")
    out.print(table)
    if result.validation is not None and not result.validation.conforms:
        err.print("[yellow]the graph does not conform to the shapes; `lankg validate` lists the violations[/]")


def print_report(report: ValidationReport, source: Path) -> None:
    """The SHACL report as one block per violation: shape, focus node, path, message."""
    if report.conforms:
        out.print(f"[green]{escape(str(source))} conforms to ontology/shapes.ttl[/]")
        return
    out.print(f"[bold red]{escape(str(source))}: {len(report.violations)} SHACL violation(s)[/]")
    for v in report.violations:
        shape = v.shape.rsplit("#", 1)[-1]
        out.print(f"[bold]{escape(shape)}[/] ({v.severity})")
        out.print(f"  focus:   {escape(v.focus)}")
        if v.path:
            out.print(f"  path:    {escape(v.path)}")
        if v.value:
            out.print(f"  value:   {escape(v.value)}")
        out.print(f"  message: {escape(v.message)}")


@reports_errors
def validate(
    graph_file: Annotated[Path, typer.Argument(help="A built graph.trig (or .ttl/.nt). Default: out/graph.trig.")] = BUILT_GRAPH,
) -> None:
    """Check a built graph against the SHACL shapes and print every violation (exit code 3 if any)."""
    from lankg.graph.validate import validate_graph
    from lankg.store.files import union_graph

    report = validate_graph(union_graph(_read_graph(graph_file)))
    print_report(report, graph_file)
    if not report.conforms:
        raise ValidationError(graph_file, f"{len(report.violations)} SHACL violation(s)")


@reports_errors
def export(
    fmt: Annotated[ExportFormat, choice(ExportFormat, "export format", "--format", "-f", help="The RDF syntax.")] = ExportFormat.ttl,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="File to write. Default: standard output.")] = None,
    graph_file: Annotated[Path, typer.Option("--graph", help="The built graph.trig to export.")] = BUILT_GRAPH,
    void: Annotated[Path | None, typer.Option(help="Also write a VoID/DCAT description (Turtle) to this file.")] = None,
    base: Annotated[str, typer.Option(help="Base IRI of the built graph, for the description's IRIs.")] = DEFAULT_BASE,
) -> None:
    """Export the built graph (out/graph.trig, from `lankg build`) as Turtle, JSON-LD, N-Triples or TriG.

    Export never rebuilds: it serialises exactly what `lankg build` made, so the
    exported file and the built one always describe the same graph.
    """
    from lankg.graph.describe import describe
    from lankg.store import files

    base = checked_base(base)
    ds = _read_graph(graph_file)
    if out_file is None:
        typer.echo(files.serialise(ds, fmt), nl=False)
    else:
        files.write(ds, out_file, fmt)
        err.print(f"wrote {escape(str(out_file))}")
    if void is not None:
        files.write_graph(describe(ds, base), void)
        err.print(f"wrote {escape(str(void))}")


@reports_errors
def entities(
    inputs: Inputs = None,
    kind: Annotated[EntityKind, choice(EntityKind, "kind", "--kind", help="Which entities to list.")] = EntityKind.official,
    judgements: Annotated[Path | None, typer.Option(help="YAML file of hand judgements. Default: data/judgements.yaml if it exists.")] = None,
    base: Base = DEFAULT_BASE,
    fmt: Annotated[
        EntityFormat, choice(EntityFormat, "--format", "--format", "-f", help="A table, CSV (one row per record id) or JSON.")
    ] = EntityFormat.table,
) -> None:
    """List resolved entities with the record ids a judgements file refers to (left/right)."""
    from lankg.graph.resolve import DEFAULT_JUDGEMENTS, read_judgements, resolve
    from lankg.loaders import SAMPLE_CORPUS, collect_inputs, load_all

    base = checked_base(base)
    files = collect_inputs(inputs or [SAMPLE_CORPUS])
    bundles, errors = load_all(files)
    if errors and not bundles:  # nothing could be read: an error, not an empty table
        raise errors[0]
    for error in errors:
        err.print(f"[yellow]skipped:[/] {escape(printable(str(error)))}")
    if judgements is not None and not judgements.exists():
        raise InputError(judgements, "no such judgements file")
    resolution = resolve(bundles, read_judgements(judgements or DEFAULT_JUDGEMENTS), base=base)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["iri", "name", "record"])
        for entity in resolution.clusters(kind):
            writer.writerows([entity.iri, printable(entity.name or ""), printable(record)] for record in entity.records)
        out.out(buf.getvalue(), end="")
        return
    if fmt == "json":
        listed = [{"iri": e.iri, "name": e.name, "records": list(e.records)} for e in resolution.clusters(kind)]
        out.out(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{kind} entities", title_justify="left")
    table.add_column("IRI", overflow="fold")
    table.add_column("name")
    table.add_column("records (for judgements)", overflow="fold")
    for entity in resolution.clusters(kind):
        table.add_row(Text(entity.iri), Text(printable(entity.name or "")), Text(printable("\n".join(entity.records))))
    out.print(table)


def _read_graph(path: Path) -> Dataset:
    """A built graph: TriG, or Turtle/N-Triples (TriG's subsets, read into the default graph)."""
    from lankg.store.files import read_trig

    if path.suffix not in (".trig", ".ttl", ".nt"):
        raise InputError(path, "expected a .trig (or .ttl/.nt) file written by `lankg build`")
    return read_trig(path)
