"""``lankg extract`` and ``lankg eval``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from lankg.cli.console import err, out, reports_errors
from lankg.errors import InputError

if TYPE_CHECKING:
    from lankg.records import FactBundle


@reports_errors
def extract(
    files: Annotated[list[Path], typer.Argument(help="Articles: .txt files, or saved web pages (.html, .htm).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for one <name>.json facts file per article.")],
) -> None:
    """Extract facts from articles into the facts JSON format, one file per article."""
    from lankg.loaders.articles import read_article
    from lankg.loaders.extract import extract_facts
    from lankg.loaders.facts_json import write_facts

    failed = 0
    for path in files:
        try:
            bundle = extract_facts(read_article(path))
        except InputError as exc:
            failed += 1
            err.print(f"[bold red]error:[/] {escape(str(exc))}")
            continue
        target = out_dir / f"{path.stem}.json"
        write_facts(target, bundle)
        out.print(f"wrote {escape(str(target))}")
    if failed:
        err.print(f"{failed} of {len(files)} file(s) failed")
        raise typer.Exit(2)


def _read_dir(folder: Path) -> list[FactBundle]:
    from lankg.loaders.facts_json import read_facts

    if not folder.is_dir():
        raise InputError(folder, "not a folder of facts .json files")
    return [read_facts(p) for p in sorted(folder.glob("*.json"))]


@reports_errors
def eval_command(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold facts .json files.")],
    pred: Annotated[Path, typer.Option("--pred", help="Folder of predicted facts .json files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    show: Annotated[bool, typer.Option("--explain", help="Also list every missed and spurious fact with the text around it.")] = False,
    articles: Annotated[
        list[Path] | None,
        typer.Option("--articles", help="Folder of the article texts, for --explain (default: 'articles' beside --gold)."),
    ] = None,
) -> None:
    """Precision, recall and F1 per key of the facts format, and their macro F1 (the rules of shared/tools/score.py)."""
    from lankg.evaluate import evaluate, explain
    from lankg.loaders.articles import read_article

    result = evaluate(_read_dir(gold), _read_dir(pred))
    if as_json:
        out.print_json(json.dumps(result.as_dict()))
    else:
        table = Table(title=f"lankg eval ({len(result.documents)} articles)", title_justify="left")
        for col in ("key", "tp", "fp", "fn", "precision", "recall", "F1"):
            table.add_column(col, justify="left" if col == "key" else "right")
        for s in result.scores:
            table.add_row(s.key, str(s.tp), str(s.fp), str(s.fn), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
        table.add_row("[bold]macro F1[/]", "", "", "", "", "", f"[bold]{result.macro_f1:.3f}[/]")
        out.print(table)
    for doc in result.missing_pred:
        err.print(f"[yellow]no prediction for[/] {escape(doc)}")
    if show:
        folders = articles or [gold.parent / "articles"]

        def text_of(doc: str) -> str | None:
            for folder in folders:
                if (folder / doc).is_file():
                    return read_article(folder / doc).text
            return None

        for line in explain(result, text_of):
            out.print(escape(line), soft_wrap=True)
