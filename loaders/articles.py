"""Read a news article file into an ``Article``: its text, unchanged, and a reference to it.

The text is kept as read (after UTF-8 decoding and BOM removal), so every
character span the extractor reports indexes into the file's content; only
control characters other than tab and line ends become spaces, one for one,
so that no escape sequence or NUL reaches the graph and the offsets stay.
A sidecar ``NAME.source`` beside ``NAME.txt`` holds the page's address on its
first line (the convention of shared/devset); the extractor reads a
publication date from it where the address carries one (``/2018/09/``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lankg import values
from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.records import ArticleRef

_HTML_MARKERS = ("<!doctype html", "<html", "<body", "<head", "<script", "<div")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: where it came from and its text."""

    ref: ArticleRef
    text: str
    path: Path
    url: str | None = None
    """The page's address, from the sidecar ``.source`` file, if there is one."""


def read_source_url(path: Path) -> str | None:
    """The address in the sidecar ``.source`` file of article ``path``; None without one.

    A sidecar that is not one http(s) address on its first line is an ``InputError`` naming it.
    """
    sidecar = path.with_suffix(".source")
    if sidecar == path or not sidecar.is_file():
        return None
    lines = read_text_checked(sidecar, max_bytes=64 * 1024).strip().splitlines()
    url = lines[0].strip() if lines else ""
    if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
        raise InputError(sidecar, "expected the page's http(s) address on the first line", line=1)
    return url


def read_article(path: Path) -> Article:
    """Read one plain-text article; raise ``InputError`` naming the file when it is not one."""
    text = values.without_controls(read_text_checked(path))
    if not text.strip():
        raise InputError(path, "file holds only whitespace and control characters")
    head = text[:2048].lstrip().lower()
    if any(head.startswith(marker) or f"\n{marker}" in head for marker in _HTML_MARKERS):
        raise InputError(path, "looks like HTML; lankg reads articles as plain text (save the article's text first)")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(ref=ArticleRef(doc=path.name, sha256=digest), text=text, path=path, url=read_source_url(path))
