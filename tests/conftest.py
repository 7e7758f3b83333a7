"""Shared fixtures: paths to the bundled sample data and a helper for external programs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SAMPLE_ARTICLES = ROOT / "data" / "articles"
GOLD_DIR = TESTS / "data" / "gold"


def require_program(path_or_name: str) -> str:
    """The program's path; skip the test when it is missing, unless CI demands every program."""
    found = path_or_name if os.path.exists(path_or_name) else shutil.which(path_or_name)
    if found:
        return found
    message = f"{path_or_name} is not installed (make system-deps installs it)"
    if os.environ.get("LANKG_REQUIRE_EXTERNAL"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def sample_articles() -> Path:
    return SAMPLE_ARTICLES


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    return GOLD_DIR
