"""Read a news article file into an ``Article``: its text, unchanged, and a reference to it.

The text is kept as read (after UTF-8 decoding and BOM removal), so every
character span the extractor reports indexes into the file's content; only
control characters other than tab and line ends become spaces, one for one,
so that no escape sequence or NUL reaches the graph and the offsets stay.
A sidecar ``NAME.source`` beside ``NAME.txt`` holds the page's address on its
first line (the convention of shared/devset); the extractor reads a
publication date from it where the address carries one (``/2018/09/``).

A saved web page (``.html``, ``.htm``) is read by ``lankg.loaders.html``: its
text is the page's main text, so spans index into that, and its headline,
canonical address, outlet, author and publication date come with it.

A ``sources.csv`` in the article's folder (``lankg.loaders.sources``) gives
address, outlet, publication date and retrieval date for many articles at
once. What the person saving the page wrote down wins over what the page
declares: a sidecar's or the CSV's address over the canonical one, the CSV's
outlet and date over the page's. A sidecar and a CSV row giving two different
addresses for one article are an ``InputError``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from lankg import values
from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.loaders.html import HTML_SUFFIXES, Page, read_page
from lankg.loaders.sources import SOURCES_CSV, source_of
from lankg.records import ArticleRef

_HTML_MARKERS = ("<!doctype html", "<html", "<body", "<head", "<script", "<div")


@dataclass(frozen=True, slots=True)
class Article:
    """One article: where it came from and its text."""

    ref: ArticleRef
    text: str
    path: Path
    url: str | None = None
    """The page's address: from the sidecar ``.source`` file or ``sources.csv``, else a web page's canonical address."""
    title: str | None = None
    """The headline a web page declares."""
    outlet: str | None = None
    """The site or outlet that published it."""
    author: str | None = None
    published: str | None = None
    """ISO ``YYYY-MM-DD`` publication date (``sources.csv``, else what a web page declares)."""
    retrieved: str | None = None
    """ISO ``YYYY-MM-DD`` date the page was saved (``sources.csv``)."""


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
    """Read one article, plain text or a saved web page; raise ``InputError`` naming the file when it is not one."""
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_article(path)
    text = values.without_controls(read_text_checked(path))
    if not text.strip():
        raise InputError(path, "file holds only whitespace and control characters")
    head = text[:2048].lstrip().lower()
    if any(head.startswith(marker) or f"\n{marker}" in head for marker in _HTML_MARKERS):
        raise InputError(path, "looks like HTML; save a web page as .html (or .htm) for lankg to read its main text")
    return _article(path, Page(text=text))


def read_html_article(path: Path) -> Article:
    """Read a saved web page: its main text (which spans index into) and its metadata."""
    return _article(path, read_page(path))


def _article(path: Path, page: Page) -> Article:
    """The article of ``path`` with text and metadata ``page``, the sidecar's and ``sources.csv``'s metadata over the page's."""
    sidecar = read_source_url(path)
    row = source_of(path)
    if sidecar is not None and row is not None and row.url is not None and row.url != sidecar:
        raise InputError(path.parent / SOURCES_CSV, f"gives {path.name} the address {row.url}, "
                         f"its sidecar {path.with_suffix('.source').name} {sidecar}")
    url = sidecar or (row.url if row is not None else None) or page.url
    outlet = (row.outlet if row is not None else None) or page.outlet
    published = (row.published if row is not None else None) or page.published
    retrieved = row.retrieved if row is not None else None
    digest = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
    ref = ArticleRef(doc=path.name, sha256=digest, url=url, title=page.title, outlet=outlet, published=published, retrieved=retrieved)
    return Article(ref=ref, text=page.text, path=path, url=url, title=page.title, outlet=outlet, author=page.author,
                   published=published, retrieved=retrieved)
