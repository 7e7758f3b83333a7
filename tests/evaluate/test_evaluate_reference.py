"""``lankg eval`` gives the reference scorer's figures (shared/tools/score.py), key by key, on the seeds and the devset."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lankg.evaluate import evaluate, explain
from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts
from lankg.loaders.facts_json import read_facts, write_facts
from tests.conftest import SAMPLE_ARTICLES, shared_path


def _predict(articles: list[Path], out: Path) -> None:
    out.mkdir()
    for path in articles:
        write_facts(out / f"{path.stem}.json", extract_facts(read_article(path)))


@pytest.mark.parametrize("corpus", ["seeds", "devset"])
def test_lankg_eval_agrees_with_the_reference_scorer(corpus: str, tmp_path: Path) -> None:
    scorer = shared_path("tools", "score.py")
    if corpus == "seeds":
        gold, articles = shared_path("gold"), sorted(SAMPLE_ARTICLES.glob("*.txt"))
    else:
        gold, articles = shared_path("devset", "gold"), sorted(shared_path("devset", "articles").glob("*.txt"))
    _predict(articles, tmp_path / "pred")
    run = subprocess.run([sys.executable, str(scorer), str(gold), str(tmp_path / "pred"), "--json"],
                         capture_output=True, text=True, check=True)
    reference = json.loads(run.stdout)
    ours = evaluate([read_facts(p) for p in sorted(gold.glob("*.json"))],
                    [read_facts(p) for p in sorted((tmp_path / "pred").glob("*.json"))]).as_dict()
    for key, ref in reference["keys"].items():
        mine = ours["keys"][key]  # type: ignore[index]
        assert (mine["tp"], mine["gold"], mine["pred"], mine["f1"]) == (ref["tp"], ref["gold"], ref["pred"], ref["F1"]), key
    assert ours["macro_f1"] == reference["macro_F1"]


def test_explain_names_the_article_the_key_and_the_text_around_a_miss(tmp_path: Path) -> None:
    text = "Jakarta – LAN menandatangani MoU dengan Pemerintah Kabupaten Sleman, Senin (29/3/2021).\\n"
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    gold_file = tmp_path / "a.json"
    gold_file.write_text(json.dumps({
        "doc": "a.txt", "events": [], "agreements": [],
        "institutions": [{"name": "Kabupaten Sleman", "kind": "regency", "kemendagri_code": "34.04",
                          "mentions": ["Pemerintah Kabupaten Sleman"]},
                         {"name": "Kabupaten Bantul", "kind": "regency", "kemendagri_code": "34.02", "mentions": ["Bantul"]}],
        "officials": [],
    }), encoding="utf-8")
    result = evaluate([read_facts(gold_file)], [extract_facts(read_article(article))])
    lines = "\\n".join(explain(result, lambda doc: text if doc == "a.txt" else None))
    assert "a.txt  institutions  missed    code:34.02" in lines
    assert "a.txt  institutions  spurious  name:lembaga administrasi negara" in lines
    assert "[LAN]" in lines  # the spurious item is shown in its sentence
