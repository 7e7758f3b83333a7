"""The main job: inputs → facts → knowledge graph → files in the output folder.

The output folder is locked for the whole build, and the outputs of a build
are switched in together, once each RDF file has been parsed back
(``lankg.outfolder``); a bad input file is reported and skipped, so a failed
or partial run never destroys what an earlier run built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from lankg.errors import InputError
from lankg.graph.build import BuildStats, build_dataset
from lankg.graph.describe import describe
from lankg.graph.reason import add_inferred
from lankg.graph.resolve import DEFAULT_JUDGEMENTS, read_judgements
from lankg.graph.validate import ValidationReport, validate_graph
from lankg.loaders import SAMPLE_CORPUS, collect_inputs, load_all
from lankg.loaders.budget import DEFAULT_ARTICLE_BUDGET
from lankg.loaders.cache import CacheStats, load_all_cached
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.outfolder import Output, OutputFolder
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
    in their own named graph. With a ``cache_dir``, an article whose bytes
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
        dataset, stats = build_dataset(bundles, base=base, judgements=judged)
        result = BuildResult(dataset=dataset, stats=stats, inputs=files, errors=errors, cache=cache,
                             warnings=list(cache.warnings) if cache is not None else [])
        if reason:
            result.inferred = add_inferred(dataset, base=base)
        if validate:
            result.validation = validate_graph(export.union_graph(dataset))
        result.outputs = folder.publish(render_outputs(dataset, base))
    return result
