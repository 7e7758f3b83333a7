"""Score extracted facts against gold facts, key by key (shared/gold/SCHEMA.md, "Scoring").

Each key turns a ``FactBundle`` into a set of comparable items; precision,
recall and F1 are computed over the items of all articles together (micro
average per key), and the macro F1 is the mean over the keys.

Items per key, for one article:

- ``institutions``: the Kemendagri code where there is one, else the normalised name.
- ``officials``: the normalised name.
- ``official posts``: (official, normalised position, institution item) — the
  position and institution of each official scored as attributes.
- ``signatories``: the normalised names of officials whose roles include
  ``signatory`` (who signed; the partner they signed for is scored by
  ``official posts`` and ``agreements``).
- ``agreements``: the set of parties (institution items).
- ``agreement scopes``: (set of parties, scope concept) for every concept the
  agreement's scope phrases name, via ``loaders.scopes.concepts_for``.
- ``event dates``: the ISO dates of the events that have one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lankg.loaders.extract.text import normalise_name
from lankg.loaders.scopes import concepts_for
from lankg.records import FactBundle

Item = object


def _institution_items(bundle: FactBundle) -> dict[str, str]:
    """Normalised name (and alias) → scoring item, for resolving names used in other keys."""
    out = {}
    for inst in bundle.institutions:
        item = inst.kemendagri_code or normalise_name(inst.name)
        out[normalise_name(inst.name)] = item
    return out


def _inst(bundle_items: dict[str, str], name: str | None) -> str | None:
    if name is None:
        return None
    key = normalise_name(name)
    return bundle_items.get(key, key)


def institutions(bundle: FactBundle) -> set[Item]:
    return {i.kemendagri_code or normalise_name(i.name) for i in bundle.institutions}


def officials(bundle: FactBundle) -> set[Item]:
    return {normalise_name(o.name) for o in bundle.officials}


def official_posts(bundle: FactBundle) -> set[Item]:
    items = _institution_items(bundle)
    return {(normalise_name(o.name), normalise_name(o.position or ""), _inst(items, o.institution)) for o in bundle.officials}


def signatories(bundle: FactBundle) -> set[Item]:
    return {normalise_name(o.name) for o in bundle.officials if "signatory" in o.roles}


def agreements(bundle: FactBundle) -> set[Item]:
    items = _institution_items(bundle)
    return {frozenset(_inst(items, p) for p in a.parties) for a in bundle.agreements}


def agreement_scopes(bundle: FactBundle) -> set[Item]:
    items = _institution_items(bundle)
    out = set()
    for a in bundle.agreements:
        parties = frozenset(_inst(items, p) for p in a.parties)
        for s in a.scopes:
            out.update((parties, c.key) for c in concepts_for(s.text))
    return out


def event_dates(bundle: FactBundle) -> set[Item]:
    return {e.date for e in bundle.events if e.date}


KEYS: dict[str, Callable[[FactBundle], set[Item]]] = {
    "institutions": institutions,
    "officials": officials,
    "official posts": official_posts,
    "signatories": signatories,
    "agreements": agreements,
    "agreement scopes": agreement_scopes,
    "event dates": event_dates,
}


@dataclass(frozen=True, slots=True)
class KeyScore:
    """Counts and scores for one key."""

    key: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores per key over a set of articles, and what could not be paired."""

    scores: tuple[KeyScore, ...]
    documents: tuple[str, ...]
    missing_pred: tuple[str, ...]
    """Gold documents without a prediction (scored as if nothing was extracted)."""

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.scores) / len(self.scores)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": list(self.documents),
            "missing_pred": list(self.missing_pred),
            "keys": {s.key: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": round(s.precision, 4),
                             "recall": round(s.recall, 4), "f1": round(s.f1, 4)} for s in self.scores},
            "macro_f1": round(self.macro_f1, 4),
        }


def evaluate(gold: Iterable[FactBundle], pred: Iterable[FactBundle]) -> Evaluation:
    """Compare predicted bundles with gold ones, paired by ``doc``; gold documents drive the pairing."""
    by_doc = {b.doc: b for b in pred}
    counts = {k: [0, 0, 0] for k in KEYS}
    docs, missing = [], []
    for g in sorted(gold, key=lambda b: b.doc):
        docs.append(g.doc)
        p = by_doc.get(g.doc)
        if p is None:
            missing.append(g.doc)
            p = FactBundle(source=g.source)
        for key, items in KEYS.items():
            gi, pi = items(g), items(p)
            counts[key][0] += len(gi & pi)
            counts[key][1] += len(pi - gi)
            counts[key][2] += len(gi - pi)
    return Evaluation(tuple(KeyScore(k, *c) for k, c in counts.items()), tuple(docs), tuple(missing))
