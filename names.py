"""The name normalisers, in one place: each is for one purpose, and each is pinned by what depends on it.

- ``normalise_key``: case-, accent- and whitespace-insensitive, punctuation
  kept; the key that institution, official and membership IRIs are hashed from
  (changing it changes IRIs), and how resolution and the views match names.
- ``normalise_phrase``: lower-case words, punctuation dropped; how scope
  phrases are matched against the labels of the scope scheme.

The scorer's normalisers (``lankg.evaluate``) copy the reference scorer's
rules on purpose and live beside it.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w]+")


def normalise_key(text: str) -> str:
    """Case-, accent- and whitespace-insensitive form of a name, for keys and matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped).strip().casefold()


def normalise_phrase(text: str) -> str:
    """Lower-case words separated by single spaces, punctuation dropped."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


__all__ = ["normalise_key", "normalise_phrase"]
