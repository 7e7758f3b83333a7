"""The extractor's work grows linearly with hostile input: counted in executed lines of lankg's code, not timed.

Each generator repeats one construction that a careless stage handles in
quadratic time (a post followed by thousands of capitalised words, a sentence
of thousands of "dengan X" clauses, "mewakili" chains, scope cues, lists joined
by "dan"). Doubling the input must no more than about double the lines run
(a line count is exact and does not depend on the machine's speed, and it sees
loops inside comprehensions, which function-call counts miss); the speed
itself is in benchmarks/bench_extract.py. Work inside the regex engine is not
counted: patterns are kept linear by construction (no nested quantifiers) and
tests/reliability/test_extract_hostile.py bounds it on megabytes.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef

GENERATORS = {
    "capitalised words after a post": lambda n: "Kepala " + " ".join("Abcde" for _ in range(n)),
    "one prefix for a long list": lambda n: "Pemerintah Kabupaten " + ", ".join("Sleman" for _ in range(n)),
    "antara with a long list": lambda n: "antara " + " dan ".join("LAN" for _ in range(n)) + " menandatangani MoU.",
    "dengan clauses": lambda n: "LAN menandatangani MoU " + " ".join("dengan Pemkab Sleman" for _ in range(n)),
    "signers after oleh": lambda n: "ditandatangani oleh " + ", ".join("Bupati Sleman Budi Santoso" for _ in range(n)),
    "stand-ins": lambda n: " ".join("Bupati Sleman Budi Santoso mewakili" for _ in range(n)),
    "scope cues": lambda n: " ".join("MoU tentang inovasi," for _ in range(n)),
    "parentheses after a post": lambda n: "Bupati " + " ".join("(X)" for _ in range(n)),
    "sentences with officials": lambda n: " ".join(f"Bupati Sleman Budi Santoso{i % 7} hadir." for i in range(n)),
}


PACKAGE = str(Path(__file__).resolve().parents[2])


def _calls(text: str) -> int:
    """Lines of the package executed while extracting ``text`` (a second time: compiling is out of the count)."""
    article = Article(ArticleRef("hostile.txt"), text, Path("hostile.txt"))
    extract_facts(article)
    count = 0

    def line(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return line

    def call(frame: FrameType, event: str, arg: Any) -> Any:
        return line if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(call)
    try:
        extract_facts(article)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", list(GENERATORS))
def test_doubling_hostile_input_at_most_doubles_the_work(name: str) -> None:
    small, large = _calls(GENERATORS[name](1000)), _calls(GENERATORS[name](2000))
    assert large <= 2.4 * small, f"{name}: {small} lines run for n, {large} for 2n"


@settings(max_examples=15, deadline=None)
@given(st.lists(st.sampled_from(["Kepala", "Bupati", "Sleman", "dan", "dengan", "mewakili", "MoU", "tentang",
                                 "LAN", "(X)", ",", "Dr.", "H.", "Pemkab", "antara", "oleh", "inovasi", "Budi"]),
                min_size=20, max_size=60))
def test_any_repeated_mix_of_cue_words_stays_linear(words: list[str]) -> None:
    unit = " ".join(words)
    small, large = _calls(" ".join([unit] * 15)), _calls(" ".join([unit] * 30))
    assert large <= 2.5 * small, f"{unit!r}: {small} lines run for 15 copies, {large} for 30"
