"""Every mention the extractor reports points at exactly its text in the article."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lankg.loaders.articles import Article, read_article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef, Mention

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


_WORDS = ["Bupati", "Banjar", "Kepala", "LAN", "Dr.", "H.", "Pemerintah", "Kabupaten", "Kota", "Rabu", "(2/3)", ",",
          "Universitas", "dan", "di", "Aula", "M.Si", "SH.", "Penandatanganan", "MoU", "meliputi", "bidang", "Sorong",
          "Adi", "Budi", "(KKT)", "disaksikan", "oleh", ".", "\n", "Walikota", "Labuhanbatu", "Utara", "Kamis,", "12",
          "Februari", "2024", "“", "”", "Jumat", "(31/2)"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60), st.text(max_size=40))
def test_any_text_gives_facts_whose_spans_hold(words: list[str], noise: str) -> None:
    text = " ".join(words) + noise
    article = Article(ArticleRef("t.txt"), text, Path("t.txt"))
    bundle = extract_facts(article)
    for m in [m for i in bundle.institutions for m in i.mentions] + [m for o in bundle.officials for m in o.mentions]:
        assert m.span is not None and text[m.span.start:m.span.end] == m.text
    for a in bundle.agreements:
        assert len(a.parties) == 2 and a.parties[0] != a.parties[1]
