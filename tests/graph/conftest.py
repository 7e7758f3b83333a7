"""Fixtures of the graph tests: the gold facts, anchored in the sample articles, built once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from lankg.loaders.anchor import anchor_spans
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


@pytest.fixture(scope="session")
def require(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """``require_program`` of tests/conftest.py (conftest modules cannot be imported under --import-mode=importlib)."""
    for plugin in request.config.pluginmanager.get_plugins():
        if getattr(plugin, "__file__", None) == str(ROOT / "tests" / "conftest.py"):
            return plugin.require_program  # type: ignore[no-any-return]
    raise LookupError("tests/conftest.py is not loaded")


@pytest.fixture(scope="session")
def gold_facts_dir() -> Path:
    return GOLD
