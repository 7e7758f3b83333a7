"""Extract facts (shared/gold/SCHEMA.md) from the text of an Indonesian news article.

The stages, each in its own module: ``institutions`` finds and links
institutions, ``officials`` finds people by their posts, ``dates`` reads the
ceremony's date, ``events`` reads venue, city, mode and host and decides who
took part how, and ``agreements`` makes one agreement per partner with its
scopes. Every mention keeps its span into ``article.text``.
"""

from __future__ import annotations

from lankg.loaders.articles import Article
from lankg.loaders.extract.assemble import assemble
from lankg.loaders.extract.lexicon import Lexicon, default_lexicon
from lankg.records import FactBundle


def extract_facts(article: Article, lexicon: Lexicon | None = None) -> FactBundle:
    """Everything the article says about signing events, institutions, agreements and officials."""
    return assemble(article, lexicon or default_lexicon())
