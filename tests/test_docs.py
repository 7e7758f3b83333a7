"""The project's own pages on the facts format stay in step with the shared specification they copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("page", "source"), [("facts-format.md", "SCHEMA.md"), ("annotation-conventions.md", "CONVENTIONS.md")])
def test_docs_page_is_the_shared_specification(page: str, source: str) -> None:
    ours = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert ours == shared_path("gold", source).read_text(encoding="utf-8"), f"docs/{page} is behind ../shared/gold/{source}: copy it again"


def test_readme_links_the_docs_pages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/facts-format.md" in readme and "docs/annotation-conventions.md" in readme
