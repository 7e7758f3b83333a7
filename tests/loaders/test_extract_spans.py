"""Every mention the extractor reports points at exactly its text in the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts
from lankg.records import Mention

ROOT = Path(__file__).resolve().parents[2]
ALL_ARTICLES = sorted((ROOT / "data" / "articles").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "unseen").glob("*.txt"))


@pytest.mark.parametrize("path", ALL_ARTICLES, ids=lambda p: p.stem)
def test_every_mention_span_slices_to_its_text(path: Path) -> None:
    article = read_article(path)
    bundle = extract_facts(article)
    mentions: list[Mention] = [m for i in bundle.institutions for m in i.mentions]
    mentions += [m for o in bundle.officials for m in o.mentions]
    mentions += [m for a in bundle.agreements for m in a.scopes]
    assert len(mentions) > 5
    for m in mentions:
        assert m.span is not None, m
        assert article.text[m.span.start:m.span.end] == m.text
    for e in bundle.events:
        if e.date_span is not None:
            assert article.text[e.date_span.start:e.date_span.end] == e.date_as_written
