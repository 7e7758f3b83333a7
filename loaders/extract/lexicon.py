"""The extractor's word lists, read strictly from ``loaders/lexicon/*.yaml``.

Knowledge about agencies, posts, degrees and tenures is data, not code: adding
an agency or a tenure is an edit to a YAML file. Every file is checked on load,
and an unknown or missing key is an ``InputError`` naming the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.records import INSTITUTION_KINDS
from lankg.yamltext import load_yaml

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicon"


@dataclass(frozen=True, slots=True)
class Agency:
    """A named institution with its written forms."""

    name: str
    kind: str
    aliases: tuple[str, ...]
    acronyms: tuple[str, ...]
    offices: tuple[str, ...] = ()
    """Names of its regional offices, followed by their region ("Kejaksaan Negeri Sekadau")."""


@dataclass(frozen=True, slots=True)
class GenericRule:
    """A head word ("Universitas") that starts an institution name of a kind."""

    head: str
    kind: str


@dataclass(frozen=True, slots=True)
class Post:
    """A post title, how senior it is, and what it implies."""

    title: str
    variants: tuple[str, ...]
    rank: int
    acts_for_head: bool
    implies: str | None
    area: bool = False
    """The title continues with the post's area ("Deputi Bidang ...")."""


@dataclass(frozen=True, slots=True)
class Tenure:
    """Who held a post from when to when (``end`` None: still in office)."""

    name: str
    position: str
    institution: str
    start: dt.date
    end: dt.date | None


@dataclass(frozen=True, slots=True)
class Degrees:
    """Standard forms of degrees and honorifics with their written variants."""

    prefix: dict[str, tuple[str, ...]]
    suffix: dict[str, tuple[str, ...]]


def _load(path: Path) -> Any:
    return load_yaml(read_text_checked(path), path)


def _records(path: Path, data: Any, required: set[str], optional: set[str] = frozenset()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    if not isinstance(data, list):
        raise InputError(path, "expected a list of entries")
    for i, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise InputError(path, f"entry {i + 1}: expected a mapping")
        unknown = set(entry) - required - optional
        if unknown:
            raise InputError(path, f"entry {i + 1}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        missing = required - set(entry)
        if missing:
            raise InputError(path, f"entry {i + 1}: missing key(s) {', '.join(sorted(missing))}")
    return data


def _strs(path: Path, value: Any, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{what}: expected a list of non-empty strings")
    return tuple(value)


def _kind(path: Path, kind: Any, what: str) -> str:
    if kind not in INSTITUTION_KINDS:
        raise InputError(path, f"{what}: kind {kind!r} is not one of {', '.join(INSTITUTION_KINDS)}")
    return str(kind)


def load_agencies(path: Path = LEXICON_DIR / "agencies.yaml") -> tuple[Agency, ...]:
    """Named institutions and their aliases and acronyms."""
    out = []
    for e in _records(path, _load(path), {"name", "kind"}, {"aliases", "acronyms", "offices"}):
        out.append(Agency(str(e["name"]), _kind(path, e["kind"], str(e["name"])),
                          _strs(path, e.get("aliases"), f"{e['name']}.aliases"),
                          _strs(path, e.get("acronyms"), f"{e['name']}.acronyms"),
                          _strs(path, e.get("offices"), f"{e['name']}.offices")))
    return tuple(out)


def load_generic_rules(path: Path = LEXICON_DIR / "generic_institutions.yaml") -> tuple[GenericRule, ...]:
    """Head words that start institution names."""
    return tuple(GenericRule(str(e["head"]), _kind(path, e["kind"], str(e["head"])))
                 for e in _records(path, _load(path), {"head", "kind"}))


def load_posts(path: Path = LEXICON_DIR / "posts.yaml") -> tuple[Post, ...]:
    """Post titles, longest written form first when matched."""
    out = []
    for e in _records(path, _load(path), {"title", "rank"}, {"variants", "acts_for_head", "implies", "area"}):
        implies = e.get("implies")
        if implies not in (None, "regency", "city", "province"):
            raise InputError(path, f"{e['title']}.implies: {implies!r} is not regency, city, province or null")
        if not isinstance(e["rank"], int):
            raise InputError(path, f"{e['title']}.rank: expected an integer")
        out.append(Post(str(e["title"]), _strs(path, e.get("variants"), f"{e['title']}.variants"), e["rank"],
                        bool(e.get("acts_for_head", False)), implies, bool(e.get("area", False))))
    return tuple(out)


def _date(path: Path, value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(path, f"{what}: {value!r} is not an ISO date") from None


def load_tenures(path: Path = LEXICON_DIR / "tenures.yaml") -> tuple[Tenure, ...]:
    """Known tenures, to choose a missing year."""
    out = []
    for e in _records(path, _load(path), {"name", "position", "institution", "start", "end"}, {"source"}):
        start = _date(path, e["start"], f"{e['name']}.start")
        if start is None:
            raise InputError(path, f"{e['name']}.start: required")
        out.append(Tenure(str(e["name"]), str(e["position"]), str(e["institution"]), start,
                          _date(path, e["end"], f"{e['name']}.end")))
    return tuple(out)


def load_degrees(path: Path = LEXICON_DIR / "degrees.yaml") -> Degrees:
    """Degrees and honorifics before and after a name."""
    data = _load(path)
    if not isinstance(data, dict) or set(data) != {"prefix", "suffix"}:
        raise InputError(path, "expected exactly the keys prefix and suffix")
    parts = {}
    for side in ("prefix", "suffix"):
        if not isinstance(data[side], dict):
            raise InputError(path, f"{side}: expected a mapping of standard form to variants")
        parts[side] = {str(k): _strs(path, v, f"{side}.{k}") for k, v in data[side].items()}
    return Degrees(parts["prefix"], parts["suffix"])


def load_unit_words(path: Path = LEXICON_DIR / "unit_words.yaml") -> tuple[frozenset[str], dict[str, str]]:
    """Words of unit, field and portfolio names, which no person's name starts with, and how the abbreviated
    ones are written out in a position ("Setdakab" is "Sekretariat Daerah Kabupaten")."""
    data = _load(path)
    if not isinstance(data, dict) or set(data) != {"words", "written_out"}:
        raise InputError(path, "expected exactly the keys words and written_out")
    written_out = data["written_out"]
    if not isinstance(written_out, dict) or not all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                                    for k, v in written_out.items()):
        raise InputError(path, "written_out: expected a mapping of abbreviation to its written-out form")
    return frozenset(_strs(path, data["words"], "words")) | frozenset(written_out), dict(written_out)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists the extractor uses."""

    agencies: tuple[Agency, ...]
    generic: tuple[GenericRule, ...]
    posts: tuple[Post, ...]
    degrees: Degrees
    tenures: tuple[Tenure, ...]
    unit_words: frozenset[str] = frozenset()
    written_out: dict[str, str] | None = None
    """Abbreviated unit words and how a position writes them out."""
    region_aliases: dict[str, tuple[Any, ...]] | None = None
    """Short forms of regions to use instead of ``region_aliases.yaml`` (None: the bundled ones)."""


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, loaded once."""
    words, written_out = load_unit_words()
    return Lexicon(load_agencies(), load_generic_rules(), load_posts(), load_degrees(), load_tenures(), words, written_out)
