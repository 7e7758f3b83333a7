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
from lankg.graph import export
from lankg.graph.build import BuildStats, build_dataset
from lankg.graph.store import GraphStore
from lankg.loaders import collect_inputs, load_all
from lankg.ontology.namespaces import DEFAULT_BASE
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


def run_build(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    base: str = DEFAULT_BASE,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Path], None] | None = None,
) -> BuildResult:
    """Build the graph of ``inputs`` (files or folders) and write graph.ttl, graph.trig (one named graph per article) and network.html to ``out_dir``."""
    files = collect_inputs(inputs)
    if not files:
        raise InputError(Path(inputs[0]) if inputs else Path("."), "no article (.txt) or facts (.json) files found")
    if on_start is not None:
        on_start(len(files))
    bundles, errors = load_all(files, on_done=on_done)
    if not bundles:
        if len(errors) == 1:
            raise errors[0]
        raise InputError(files[0].parent, f"none of the {len(files)} input files could be read; first: {errors[0]}")
    dataset, stats = build_dataset(bundles, base=base)
    result = BuildResult(dataset=dataset, stats=stats, inputs=files, errors=errors)
    graph_path = out_dir / "graph.ttl"
    export.write(dataset, graph_path, "ttl")
    trig_path = out_dir / "graph.trig"
    export.write(dataset, trig_path, "trig")
    html_path = out_dir / "network.html"
    write_network_html(institution_network(GraphStore.from_dataset(dataset)), html_path)
    result.outputs += [graph_path, trig_path, html_path]
    return result
