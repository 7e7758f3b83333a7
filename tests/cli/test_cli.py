"""The ``lankg`` command end to end: build on the sample corpus, and clear errors on bad input."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF
from typer.testing import CliRunner

from lankg.cli import app
from lankg.ontology.namespaces import LANKG

runner = CliRunner()


def test_help_lists_the_subcommands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "build" in result.output


def test_build_on_the_sample_corpus_writes_turtle_that_parses_back(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "articles" in result.output
    graph = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    articles = set(graph.subjects(RDF.type, LANKG.SourceArticle))
    assert len(articles) == 5
    html = (tmp_path / "network.html").read_text(encoding="utf-8")
    assert "<html" in html.lower()


def test_build_of_gold_facts_has_the_expected_agreements(tmp_path: Path, gold_dir: Path) -> None:
    result = runner.invoke(app, ["build", str(gold_dir), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(tmp_path / "graph.ttl", format="turtle")
    agreements = {s for c in (LANKG.MoU, LANKG.PKS, LANKG.OtherAgreement) for s in graph.subjects(RDF.type, c)}
    # 8 + 1 + 5 + 4 + 5, where 002 and 004 report the same five agreements of 2021-03-29
    assert len(agreements) == 18


def test_build_of_a_missing_folder_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = runner.invoke(app, ["build", str(missing), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert str(missing) in result.output
    assert "no such file" in result.output
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_bad_file_is_skipped_and_named_while_the_rest_builds(tmp_path: Path, sample_articles: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = sorted(sample_articles.glob("*.txt"))[0]
    (corpus / good.name).write_bytes(good.read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin1.txt").write_bytes("Kabupaten Banjar, Kalimantan Selatan \xe9t\xe9".encode("latin-1"))
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "empty.txt: file is empty" in result.output
    assert "latin1.txt:1: not valid UTF-8" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_second_build_reuses_every_unchanged_article_and_re_extracts_a_changed_one(tmp_path: Path, sample_articles: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in sorted(sample_articles.glob("*.txt")):
        (corpus / article.name).write_bytes(article.read_bytes())
    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--no-validate"]
    first = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert first.exit_code == 0, first.output
    assert "5 / 0" in first.output
    built = (out / "graph.ttl").read_bytes()
    second = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "0 / 5" in second.output
    assert (out / "graph.ttl").read_bytes() == built  # facts from the cache build the same graph
    changed = sorted(corpus.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Bupati Serang", "Bupati Serang Utara"), encoding="utf-8")
    third = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "1 / 4" in third.output
    uncached = runner.invoke(app, [*args, "--no-cache"], env={"COLUMNS": "200"})
    assert "from cache" not in uncached.output
