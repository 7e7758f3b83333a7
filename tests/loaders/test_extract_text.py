"""``find_phrase`` finds exactly what the regex it replaces finds, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lankg.loaders.extract.text import find_phrase, flexible

ALPHABET = st.sampled_from(list("ab A-._\n\t é1"))


def _by_regex(text: str, phrase: str, not_before: str, not_after: str) -> list[tuple[int, int]]:
    before = re.escape(not_before)
    after = re.escape(not_after)
    pattern = rf"(?<![\w{before}]){flexible(phrase)}(?![\w{after}])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


@settings(max_examples=400, deadline=None)
@given(text=st.text(ALPHABET, max_size=40), phrase=st.text(ALPHABET, min_size=1, max_size=6),
       not_before=st.sampled_from(["", "-", ".-"]), not_after=st.sampled_from(["", "-"]))
def test_find_phrase_matches_the_regex(text: str, phrase: str, not_before: str, not_after: str) -> None:
    if not phrase.split():
        return
    found = [(s.start, s.end) for s in find_phrase(text, phrase, not_before=not_before, not_after=not_after)]
    assert found == _by_regex(text, phrase, not_before, not_after)


def test_whitespace_between_words_and_word_boundaries() -> None:
    text = "Budi  Hartono, budi Hartono-Putra, Budi\nHartono."
    assert [text[s.start:s.end] for s in find_phrase(text, "Budi Hartono")] == ["Budi  Hartono", "Budi\nHartono"]
