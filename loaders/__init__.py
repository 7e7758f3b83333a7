"""Inputs → ``FactBundle`` records: news articles (extracted) and facts JSON files (curated)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lankg.errors import InputError
from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts
from lankg.loaders.facts_json import read_facts
from lankg.records import FactBundle

ARTICLE_SUFFIXES = (".txt",)
FACTS_SUFFIXES = (".json",)


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the articles and facts files inside folders named, sorted and without repeats."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES + FACTS_SUFFIXES)
        else:
            found.add(path)
    return sorted(found)


def load_one(path: Path) -> FactBundle:
    """Facts from one file: extracted from an article, or read from a hand-curated facts JSON file."""
    if path.suffix in FACTS_SUFFIXES:
        return read_facts(path, curated=True)
    return extract_facts(read_article(path))


def merge_loaded(outcomes: Iterable[FactBundle | InputError]) -> tuple[list[FactBundle], list[InputError]]:
    """Bundles by article (curated facts override extraction of the same article) and the errors, in input order."""
    by_doc: dict[str, FactBundle] = {}
    errors: list[InputError] = []
    for outcome in outcomes:
        if isinstance(outcome, InputError):
            errors.append(outcome)
            continue
        current = by_doc.get(outcome.doc)
        if current is None or (outcome.curated and not current.curated):
            by_doc[outcome.doc] = outcome
    return [by_doc[doc] for doc in sorted(by_doc)], errors


def load_all(
    paths: Iterable[Path], *, on_done: Callable[[Path], None] | None = None
) -> tuple[list[FactBundle], list[InputError]]:
    """Load every file, keeping going past bad ones; curated facts override extraction of the same article."""

    def outcomes() -> Iterator[FactBundle | InputError]:
        for path in paths:
            try:
                yield load_one(path)
            except InputError as exc:
                yield exc
            if on_done is not None:
                on_done(path)

    return merge_loaded(outcomes())
