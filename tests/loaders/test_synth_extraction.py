"""Extraction quality on a synthetic corpus the extractor has not been tuned on (another seed than the
benchmarks), scored against the generator's gold facts: a floor, so a regression at scale shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg import synth
from lankg.evaluate import evaluate
from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts

pytestmark = pytest.mark.scale


def test_macro_f1_on_200_synthetic_articles_is_at_least_097_and_every_key_at_least_095() -> None:
    gold, pred = [], []
    for text, bundle in synth.generate(200, seed=23):
        gold.append(bundle)
        pred.append(extract_facts(Article(bundle.source, text, Path(bundle.doc))))
    result = evaluate(gold, pred)
    assert result.macro_f1 >= 0.97, result.as_dict()["keys"]
    for score in result.scores:
        assert score.f1 >= 0.95, (score.key, result.as_dict()["keys"])
