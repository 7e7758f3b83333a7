"""``lankg query``: by name or --file, parameters, the three formats, --list, and a clear error without a graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from lankg.cli import app
from lankg.queries import QUERIES

runner = CliRunner()


def test_list_shows_every_named_query() -> None:
    result = runner.invoke(app, ["query", "--list"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    for name in QUERIES:
        assert name in result.output
    assert "minimum: integer = 2" in result.output


def test_csv_output_with_parameter(gold_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["query", "repeat_partners", "--param", "minimum=1", "--format", "csv", "--graph", str(gold_files["trig"])])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(table) == 19 and table[0]["name"] == "Lembaga Administrasi Negara" and table[0]["agreements"] == "18"


def test_json_output_on_the_turtle_export(gold_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["query", "agreements_by_type", "-f", "json", "-g", str(gold_files["ttl"])])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"type": "MoU", "year": "2019", "agreements": "4"},
        {"type": "MoU", "year": "2021", "agreements": "5"},
        {"type": "MoU", "year": "2022", "agreements": "8"},
        {"type": "other", "agreements": "1"},
    ]


def test_table_output(gold_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["query", "modes_by_year", "-g", str(gold_files["trig"])], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "modes_by_year (4 rows)" in result.output and "Blended" in result.output


def test_own_query_file(gold_files: dict[str, Path], tmp_path: Path) -> None:
    mine = tmp_path / "mine.rq"
    mine.write_text("PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a lankg:MoU }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(mine), "-f", "csv", "-g", str(gold_files["trig"])])
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n17\n"


def test_syntax_error_in_own_file(gold_files: dict[str, Path], tmp_path: Path) -> None:
    mine = tmp_path / "broken.rq"
    mine.write_text("SELECT * WHERE { ?s ?p }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", "--file", str(mine), "-g", str(gold_files["trig"])])
    assert result.exit_code == 2
    assert "broken.rq: not valid SPARQL" in result.stderr


def test_missing_graph_says_run_build(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "events_timeline", "--graph", str(tmp_path / "out" / "graph.trig")])
    assert result.exit_code == 2
    assert "run `lankg build` first" in result.stderr


def test_unknown_name_and_bad_param(gold_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["query", "no_such_query", "-g", str(gold_files["trig"])])
    assert result.exit_code == 2 and "no query named 'no_such_query'" in result.stderr
    result = runner.invoke(app, ["query", "repeat_partners", "-p", "minimum", "-g", str(gold_files["trig"])])
    assert result.exit_code == 2 and "--param expects NAME=VALUE" in result.stderr
    result = runner.invoke(app, ["query", "repeat_partners", "-f", "xml", "-g", str(gold_files["trig"])])
    assert result.exit_code == 2 and "unknown --format 'xml'" in result.stderr


def test_gazetteer_query_works_on_both_exports(gold_files: dict[str, Path]) -> None:
    for export in ("trig", "ttl"):
        result = runner.invoke(app, ["query", "regions_without_agreement", "-f", "csv", "-g", str(gold_files[export])])
        assert result.exit_code == 0, result.output
        assert len(result.stdout.splitlines()) == 1 + 537, export


def test_serve_without_a_graph_says_run_build(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--graph", str(tmp_path / "graph.trig"), "--port", "1"])
    assert result.exit_code == 2
    assert "run `lankg build` first" in result.stderr
