"""The real ``lankg`` process answers bad input with one line naming the file, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lankg", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("latin1.txt", "Pemerintah Kabupaten Banjar \xb7 caf\xe9".encode("latin-1"), "not valid UTF-8"),
        ("page.txt", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "looks like HTML"),
        ("page.html", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "no main text found in the page"),
        ("broken.json", b'{"doc": "a.txt", "events": [', "invalid JSON"),
    ],
)
def test_bad_single_input_is_one_clear_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = _run("build", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert f"error: {path}" in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_folder_without_inputs_is_named(tmp_path: Path) -> None:
    result = _run("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "no article (.txt, .html, .htm) or facts (.json) files found" in result.stderr
