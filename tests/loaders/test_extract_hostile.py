"""The extractor on hostile text finishes with a FactBundle or an InputError, in a child process with a generous bound.

A pathological regex or a quadratic loop would run into the bound and fail
the test (1 MB of "Kepala LAN Dr. " once took over two minutes); the bound
is not a speed target (benchmarks/bench_extract.py measures speed).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MB = 1_000_000
CHILD = r"""
import json, sys
from pathlib import Path
from lankg.errors import InputError
from lankg.loaders.articles import read_article
from lankg.loaders.extract import extract_facts
for path in map(Path, sys.argv[1:]):
    try:
        bundle = extract_facts(read_article(path))
        outcome = ["FactBundle", len(bundle.institutions), len(bundle.officials)]
    except InputError as exc:
        outcome = ["InputError", str(exc)]
    print(json.dumps([path.name, outcome]), flush=True)
"""


def hostile_texts() -> dict[str, str]:
    import random

    rng = random.Random(8)
    blocks = [(0x20, 0x7F), (0xA0, 0x2FFF), (0x3000, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x1FFFF)]
    unicode_soup = "".join(chr(rng.randrange(*rng.choice(blocks))) for _ in range(100_000))
    return {
        "bupati": "Bupati " * (MB // 7),
        "pemerintah_kabupaten": "Pemerintah Kabupaten " * (MB // 21),
        "kepala_lan_dr": "Kepala LAN Dr. " * (MB // 15),
        "one_long_line": "Kerja sama LAN dengan Pemerintah Kota Bandung " * (MB // 46),
        "unicode_soup": unicode_soup,
        "html": "<html><body>" + "<p>Bupati</p>" * 1000 + "</body></html>",
    }


def test_hostile_text_ends_in_a_bundle_or_an_input_error(tmp_path: Path) -> None:
    paths = []
    for name, text in hostile_texts().items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    child = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)], capture_output=True, text=True, timeout=600)
    assert child.returncode == 0, child.stderr[-2000:]
    results = dict(json.loads(line) for line in child.stdout.splitlines())
    assert set(results) == {p.name for p in paths}
    for name, outcome in results.items():
        assert outcome[0] in ("FactBundle", "InputError"), name
    assert results["html.txt"][0] == "InputError" and "looks like HTML" in results["html.txt"][1]
    assert results["bupati.txt"][0] == "FactBundle"
