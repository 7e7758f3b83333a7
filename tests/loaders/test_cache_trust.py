"""The extraction cache trusts nothing: each entry must match its key, its extractor and its own digest, and its key covers every file the extractor reads.

A bad entry is extracted again with a warning; a cache folder that cannot be
used means building without it, with a warning; an edited lexicon YAML (and
any new file beside it) changes the key, shown end to end by a real
`lankg build` of a copy of the package whose lexicon is then edited.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lankg.loaders import load_all
from lankg.loaders.cache import cache_path, extractor_files, extractor_version, load_all_cached

pytestmark = pytest.mark.scale

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "articles"
TWO = [SAMPLE / "000_c565890aab359401.txt", SAMPLE / "001_7a100b7bdb4d91bc.txt"]


def entry_of(cache: Path, article: Path) -> Path:
    return cache_path(cache, hashlib.sha256(article.read_bytes()).hexdigest())


def test_swapped_entries_are_extracted_again_with_a_warning(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = load_all_cached(TWO, cache).bundles
    first, second = (entry_of(cache, a) for a in TWO)
    first_text, second_text = first.read_bytes(), second.read_bytes()
    first.write_bytes(second_text)
    second.write_bytes(first_text)
    run = load_all_cached(TWO, cache, jobs=1)
    assert (run.stats.hits, run.stats.corrupt, run.stats.extracted) == (0, 2, 2)
    assert run.bundles == expected == load_all(TWO)[0]
    assert len(run.stats.warnings) == 2 and all("written for another article" in w for w in run.stats.warnings)
    assert load_all_cached(TWO, cache).stats.hits == 2  # rewritten correctly


def test_an_edited_entry_is_extracted_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    (expected,) = load_all_cached(TWO[:1], cache).bundles
    entry = entry_of(cache, TWO[0])
    entry.write_text(entry.read_text(encoding="utf-8").replace("Kabupaten Banjar", "Kabupaten Bandung"), encoding="utf-8")
    run = load_all_cached(TWO[:1], cache)
    assert (run.stats.hits, run.stats.corrupt) == (0, 1)
    assert run.bundles == [expected]
    assert "has been altered" in run.stats.warnings[0] and str(entry) in run.stats.warnings[0]


def test_a_folder_in_place_of_an_entry_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    entry = entry_of(cache, TWO[0])
    entry.mkdir(parents=True)
    run = load_all_cached(TWO, cache, jobs=1)
    assert run.bundles == load_all(TWO)[0]
    assert run.stats.corrupt == 1 and any("is not a file" in w for w in run.stats.warnings)
    assert any("cannot write" in w for w in run.stats.warnings)


def test_a_cache_folder_that_is_a_file_means_no_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder\n", encoding="utf-8")
    run = load_all_cached(TWO, cache, jobs=2)
    assert run.bundles == load_all(TWO)[0]
    assert (run.stats.hits, run.stats.extracted) == (0, 2)
    assert run.stats.warnings == [f"cache folder {cache} cannot be used (Not a directory); building without the cache"]


def test_a_read_only_cache_folder_means_building_without_it(tmp_path: Path) -> None:
    """A real read-only file system (a tmpfs mounted read-only in a private mount namespace) under OUT/.cache."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        if os.environ.get("LANKG_REQUIRE_EXTERNAL"):
            pytest.fail("unshare -m is needed for the read-only file system test")
        pytest.skip("cannot make a private mount namespace here (unshare -m)")
    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    script = 'mount -t tmpfs -o ro,size=64k tmpfs "$1/.cache" && shift && exec "$@"'
    result = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", str(out),
         sys.executable, "-m", "lankg", "build", str(TWO[0]), "--out", str(out), "--no-validate"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "2000"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert f"warning: cache folder {out / '.cache'} cannot be used (Read-only file system); building without the cache" in result.stderr
    assert (out / "graph.trig").stat().st_size > 0


def test_the_key_covers_every_lexicon_and_turtle_file_and_new_ones(tmp_path: Path) -> None:
    names = {p.relative_to(ROOT).as_posix() for p in extractor_files()}
    assert {f"loaders/lexicon/{p.name}" for p in (ROOT / "loaders" / "lexicon").glob("*.yaml")} <= names
    assert {f"ontology/{p.name}" for p in (ROOT / "ontology").glob("*.ttl")} <= names
    assert {"loaders/extract/__init__.py", "ontology/regions.py", "records.py"} <= names
    copy = tmp_path / "lankg"
    for rel in names:
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, copy / rel)
    assert extractor_version(copy) == extractor_version()
    grown = shutil.copytree(copy, tmp_path / "grown")  # another root: extractor_version is computed once per root
    (grown / "loaders" / "lexicon" / "new_words.yaml").write_text("- name: X\n", encoding="utf-8")
    assert extractor_version(grown) != extractor_version()


def package_copy(tmp_path: Path) -> Path:
    """A copy of the lankg package that `python -m lankg` imports instead of this one (PYTHONPATH comes before the editable install)."""
    target = tmp_path / "pkg" / "lankg"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(".venv", ".git", "tests", "benchmarks", "out", "build", "*.egg-info",
                                                                 "__pycache__", ".pytest_cache", ".ruff_cache"))
    return target


def test_an_edited_lexicon_yaml_is_not_ignored_by_a_cached_build(tmp_path: Path) -> None:
    package = package_copy(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(package.parent), "COLUMNS": "2000"}
    out = tmp_path / "out"

    def build() -> str:
        result = subprocess.run([sys.executable, "-m", "lankg", "build", str(TWO[0]), "--out", str(out), "--no-validate"],
                                capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr[-2000:]
        assert str(package) in subprocess.run([sys.executable, "-c", "import lankg; print(lankg.__file__)"],
                                              capture_output=True, text=True, env=env, cwd=tmp_path).stdout
        return result.stdout

    assert "extracted / from cache │ 1 / 0" in build()
    assert "extracted / from cache │ 0 / 1" in build()
    assert "Lembaga Administrasi Negara Pusat" not in (out / "graph.ttl").read_text(encoding="utf-8")
    agencies = package / "loaders" / "lexicon" / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace("- name: Lembaga Administrasi Negara\n", "- name: Lembaga Administrasi Negara Pusat\n", 1), encoding="utf-8")
    assert "extracted / from cache │ 1 / 0" in build()
    assert '"Lembaga Administrasi Negara Pusat"' in (out / "graph.ttl").read_text(encoding="utf-8")
