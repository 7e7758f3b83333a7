"""The main job: inputs → facts → knowledge graph → files in the output folder.

The output folder is locked for the whole build, and the outputs of a build
are switched in together, once each RDF file has been parsed back
(``lankg.outfolder``); a bad input file is reported and skipped, so a failed
or partial run never destroys what an earlier run built.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from lankg.errors import InputError
from lankg.graph.build import BuildStats, build_dataset
from lankg.graph.describe import describe
from lankg.graph.duplicates import find_copies
from lankg.graph.iris import article_key
from lankg.graph.reason import add_inferred
from lankg.graph.resolve import DEFAULT_JUDGEMENTS, read_judgements
from lankg.graph.validate import ValidationReport, validate_graph
from lankg.loaders import SAMPLE_CORPUS, articles_by_name, collect_inputs, load_all
from lankg.loaders.articles import read_article
from lankg.loaders.budget import DEFAULT_ARTICLE_BUDGET
from lankg.loaders.cache import CacheStats, cached_text, load_all_cached
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.outfolder import Output, OutputFolder
from lankg.records import FactBundle
from lankg.store import files as export
from lankg.store.embedded import GraphStore
from lankg.viz.html import render_network_html
from lankg.viz.project import institution_network

__all__ = ["SAMPLE_CORPUS", "BuildResult", "run_build", "render_outputs"]


@dataclass(slots=True)
class BuildResult:
    """What ``run_build`` made and what it had to skip."""

    dataset: Dataset
    stats: BuildStats
    inputs: list[Path]
    errors: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    validation: ValidationReport | None = None
    inferred: int | None = None
    cache: CacheStats | None = None
    warnings: list[str] = field(default_factory=list)
    """Problems that did not stop the build (an unusable cache, a bad cache entry)."""
    copies: list[Copies] = field(default_factory=list)
    """Groups of input articles that are copies of one story (syndicated, reposted, saved twice)."""


@dataclass(frozen=True, slots=True)
class Copies:
    """Input articles that carry one story: their file names and the lowest similarity that joined them."""

    docs: tuple[str, ...]
    similarity: float


def article_texts(files: Sequence[Path], bundles: Sequence[FactBundle], cache_dir: Path | None) -> dict[str, str]:
    """The text each bundle's facts index into, by ``doc``: from the cache where it holds it, else read again."""
    paths = articles_by_name(files)
    texts: dict[str, str] = {}
    for bundle in bundles:
        path = paths.get(bundle.doc)
        if path is None:
            continue
        text = cached_text(cache_dir, path) if cache_dir is not None else None
        if text is None:
            try:
                text = read_article(path).text
            except InputError:
                continue
        texts[bundle.doc] = text
    return texts


def find_article_copies(bundles: Sequence[FactBundle], texts: Mapping[str, str]) -> tuple[dict[str, str], list[Copies]]:
    """Which articles are copies of one story: article key → key of its group (for ``build_dataset``), and the groups by file name.

    Files with one text and no address are one article already (one IRI); they are reported as copies with similarity 1.
    """
    docs_of: dict[str, list[str]] = {}
    by_key: dict[str, str] = {}
    for bundle in bundles:
        key = article_key(bundle.source)
        docs_of.setdefault(key, []).append(bundle.doc)
        if bundle.doc in texts:
            by_key.setdefault(key, texts[bundle.doc])
    groups = find_copies(by_key)
    copy_of = {member: group.key for group in groups for member in group.members}
    reported = [Copies(tuple(sorted(d for m in g.members for d in docs_of[m])), g.similarity) for g in groups]
    reported += [Copies(tuple(sorted(docs)), 1.0) for key, docs in docs_of.items() if len(docs) > 1 and key not in copy_of]
    return copy_of, sorted(reported, key=lambda c: c.docs)


def render_outputs(dataset: Dataset, base: str) -> list[Output]:
    """graph.ttl, graph.trig, void.ttl and network.html of ``dataset``, as bytes, with the statements each RDF file must hold."""
    union = export.union_graph(dataset)
    description = describe(dataset, base)
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    page = render_network_html(institution_network(GraphStore.from_dataset(dataset)))
    return [
        Output("graph.ttl", export.serialise(dataset, "ttl").encode("utf-8"), ox.RdfFormat.TURTLE, len(union)),
        Output("graph.trig", export.serialise(dataset, "trig").encode("utf-8"), ox.RdfFormat.TRIG, quads),
        Output("void.ttl", export.graph_text(description).encode("utf-8"), ox.RdfFormat.TURTLE, len(description)),
        Output("network.html", page.encode("utf-8")),
    ]


def run_build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Path], None] | None = None,
    judgements: Path | None = None,
    validate: bool = True,
    reason: bool = False,
    cache_dir: Path | None = None,
    jobs: int = 1,
    article_budget: float | None = DEFAULT_ARTICLE_BUDGET,
) -> BuildResult:
    """Build the graph of ``inputs`` (files or folders) and write graph.ttl, graph.trig (one named graph per article), void.ttl and network.html to ``out_dir``.

    Hand ``judgements`` (default ``data/judgements.yaml`` if it exists) steer
    resolution; ``validate`` runs the SHACL shapes (the report is returned,
    the files are written either way); ``reason`` adds the OWL-RL inferences
    in their own named graph. Articles that are copies of one story
    (``graph.duplicates``) are found and reported; they stay separate
    sources but never double a count. With a ``cache_dir``, an article whose bytes
    and extractor are unchanged since the last build is not extracted again,
    and the others are extracted over ``jobs`` processes. An article whose
    extraction takes more than ``article_budget`` CPU seconds is skipped.
    """
    files = collect_inputs(inputs)
    if not files:
        raise InputError(Path(inputs[0]) if inputs else Path("."), "no article (.txt, .html, .htm) or facts (.json) files found")
    if judgements is not None and not judgements.exists():
        raise InputError(judgements, "no such judgements file")
    judged = read_judgements(judgements if judgements is not None else DEFAULT_JUDGEMENTS)
    with OutputFolder(out_dir) as folder:
        folder.check_space(folder.current_size())
        if on_start is not None:
            on_start(len(files))
        cache = None
        if cache_dir is not None:
            bundles, errors, cache = load_all_cached(files, cache_dir, jobs, on_done=on_done, budget=article_budget)
        else:
            bundles, errors = load_all(files, on_done=on_done, budget=article_budget)
        if not bundles:
            if len(errors) == 1:
                raise errors[0]
            raise InputError(files[0].parent, f"none of the {len(files)} input files could be read; first: {errors[0]}")
        copy_of, copies = find_article_copies(bundles, article_texts(files, bundles, cache_dir))
        dataset, stats = build_dataset(bundles, base=base, judgements=judged, copy_of=copy_of)
        result = BuildResult(dataset=dataset, stats=stats, inputs=files, errors=errors, cache=cache,
                             warnings=list(cache.warnings) if cache is not None else [], copies=copies)
        if reason:
            result.inferred = add_inferred(dataset, base=base)
        if validate:
            result.validation = validate_graph(export.union_graph(dataset))
        result.outputs = folder.publish(render_outputs(dataset, base))
    return result
