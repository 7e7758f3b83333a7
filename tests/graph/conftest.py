"""Fixtures of the graph tests: the gold facts, anchored in the sample articles, built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.graph.anchor import anchor_spans
from lankg.loaders.facts_json import read_facts
from lankg.pipeline import BuildResult, run_build
from lankg.records import FactBundle

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
ARTICLES = ROOT / "data" / "articles"


def gold_bundles() -> list[FactBundle]:
    """The five gold facts files as curated bundles, spans found in their articles."""
    bundles = []
    for path in sorted(GOLD.glob("*.json")):
        bundle = read_facts(path, curated=True)
        bundles.append(anchor_spans(bundle, (ARTICLES / bundle.doc).read_text(encoding="utf-8")))
    return bundles


@pytest.fixture(scope="session")
def gold() -> list[FactBundle]:
    return gold_bundles()


@pytest.fixture(scope="session")
def gold_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """``run_build`` of the gold facts folder (validated, not reasoned)."""
    out = tmp_path_factory.mktemp("gold-build")
    return run_build([GOLD], out, judgements=None)
