"""The closed choices and the defaults of lankg's commands, importable without the RDF stack.

The command line (``lankg.cli``) offers each choice as its enum, so ``--help``
lists the values and shell completion knows them; the stages take the same
enums (each is a ``StrEnum``, so its members are also the plain strings the
library has always accepted). Nothing here imports rdflib or pyoxigraph, so
``lankg --version`` and ``lankg --help`` start at once.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class ExportFormat(StrEnum):
    """The RDF files ``lankg export`` writes."""

    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    trig = "trig"


class AnswerFormat(StrEnum):
    """How ``lankg query`` prints an answer."""

    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


class View(StrEnum):
    """The networks ``lankg viz`` draws."""

    institutions = "institutions"
    officials = "officials"
    scopes = "scopes"


class EntityKind(StrEnum):
    """The resolved entities ``lankg entities`` lists (the kinds a judgements file can name)."""

    institution = "institution"
    official = "official"
    event = "event"


class EntityFormat(StrEnum):
    """How ``lankg entities`` prints the entities: a table to read, CSV or JSON to copy record ids from (never wrapped)."""

    table = "table"
    csv = "csv"
    json = "json"


#: The base IRI instance IRIs are minted under unless ``--base`` says otherwise.
DEFAULT_BASE = "https://w3id.org/lankg/id/"
#: Where ``lankg build`` writes, and where the other commands read the built graph unless told otherwise.
OUT_DIR = Path("out")
BUILT_GRAPH = OUT_DIR / "graph.trig"
#: CPU seconds one article may take to extract unless ``lankg build --article-budget`` says otherwise.
DEFAULT_ARTICLE_BUDGET = 60.0
