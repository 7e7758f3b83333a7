"""Read a saved news page (``.html``, ``.htm``) into its main text and its metadata.

The main text comes from trafilatura, which drops what is not the story:
navigation, ads, related-article lists, comment widgets, scripts and styles;
"Baca juga" blocks and related-article boxes are pruned before it runs. That
text is the article's text: every span the extractor reports indexes into
it, and its SHA-256 is the article's digest. The page's metadata comes with
it: headline, canonical address, site name (the outlet), author and
publication date, the date from htmldate where trafilatura finds none.

The page is only parsed, never run: scripts, styles and event-handler
attributes never reach the text. A page that is too large, has too many
elements, is not text, is not in the encoding it declares (and not UTF-8
either), cannot be parsed or holds no main text is an ``InputError`` naming
the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from lankg import values
from lankg.errors import InputError
from lankg.fileio import MAX_INPUT_BYTES, read_bytes_checked

HTML_SUFFIXES = (".html", ".htm")
#: Pages with more elements than this are refused: a news page has a few thousand.
MAX_ELEMENTS = 100_000
#: Elements removed before extraction: "Baca juga" (read also) blocks and related-article boxes.
PRUNE_XPATH = [
    "//*[self::p or self::div or self::span or self::strong or self::li][starts-with(translate(normalize-space(.),"
    " 'BACJUGPL', 'bacjugpl'), 'baca juga') or starts-with(translate(normalize-space(.), 'BACJUGPL', 'bacjugpl'), 'baca pula')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' baca-juga ') or contains(@class, 'related')"
    " or contains(@class, 'terkait') or contains(@id, 'related') or contains(@class, 'comment') or contains(@id, 'comment')]",
]
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Page:
    """What a saved page holds: its main text and the metadata it declares."""

    text: str
    """The main text, as trafilatura gives it (control characters made spaces)."""
    title: str | None = None
    """The headline."""
    url: str | None = None
    """The canonical address (``<link rel=canonical>``, else ``og:url``)."""
    outlet: str | None = None
    """The site name (``og:site_name`` and the like)."""
    author: str | None = None
    published: str | None = None
    """ISO ``YYYY-MM-DD`` publication date."""


def declared_charset(raw: bytes) -> str | None:
    """The encoding the page's ``<meta charset>`` (or http-equiv content type) declares, normalised by codecs; None without one."""
    m = _CHARSET.search(raw[:4096])
    if m is None:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None


def decode_page(path: Path, raw: bytes) -> str:
    """The page's text: UTF-8 whatever it declares, else the encoding it declares; ``InputError`` when neither fits."""
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), expected an HTML page")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc
    declared = declared_charset(raw)
    if declared is None or declared == "utf-8":
        said = "declares UTF-8" if declared == "utf-8" else "declares no encoding"
        line = raw[: bad.start].count(b"\n") + 1
        raise InputError(path, f"page {said} but is not valid UTF-8 (byte 0x{raw[bad.start]:02x} at offset {bad.start})", line=line)
    try:
        return raw.decode(declared)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"page is neither UTF-8 nor the {declared} it declares (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                         line=line) from None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(values.without_controls(value).split())
    return text or None


def _http(value: str | None) -> str | None:
    return value if value and value.startswith(("http://", "https://")) and not any(c.isspace() for c in value) else None


def read_page(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Page:
    """The main text and metadata of the saved page ``path``, or an ``InputError`` naming it and saying why not."""
    import htmldate
    import trafilatura
    from trafilatura.settings import Document

    markup = decode_page(path, read_bytes_checked(path, max_bytes=max_bytes))
    if not markup.strip():
        raise InputError(path, "file holds only whitespace")
    try:
        tree = trafilatura.load_html(markup)
    except Exception as exc:  # lxml raises many kinds on broken markup
        raise InputError(path, f"cannot be parsed as HTML ({type(exc).__name__})") from None
    if tree is None:
        raise InputError(path, "cannot be parsed as HTML")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise InputError(path, f"page has {elements:,} elements, over the {MAX_ELEMENTS:,}-element limit")
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, include_images=False,
            favor_precision=True, prune_xpath=PRUNE_XPATH, date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura gives up on some malformed trees with internal errors
        raise InputError(path, f"no article text could be extracted from the page ({type(exc).__name__})") from None
    if not isinstance(doc, Document):
        raise InputError(path, "no main text found in the page (is it an article page?)")
    text = values.without_controls(doc.text or "")
    if not text.strip():
        raise InputError(path, "no main text found in the page (is it an article page?)")
    published = _clean(doc.date)
    if published is None:
        try:
            published = _clean(htmldate.find_date(markup, extensive_search=False, original_date=True))
        except Exception:  # htmldate on odd markup: no date is an answer
            published = None
    return Page(
        text=text,
        title=_clean(doc.title),
        url=_http(_clean(doc.url)),
        outlet=_clean(doc.sitename),
        author=_clean(doc.author),
        published=published if published and _ISO_DATE.match(published) else None,
    )
