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
    document = json.loads(result.stdout)  # the W3C SPARQL 1.1 Query Results JSON format
    assert document["head"] == {"vars": ["type", "year", "agreements"]}
    assert [{k: v["value"] for k, v in b.items()} for b in document["results"]["bindings"]] == [
        {"type": "MoU", "year": "2019", "agreements": "4"},
        {"type": "MoU", "year": "2021", "agreements": "5"},
        {"type": "MoU", "year": "2022", "agreements": "8"},
        {"type": "other", "agreements": "1"},
    ]
    assert document["results"]["bindings"][0]["agreements"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_jsonl_output_for_scripts(gold_files: dict[str, Path]) -> None:
    result = runner.invoke(app, ["query", "agreements_by_type", "-f", "jsonl", "-g", str(gold_files["trig"])])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"type": "MoU", "year": 2019, "agreements": 4},
        {"type": "MoU", "year": 2021, "agreements": 5},
        {"type": "MoU", "year": 2022, "agreements": 8},
        {"type": "other", "agreements": 1},
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


def test_serve_with_a_broken_graph_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "graph.trig"
    broken.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--graph", str(broken), "--port", "0"])
    assert result.exit_code == 2
    assert f"{broken}:2: not valid RDF" in result.stderr


def test_lankg_serve_runs_the_endpoint(gold_files: dict[str, Path]) -> None:
    """The real command in its own process: it serves, answers, and stops cleanly on SIGTERM."""
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    import httpx

    import lankg

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(Path(lankg.__file__).resolve().parent.parent)}
    command = [sys.executable, "-m", "lankg", "serve", "--graph", str(gold_files["trig"]), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status = httpx.get(f"http://127.0.0.1:{port}/status", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "lankg serve did not start"
                time.sleep(0.2)
        assert status.json()["quads"] > 4000
        answer = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
        assert answer.text.strip().splitlines()[-1] == "true"
    finally:
        server.send_signal(signal.SIGTERM)
        _, stderr = server.communicate(timeout=60)
    # uvicorn shuts down gracefully, then re-raises the signal it caught
    assert server.returncode in (0, -signal.SIGTERM), stderr
    assert "Traceback" not in stderr
    assert f"http://127.0.0.1:{port}/sparql" in stderr


def test_table_shortens_iris_with_prefixes_but_csv_keeps_them_whole(gold_files: dict[str, Path]) -> None:
    table = runner.invoke(app, ["query", "lan_partners_by_year", "-g", str(gold_files["trig"])], env={"COLUMNS": "300"})
    assert table.exit_code == 0, table.output
    assert "id:region/81.03" in table.output
    assert "lankg:Regency" in table.output
    assert "https://w3id.org/lankg/" not in table.output
    as_csv = runner.invoke(app, ["query", "lan_partners_by_year", "-f", "csv", "-g", str(gold_files["trig"])])
    assert "https://w3id.org/lankg/id/region/81.03" in as_csv.output
