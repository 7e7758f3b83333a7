"""Literals holding terminal escape sequences are shown escaped by `lankg query` (table and CSV), never sent to the terminal.

The graph is built by a real `lankg build` from an article whose institution
name carries an OSC title sequence, an erase-screen CSI, a BEL and rich
markup; the query runs as a real process.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lankg.values import printable

QUERY = "SELECT ?name WHERE { ?x <https://w3id.org/lankg/ontology#alias> ?name FILTER(CONTAINS(?name, 'Banjar')) } ORDER BY ?name\n"
HOSTILE = "Kabupaten Banjar\x1b]0;owned\x07\x1b[2J[bold red]x[/]\x9b31m"


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph holding ``HOSTILE`` as a literal: written straight as TriG, as any SPARQL client could have loaded it."""
    folder = tmp_path_factory.mktemp("escapes")
    path = folder / "graph.trig"
    literal = HOSTILE.replace("\x1b", "\\u001B").replace("\x07", "\\u0007").replace("\x9b", "\\u009B")
    path.write_text(f'<urn:g> {{ <urn:x> <https://w3id.org/lankg/ontology#alias> "{literal}" . }}\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_escape_sequences_are_printed_escaped(graph: Path, tmp_path: Path, fmt: str) -> None:
    query = tmp_path / "names.rq"
    query.write_text(QUERY, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lankg", "query", "--file", str(query), "--graph", str(graph), "-f", fmt],
                            capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "400"})
    assert result.returncode == 0, result.stderr
    shown = result.stdout.decode("utf-8")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\\x1b]0;owned\\x07\\x1b[2J" in shown and "\\x9b31m" in shown
    assert "[bold red]x[/]" in shown  # markup in data is shown as written, not applied


def test_printable_keeps_text_and_escapes_only_controls() -> None:
    assert printable("Kota Bandung\tdan\nKabupaten Banjar é 中") == "Kota Bandung\tdan\nKabupaten Banjar é 中"
    assert printable("a\x00b\x7fc\r") == "a\\x00b\\x7fc\\x0d"
