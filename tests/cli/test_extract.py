"""``lankg extract`` and ``lankg eval`` end to end, bad files included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from lankg.cli import app
from lankg.loaders.facts_json import read_facts

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt"))
GOLD = ROOT / "tests" / "data" / "gold"
runner = CliRunner()


def _bad_files(folder: Path) -> dict[str, str]:
    """File name → what the error must say."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Kabupaten Tanjung Jabung — pemerintah".encode("cp1252"))
    (folder / "page.txt").write_text("<!DOCTYPE html>\n<html><body>LAN</body></html>\n", encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    return {"empty.txt": "empty", "binary.txt": "binary", "latin1.txt": "UTF-8", "page.txt": "HTML", "huge.txt": "limit"}


def test_extract_writes_one_facts_file_per_article_that_reads_back(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", *map(str, ARTICLES), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = sorted((tmp_path / "out").glob("*.json"))
    assert [p.stem for p in written] == [a.stem for a in ARTICLES]
    bundle = read_facts(written[0])
    assert bundle.doc == ARTICLES[0].name and bundle.agreements


def test_bad_files_are_named_and_do_not_stop_the_others(tmp_path: Path) -> None:
    bad = _bad_files(tmp_path)
    good = tmp_path / ARTICLES[0].name
    shutil.copy(ARTICLES[0], good)
    inputs = [tmp_path / name for name in bad] + [good]
    result = runner.invoke(app, ["extract", *map(str, inputs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    for name, reason in bad.items():
        line = next(line for line in lines if name in line and "error" in line)
        assert reason in line
    assert (tmp_path / "out" / f"{good.stem}.json").is_file()
    assert not (tmp_path / "out" / "empty.json").exists()


def test_eval_prints_a_table_and_json(tmp_path: Path) -> None:
    runner.invoke(app, ["extract", *map(str, ARTICLES), "--out", str(tmp_path)])
    table = runner.invoke(app, ["eval", "--gold", str(GOLD), "--pred", str(tmp_path)])
    assert table.exit_code == 0, table.output
    for key in ("institutions", "official_posts", "signatories", "agreement_scopes", "event_dates", "macro F1"):
        assert key in table.output
    as_json = runner.invoke(app, ["eval", "--gold", str(GOLD), "--pred", str(tmp_path), "--json"])
    data = json.loads(as_json.output)
    assert data["macro_f1"] >= 0.95
    assert set(data["keys"]) == {"institutions", "officials", "official_posts", "signatories", "agreements",
                                 "agreement_scopes", "event_dates"}


def test_eval_scores_a_missing_prediction_as_nothing_found(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), "--pred", str(tmp_path), "--json"])
    data = json.loads(result.stdout)
    assert data["keys"]["institutions"]["recall"] == 0.0
    assert len(data["missing_pred"]) == 5


def test_eval_with_a_malformed_prediction_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--gold", str(GOLD), "--pred", str(tmp_path)])
    assert result.exit_code == 2
    assert "x.json" in result.output and "invalid JSON" in result.output
