"""Typed records passed between the stages: loaders make them, graph/ consumes them.

They mirror the facts format of ``shared/gold/SCHEMA.md`` one to one, plus the
character span of every mention, so extracted facts, gold facts and
hand-curated facts are the same kind of value. All records are frozen: a stage
never edits what an earlier stage made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

InstitutionKind = Literal[
    "central_agency", "ministry", "province", "regency", "city", "free_trade_zone_authority", "university", "other"
]
Mode = Literal["in_person", "virtual", "blended"]
Role = Literal["signatory", "witness", "speaker", "attendee", "representative"]
AgreementType = Literal["MoU", "PKS", "other"]

INSTITUTION_KINDS: tuple[str, ...] = get_args(InstitutionKind)
MODES: tuple[str, ...] = get_args(Mode)
ROLES: tuple[str, ...] = get_args(Role)
AGREEMENT_TYPES: tuple[str, ...] = get_args(AgreementType)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range of character offsets (Unicode code points) into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form as written; ``span`` is None for hand-curated facts that point nowhere."""

    text: str
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article a bundle of facts comes from."""

    doc: str
    """The article's file name, the ``doc`` key of the facts format."""
    sha256: str | None = None
    """Digest of the article text, when the facts were extracted from it."""
    url: str | None = None
    """The page's address (sidecar ``.source``, ``sources.csv`` or the page's canonical address)."""
    title: str | None = None
    """The headline a saved web page declares."""
    outlet: str | None = None
    """The site or outlet that published it."""
    published: str | None = None
    """ISO ``YYYY-MM-DD`` publication date."""
    retrieved: str | None = None
    """ISO ``YYYY-MM-DD`` date the page was saved."""


@dataclass(frozen=True, slots=True)
class Event:
    """A ceremony the article reports (``events[]``)."""

    id: str
    type: str = "signing"
    date: str | None = None
    """ISO ``YYYY-MM-DD`` or None when the article does not allow a date."""
    date_as_written: str | None = None
    date_note: str | None = None
    """How the date (especially a missing year) was decided."""
    venue: str | None = None
    city: str | None = None
    mode: Mode | None = None
    host: str | None = None
    """Canonical name of the host institution."""
    date_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Institution:
    """An institution taking part (``institutions[]``), under its canonical name."""

    name: str
    kind: InstitutionKind
    mentions: tuple[Mention, ...] = ()
    kemendagri_code: str | None = None
    """Dotted Kemendagri region code ("63.03", or "63" for a province), None for non-regions."""


@dataclass(frozen=True, slots=True)
class Agreement:
    """One bilateral agreement (``agreements[]``): host and one partner."""

    parties: tuple[str, ...]
    """Canonical institution names."""
    type: AgreementType = "MoU"
    event: str | None = None
    """The ``id`` of the event it was signed at."""
    scopes: tuple[Mention, ...] = ()
    """Scope phrases as the article lists them."""


@dataclass(frozen=True, slots=True)
class Official:
    """A named person (``officials[]``)."""

    name: str
    """Name without degrees, honorifics or titles."""
    mentions: tuple[Mention, ...] = ()
    degrees_and_titles: tuple[str, ...] = ()
    position: str | None = None
    institution: str | None = None
    """Canonical name of the institution of the post."""
    roles: tuple[Role, ...] = ()
    attendance: Mode | None = None
    event: str | None = None


@dataclass(frozen=True, slots=True)
class FactBundle:
    """Everything one article says, in the facts format."""

    source: ArticleRef
    events: tuple[Event, ...] = ()
    institutions: tuple[Institution, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    officials: tuple[Official, ...] = ()
    note: str | None = None
    curated: bool = False
    """True for hand-made facts files, which override extraction of the same article."""

    @property
    def doc(self) -> str:
        """The article's file name."""
        return self.source.doc
