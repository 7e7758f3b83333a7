"""The main job: inputs → facts → knowledge graph → files in the output folder.

Every output is written atomically, and a bad input file is reported and
skipped, so a failed or partial run never destroys what an earlier run built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.graph import export
from lankg.graph.anchor import anchor_spans
from lankg.graph.build import BuildStats, build_dataset
from lankg.graph.describe import describe
from lankg.graph.reason import add_inferred
from lankg.graph.resolve import DEFAULT_JUDGEMENTS, read_judgements
from lankg.graph.store import GraphStore
from lankg.graph.validate import ValidationReport, validate_graph
from lankg.loaders import collect_inputs, load_all
from lankg.loaders.cache import CacheStats, load_all_cached
from lankg.ontology.namespaces import DEFAULT_BASE
from lankg.records import FactBundle
from lankg.viz.html import write_network_html
from lankg.viz.project import institution_network

#: The bundled sample corpus, used when no input is given.
SAMPLE_CORPUS = Path(__file__).resolve().parent / "data" / "articles"


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
) -> BuildResult:
    """Build the graph of ``inputs`` (files or folders) and write graph.ttl, graph.trig (one named graph per article), void.ttl and network.html to ``out_dir``.

    Hand ``judgements`` (default ``data/judgements.yaml`` if it exists) steer
    resolution; ``validate`` runs the SHACL shapes (the report is returned,
    the files are written either way); ``reason`` adds the OWL-RL inferences
    in their own named graph. With a ``cache_dir``, an article whose bytes
    and extractor are unchanged since the last build is not extracted again,
    and the others are extracted over ``jobs`` processes.
    """
    files = collect_inputs(inputs)
    if not files:
        raise InputError(Path(inputs[0]) if inputs else Path("."), "no article (.txt) or facts (.json) files found")
    if judgements is not None and not judgements.exists():
        raise InputError(judgements, "no such judgements file")
    judged = read_judgements(judgements if judgements is not None else DEFAULT_JUDGEMENTS)
    if on_start is not None:
        on_start(len(files))
    cache = None
    if cache_dir is not None:
        bundles, errors, cache = load_all_cached(files, cache_dir, jobs, on_done=on_done)
    else:
        bundles, errors = load_all(files, on_done=on_done)
    if not bundles:
        if len(errors) == 1:
            raise errors[0]
        raise InputError(files[0].parent, f"none of the {len(files)} input files could be read; first: {errors[0]}")
    bundles = [_anchored(b, files) for b in bundles]
    dataset, stats = build_dataset(bundles, base=base, judgements=judged)
    result = BuildResult(dataset=dataset, stats=stats, inputs=files, errors=errors, cache=cache)
    if reason:
        result.inferred = add_inferred(dataset, base=base)
    if validate:
        result.validation = validate_graph(export.union_graph(dataset))
    graph_path = out_dir / "graph.ttl"
    export.write(dataset, graph_path, "ttl")
    trig_path = out_dir / "graph.trig"
    export.write(dataset, trig_path, "trig")
    void_path = out_dir / "void.ttl"
    export.write_graph(describe(dataset, base), void_path)
    html_path = out_dir / "network.html"
    write_network_html(institution_network(GraphStore.from_dataset(dataset)), html_path)
    result.outputs += [graph_path, trig_path, void_path, html_path]
    return result


def _anchored(bundle: FactBundle, files: Sequence[Path]) -> FactBundle:
    """A curated bundle with spans found in its article: the .txt among the inputs, else the sample corpus."""
    if not bundle.curated:
        return bundle
    candidates = [f for f in files if f.name == bundle.doc] + [SAMPLE_CORPUS / bundle.doc]
    for path in candidates:
        if path.is_file():
            try:
                return anchor_spans(bundle, read_text_checked(path))
            except InputError:
                continue
    return bundle
