"""The package passes mypy (configured in pyproject.toml): a wrong type fails the suite, as a lint error does (test_lint.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    # The repository root is the package: mypy reads it through a link named after the import name.
    (tmp_path / "lankg").symlink_to(ROOT, target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
         "-p", "lankg"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
