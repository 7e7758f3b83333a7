"""Extract facts (shared/gold/SCHEMA.md) from the text of an Indonesian news article."""

from __future__ import annotations

from lankg.loaders.articles import Article
from lankg.records import FactBundle


def extract_facts(article: Article) -> FactBundle:
    """Everything the article says about signing events, institutions, agreements and officials."""
    return FactBundle(source=article.ref)
