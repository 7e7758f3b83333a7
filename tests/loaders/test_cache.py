"""Incremental, parallel loading: the cache serves unchanged articles and the result is load_all's."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lankg.errors import InputError
from lankg.loaders import collect_inputs, load_all
from lankg.loaders.cache import cache_path, extractor_version, load_all_cached, read_entry

pytestmark = pytest.mark.scale


@pytest.fixture()
def corpus(tmp_path: Path, sample_articles: Path, gold_dir: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(sample_articles, folder)
    # one curated facts file overriding extraction of its article, and one bad article
    shutil.copy(gold_dir / "002_ed660c4d7e1d7b7b.json", folder / "002_curated.json")
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    return folder


def test_same_result_as_load_all_and_second_run_extracts_nothing(corpus: Path, tmp_path: Path) -> None:
    files = collect_inputs([corpus])
    expected_bundles, expected_errors = load_all(files)
    cache = tmp_path / "cache"
    first = load_all_cached(files, cache, jobs=2)
    assert first.bundles == expected_bundles
    assert [str(e) for e in first.errors] == [str(e) for e in expected_errors]
    assert len(first.errors) == 1 and "bad.txt" in str(first.errors[0])
    assert next(b for b in first.bundles if b.doc == "002_ed660c4d7e1d7b7b.txt").curated
    assert (first.stats.extracted, first.stats.hits, first.stats.curated) == (6, 0, 1)
    assert len(list(cache.rglob("*.json"))) == 5  # the bad article is not cached

    done: list[Path] = []
    second = load_all_cached(files, cache, jobs=2, on_done=done.append)
    assert second.bundles == expected_bundles
    assert (second.stats.extracted, second.stats.hits) == (1, 5)  # only the bad file is tried again
    assert sorted(done) == files


def test_a_changed_article_alone_is_extracted_again(corpus: Path, tmp_path: Path) -> None:
    files = [p for p in collect_inputs([corpus]) if p.name != "bad.txt"]
    cache = tmp_path / "cache"
    before = {b.doc: b for b in load_all_cached(files, cache).bundles}
    changed = corpus / "003_2b5d0ca615fe9577.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTambahan paragraf.\n", encoding="utf-8")
    run = load_all_cached(files, cache, jobs=2)
    assert (run.stats.extracted, run.stats.hits) == (1, 4)
    after = {b.doc: b for b in run.bundles}
    assert after[changed.name] != before[changed.name]
    assert after[changed.name] == load_all([changed])[0][0]
    assert {d: b for d, b in after.items() if d != changed.name} == {
        d: b for d, b in before.items() if d != changed.name
    }


def test_a_corrupt_cache_file_is_ignored_and_rewritten(corpus: Path, tmp_path: Path) -> None:
    article = corpus / "000_c565890aab359401.txt"
    cache = tmp_path / "cache"
    (expected,) = load_all_cached([article], cache).bundles
    key = hashlib.sha256(article.read_bytes()).hexdigest()
    cached = cache_path(cache, key)
    assert cached.is_file() and cached.parent.parent.name == extractor_version()
    cached.write_text('{"doc": "000_c565890aab359401.txt", "events": [', encoding="utf-8")
    run = load_all_cached([article], cache)
    assert (run.stats.extracted, run.stats.corrupt, run.stats.hits) == (1, 1, 0)
    assert run.bundles == [expected]
    assert read_entry(cached, key) == expected  # rewritten, readable again
    assert load_all_cached([article], cache).stats.hits == 1


def test_same_bytes_under_another_name_are_that_document(corpus: Path, tmp_path: Path) -> None:
    article = corpus / "000_c565890aab359401.txt"
    copy = corpus / "copy.txt"
    shutil.copy(article, copy)
    cache = tmp_path / "cache"
    load_all_cached([article], cache)
    run = load_all_cached([copy], cache)
    assert run.stats.hits == 1 and [b.doc for b in run.bundles] == ["copy.txt"]


def test_serial_and_parallel_agree_and_missing_files_are_errors(corpus: Path, tmp_path: Path) -> None:
    files = collect_inputs([corpus]) + [corpus / "missing.txt"]
    serial = load_all_cached(files, tmp_path / "c1", jobs=1)
    parallel = load_all_cached(files, tmp_path / "c2", jobs=2)
    assert serial.bundles == parallel.bundles
    assert [str(e) for e in serial.errors] == [str(e) for e in parallel.errors]
    assert all(isinstance(e, InputError) for e in parallel.errors)
    assert any("missing.txt" in str(e) and "no such file" in str(e) for e in parallel.errors)
