"""Inputs → ``FactBundle`` records: news articles (extracted) and facts JSON files (curated)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from lankg.errors import InputError
from lankg.loaders.anchor import anchor_spans
from lankg.loaders.articles import read_article
from lankg.loaders.budget import OverBudget, cpu_budget
from lankg.loaders.extract import extract_facts
from lankg.loaders.extract.lexicon import default_lexicon
from lankg.loaders.facts_json import read_facts
from lankg.ontology.regions import all_regions
from lankg.records import FactBundle

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
FACTS_SUFFIXES = (".json",)
#: The bundled sample corpus: built when no input is given, and where a curated file's article is looked for last.
SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "data" / "articles"


def collect_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the articles and facts files inside folders named, sorted and without repeats."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES + FACTS_SUFFIXES)
        else:
            found.add(path)
    return sorted(found)


def articles_by_name(paths: Sequence[Path]) -> dict[str, Path]:
    """The article files among ``paths`` by file name (the first of two with one name), as a facts file's ``doc`` names them."""
    return {p.name: p for p in reversed(paths) if p.suffix in ARTICLE_SUFFIXES}


def read_curated(path: Path, articles: Mapping[str, Path]) -> FactBundle:
    """A curated facts file, its mentions anchored in its article and its spans checked against it.

    ``doc`` is a bare file name (``read_facts`` refuses paths), looked up among
    the input ``articles``, then in the sample corpus; nothing else is read.
    """
    bundle = read_facts(path, curated=True)
    for article in (articles.get(bundle.doc), SAMPLE_CORPUS / bundle.doc):
        if article is not None and article.is_file():
            try:
                text = read_article(article).text
            except InputError:
                continue  # the article itself is reported where it is an input
            return anchor_spans(bundle, text, path)
    return bundle


def extract_with_text(path: Path, budget: float | None = None) -> tuple[FactBundle, str]:
    """Facts extracted from one article and the text their spans index into (a web page's main text),
    within ``budget`` CPU seconds (loading the lexicons and gazetteer is not counted)."""
    article = read_article(path)
    default_lexicon()
    all_regions()
    try:
        with cpu_budget(budget):
            return extract_facts(article), article.text
    except OverBudget:
        raise InputError(path, f"extraction took more than the {budget:g} s of CPU time an article may take (--article-budget); skipped") from None


def extract_one(path: Path, budget: float | None = None) -> FactBundle:
    """Facts extracted from one article, within ``budget`` CPU seconds (loading the lexicons and gazetteer is not counted)."""
    return extract_with_text(path, budget)[0]


def load_one(path: Path, *, articles: Mapping[str, Path] | None = None, budget: float | None = None) -> FactBundle:
    """Facts from one file: extracted from an article, or read from a hand-curated facts JSON file."""
    if path.suffix in FACTS_SUFFIXES:
        return read_curated(path, articles or {})
    return extract_one(path, budget)


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
    paths: Iterable[Path], *, on_done: Callable[[Path], None] | None = None, budget: float | None = None
) -> tuple[list[FactBundle], list[InputError]]:
    """Load every file, keeping going past bad ones; curated facts override extraction of the same article."""
    ordered = list(paths)
    articles = articles_by_name(ordered)

    def outcomes() -> Iterator[FactBundle | InputError]:
        for path in ordered:
            try:
                yield load_one(path, articles=articles, budget=budget)
            except InputError as exc:
                yield exc
            if on_done is not None:
                on_done(path)

    return merge_loaded(outcomes())
