"""Shared fixtures: paths to the bundled sample data and a helper for external programs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
SAMPLE_ARTICLES = ROOT / "data" / "articles"
GOLD_DIR = TESTS / "data" / "gold"
#: The shared folder beside the repository (development set, reference scorer); LANKG_SHARED points elsewhere.
SHARED = Path(os.environ.get("LANKG_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A path under the shared folder; skip the test, saying why, when it is not there.

    The development set holds third-party news pages, so it is read in place
    and never copied into the repository.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists() and os.environ.get("LANKG_REQUIRE_EXTERNAL"):
        pytest.fail(f"{path} is not here, and CI runs the tests that read the development set in place")
    if not path.exists():
        pytest.skip(f"{path} is not here (the development set and reference scorer live in ../shared; set LANKG_SHARED)")
    return path


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


#: How the browser tests start Debian's chromium: headless, and quiet on this machine's closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Debian chromium (a Playwright persistent context with a new empty profile) for the session."""
    executable = require_program("/usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield context
        context.close()
