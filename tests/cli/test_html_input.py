"""``lankg extract`` and ``lankg build`` take saved web pages; a bad page is reported and the rest is built."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import Literal
from typer.testing import CliRunner

from lankg.cli import app
from lankg.loaders.facts_json import read_facts
from lankg.store import files as export

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
runner = CliRunner()


def test_extract_reads_a_saved_page(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(HTML / "portal.html"), str(HTML / "amp.html"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    portal = read_facts(tmp_path / "portal.json")
    assert portal.doc == "portal.html"
    assert [a.parties for a in portal.agreements] == [("Lembaga Administrasi Negara", "Kabupaten Tanah Laut")]
    assert read_facts(tmp_path / "amp.json").events[0].date == "2022-11-29"


def test_build_from_a_folder_of_pages_skips_the_bad_ones(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("portal.html", "pemda.go.id.html", "amp.html"):
        shutil.copy(HTML / name, folder / name)
    shutil.copy(HTML / "hostile" / "scripts_only.html", folder / "kosong.htm")
    shutil.copy(HTML / "hostile" / "declares_utf8_is_cp1252.html", folder / "salah.html")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.output.splitlines() if "skipped:" in line]
    assert len(skipped) == 2
    assert any("kosong.htm" in line and "no main text" in line for line in skipped)
    assert any("salah.html" in line and "not valid UTF-8" in line for line in skipped)
    graph = export.union_graph(export.read_trig(out / "graph.trig"))
    names = {str(o) for o in graph.objects() if isinstance(o, Literal)}
    assert {"Kabupaten Tanah Laut", "Kabupaten Sumbawa Barat", "Kota Bontang"} <= names


def test_build_summary_lists_copies_of_one_story(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("portal.html", "repost.html", "amp.html"):
        shutil.copy(HTML / name, folder / name)
    result = runner.invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "copies of one story" in result.output and "1 group(s), 2 articles" in result.output
    assert "portal.html, repost.html (similarity 0.8" in result.output
