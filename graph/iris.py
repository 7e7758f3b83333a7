"""Mint stable IRIs from raw key parts.

An IRI is ``<base><kind>/<digest>`` where the digest hashes the kind and the
key parts, so two kinds never collide and the same key gives the same IRI on
every rebuild. The only readable IRIs are those of an authority-issued code: a
region's Kemendagri code. A person's IRI is never a slug of the name.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from lankg import values
from lankg.records import ArticleRef


def mint(base: str, kind: str, *parts: str) -> URIRef:
    """``<base><kind>/<16 hex digits>`` from the kind and the non-empty key parts; refuses an empty key."""
    if not any(p.strip() for p in parts):
        raise ValueError(f"cannot mint a {kind} IRI from an empty key")
    digest = hashlib.sha256("\x1f".join((kind, *parts)).encode("utf-8")).hexdigest()[:16]
    return URIRef(f"{base}{kind}/{digest}")


def article_key(source: ArticleRef) -> str:
    """What identifies an article, never its file name where there is more: its address, else the SHA-256 of its text.

    Renaming a file changes no IRI. Only a curated facts file that gives neither is known by its ``doc`` name.
    """
    if source.url:
        return f"url:{source.url}"
    if source.sha256:
        return f"sha256:{source.sha256}"
    return source.doc


def region_iri(base: str, code: str) -> URIRef:
    """A regional government's IRI carries its Kemendagri code: ``<base>region/81.03``."""
    return URIRef(f"{base}region/{values.kemendagri_code(code)}")


def graph_iri(base: str, name: str) -> URIRef:
    """A named graph of the dataset that is not an article's: ``<base>graph/<name>``."""
    return URIRef(f"{base}graph/{name}")
