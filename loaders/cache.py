"""Incremental, parallel loading: an unchanged article is not extracted again.

Extracted facts are cached as facts JSON under ``cache_dir``, keyed by the
SHA-256 of the article file's bytes and filed under the extractor's version
(a digest of the extractor's source and the vocabularies it reads), so a new
extractor never serves stale facts. Articles not in the cache are extracted
over ``jobs`` worker processes. The result is the one ``load_all`` gives for
the same files: curated facts override extraction of the same article, and a
bad file is reported as ``InputError`` while the others go on. A cache file
that cannot be read is ignored, the article extracted again and the file
rewritten (atomically, like every write).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

from lankg.errors import InputError
from lankg.fileio import MAX_INPUT_BYTES
from lankg.loaders import FACTS_SUFFIXES, load_one, merge_loaded
from lankg.loaders.facts_json import read_facts, write_facts
from lankg.records import ArticleRef, FactBundle

#: Bump when the cache layout changes.
CACHE_FORMAT = "1"
_PACKAGE = Path(__file__).resolve().parent.parent
#: What extraction depends on besides the article: its source and the vocabularies it reads.
_EXTRACTOR_SOURCES = ("loaders/extract", "loaders/articles.py", "loaders/regions.py", "loaders/scopes.py",
                      "loaders/facts_json.py", "records.py", "ontology/scopes.ttl")


@cache
def extractor_version() -> str:
    """A digest of the extractor's source files, so any change to the extractor invalidates the cache."""
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for rel in _EXTRACTOR_SOURCES:
        target = _PACKAGE / rel
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for file in files:
            if file.is_file():
                digest.update(file.relative_to(_PACKAGE).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class CacheStats:
    """What one cached load did, so callers (and tests) can see that nothing was extracted twice."""

    hits: int = 0
    """Articles whose facts came from the cache."""
    extracted: int = 0
    """Articles handed to the extractor."""
    corrupt: int = 0
    """Cache files that could not be read and were rewritten."""
    curated: int = 0
    """Facts JSON files read as curated facts."""


class CachedLoad(NamedTuple):
    """The bundles and errors of ``load_all``, plus what the cache did."""

    bundles: list[FactBundle]
    errors: list[InputError]
    stats: CacheStats


def cache_path(cache_dir: Path, digest: str) -> Path:
    """Where the facts of an article with content digest ``digest`` are cached for this extractor."""
    return cache_dir / extractor_version() / digest[:2] / f"{digest}.json"


def _content_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, or None when the file is not something to cache (missing, folder, huge)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_INPUT_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _extract(path: Path) -> FactBundle | tuple[str, str, int | None, int | None]:
    """Worker: facts of one article, or the parts of its InputError (which does not pickle as is)."""
    try:
        return load_one(path)
    except InputError as exc:
        return (str(exc.path), exc.reason, exc.line, exc.column)


def _read_cached(path: Path, cached: Path, stats: CacheStats) -> FactBundle | None:
    if not cached.is_file():
        return None
    try:
        bundle = read_facts(cached)
    except InputError:
        stats.corrupt += 1
        return None
    stats.hits += 1
    # the same bytes under another file name are the same facts of another document
    return dataclasses.replace(bundle, source=ArticleRef(doc=path.name, sha256=bundle.source.sha256))


def load_all_cached(
    paths: Iterable[Path],
    cache_dir: Path,
    jobs: int = 2,
    *,
    on_done: Callable[[Path], None] | None = None,
) -> CachedLoad:
    """``load_all`` with a content-hash cache of extracted facts and extraction over ``jobs`` processes."""
    ordered: Sequence[Path] = list(paths)
    stats = CacheStats()
    results: dict[Path, FactBundle | InputError] = {}
    todo: list[tuple[Path, Path | None]] = []
    for path in ordered:
        if path.suffix in FACTS_SUFFIXES:
            stats.curated += 1
            try:
                results[path] = load_one(path)
            except InputError as exc:
                results[path] = exc
            if on_done is not None:
                on_done(path)
            continue
        digest = _content_digest(path)
        cached = cache_path(cache_dir, digest) if digest else None
        bundle = _read_cached(path, cached, stats) if cached is not None else None
        if bundle is not None:
            results[path] = bundle
            if on_done is not None:
                on_done(path)
        else:
            todo.append((path, cached))
    stats.extracted = len(todo)

    def finish(path: Path, cached: Path | None, outcome: FactBundle | tuple[str, str, int | None, int | None]) -> None:
        if isinstance(outcome, FactBundle):
            results[path] = outcome
            if cached is not None:
                write_facts(cached, outcome)
        else:
            results[path] = InputError(*outcome)
        if on_done is not None:
            on_done(path)

    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            chunk = max(1, len(todo) // (jobs * 8))
            outcomes = pool.map(_extract, [p for p, _ in todo], chunksize=chunk)
            for (path, cached), outcome in zip(todo, outcomes, strict=True):
                finish(path, cached, outcome)
    else:
        for path, cached in todo:
            finish(path, cached, _extract(path))

    bundles, errors = merge_loaded(results[path] for path in ordered)
    return CachedLoad(bundles, errors, stats)
