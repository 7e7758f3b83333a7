"""Score extracted facts against gold facts, key by key, by the rules of the reference scorer.

``shared/tools/score.py`` is the reference (shared/gold/SCHEMA.md, "Scoring");
this module applies the same rules to ``FactBundle`` records, so that
``lankg eval`` and ``score.py`` print the same figures (a test pins it). Each
key turns a bundle into a set of items; counts are summed over all articles
(micro average per key), and the macro F1 is the mean of the keys' F1, each
rounded to three places first, as the reference rounds them.

Items per key, for one article:

- ``institutions``: ``code:<Kemendagri code>`` where there is one, else
  ``name:<normalised name>`` without "Pemerintah"/"Pemkab"/... and "RI".
- ``officials``: the normalised name, degrees and honorifics dropped.
- ``official_posts``: (official, normalised position, institution item).
- ``signatories``: the officials whose roles include ``signatory``.
- ``agreements``: the set of parties (institution items).
- ``agreement_scopes``: (parties, scoring key) for each key of ``SCOPE_KEYS``
  that one of the agreement's scope phrases matches.
- ``event_dates``: the ISO dates of the events that have one.

``explain`` lists every missed and every spurious item with a line of the
article around the words it comes from, so anyone can see why a score is
what it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from lankg.records import FactBundle, Span

#: Degrees and honorifics that the reference drops from a person's name before comparing.
_DEGREES = re.compile(
    r"(?:prof|dr|drs|dra|ir|h|hj|s\.?h|m\.?h|m\.?si|s\.?e|m\.?m|s\.?t|m\.?t|s\.?i\.?kom|b\.?sc|mpa|m\.?a|s\.?ip|s\.?sos|"
    r"m\.?ap|m\.?pd|s\.?pd|s\.?ag|se|mm|st|mt|sh|mh|msi|phd)"
)
#: The reference scorer's scope vocabulary: a scope phrase counts for every key whose pattern it contains.
SCOPE_KEYS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((key, re.compile(pattern)) for key, pattern in (
    ("policy_studies", r"kajian kebijakan|analisis kebijakan|policy"),
    ("innovation", r"inovasi|innovation"),
    ("asn_management", r"manajemen (asn|aparatur)|pengembangan (asn|aparatur sipil negara)|pembinaan administrasi|asn management"),
    ("competency", r"pelatihan|kompetensi|kopetensi|diklat|pendidikan dan pelatihan|training"),
    ("higher_education", r"pendidikan tinggi|higher education"),
    ("research", r"penelitian|research|ilmu pengetahuan|teknologi"),
    ("capacity", r"penguatan kapasitas|kapasitas|capacity"),
    ("public_service", r"pelayanan publik|layanan publik|public service"),
    ("governance", r"tata kelola|governance"),
))

Item = object


def norm(text: str | None) -> str:
    """ASCII, lower case, punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def norm_person(name: str | None) -> str:
    """A person's name without what follows a comma and without degree or honorific tokens."""
    text = re.sub(r",.*$", "", (name or "").lower())
    return norm(" ".join(t for t in re.split(r"[\s.]+", text) if t and not _DEGREES.fullmatch(t)))


def norm_post(position: str | None) -> str:
    """A post title; "Wali Kota" and "Walikota" are one title."""
    return re.sub(r"\bwali kota\b", "walikota", norm(position))


def institution_item(name: str | None, code: str | None = None) -> str:
    """``code:`` plus the region code, else ``name:`` plus the name without a government prefix and "RI"."""
    if code:
        return "code:" + code.strip()
    text = re.sub(r"^(pemerintah|pemkab|pemkot|pemprov) ", "", norm(name))
    text = re.sub(r"\b(ri|republik indonesia)\b", "", text).strip()
    text = re.sub(r"\bham\b", "hak asasi manusia", text)
    return "name:" + " ".join(text.split())


def scope_keys(phrase: str) -> set[str]:
    """The scoring keys a scope phrase names."""
    text = norm(phrase)
    return {key for key, pattern in SCOPE_KEYS if pattern.search(text)}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Words an item comes from: their text, and where they are when known."""

    text: str
    span: Span | None = None


@dataclass(slots=True)
class Items:
    """One bundle's items per key, and the words each item comes from."""

    keys: dict[str, set[Item]]
    evidence: dict[tuple[str, Item], list[Evidence]] = field(default_factory=dict)

    def add(self, key: str, item: Item, *evidence: Evidence) -> None:
        self.keys[key].add(item)
        self.evidence.setdefault((key, item), []).extend(e for e in evidence if e.text)


KEYS = ("institutions", "officials", "official_posts", "signatories", "agreements", "agreement_scopes", "event_dates")


def items(bundle: FactBundle) -> Items:
    """The items of every key for one bundle, as the reference scorer forms them."""
    out = Items({key: set() for key in KEYS})
    item_of = {norm(i.name): institution_item(i.name, i.kemendagri_code) for i in bundle.institutions}
    words_of: dict[str, list[Evidence]] = {}

    def key_of(name: str | None) -> str:
        return item_of.get(norm(name), institution_item(name))

    for inst in bundle.institutions:
        item = institution_item(inst.name, inst.kemendagri_code)
        words = [Evidence(m.text, m.span) for m in inst.mentions] or [Evidence(inst.name)]
        words_of.setdefault(item, []).extend(words)
        out.add("institutions", item, *words)
    for o in bundle.officials:
        person = norm_person(o.name)
        words = [Evidence(m.text, m.span) for m in o.mentions] or [Evidence(o.name)]
        out.add("officials", person, *words)
        out.add("official_posts", (person, norm_post(o.position), key_of(o.institution or "")), *words)
        if "signatory" in o.roles:
            out.add("signatories", person, *words)
    for a in bundle.agreements:
        parties = frozenset(key_of(p) for p in a.parties)
        out.add("agreements", parties, *(words_of.get(p, [Evidence(p)])[0] for p in sorted(parties)))
        for s in a.scopes:
            for key in scope_keys(s.text):
                out.add("agreement_scopes", (parties, key), Evidence(s.text, s.span))
    for e in bundle.events:
        if e.date:
            out.add("event_dates", e.date, Evidence(e.date_as_written or e.date, e.date_span))
    return out


@dataclass(frozen=True, slots=True)
class KeyScore:
    """Counts and scores for one key, with the reference scorer's conventions for empty sets."""

    key: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if not self.tp + self.fn else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Difference:
    """An item one side has and the other lacks, in one article."""

    doc: str
    key: str
    item: Item
    missed: bool
    """True: in the gold, not predicted; False: predicted, not in the gold."""
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores per key over a set of articles, what could not be paired, and every difference."""

    scores: tuple[KeyScore, ...]
    documents: tuple[str, ...]
    missing_pred: tuple[str, ...]
    """Gold documents without a prediction (scored as if nothing was extracted)."""
    differences: tuple[Difference, ...] = ()

    @property
    def macro_f1(self) -> float:
        """The mean of the keys' F1, each rounded to three places first (as the reference does)."""
        return sum(round(s.f1, 3) for s in self.scores) / len(self.scores)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": list(self.documents),
            "missing_pred": list(self.missing_pred),
            "keys": {s.key: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "gold": s.tp + s.fn, "pred": s.tp + s.fp,
                             "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3)}
                     for s in self.scores},
            "macro_f1": round(self.macro_f1, 3),
        }


def evaluate(gold: Iterable[FactBundle], pred: Iterable[FactBundle]) -> Evaluation:
    """Compare predicted bundles with gold ones, paired by ``doc``; gold documents drive the pairing."""
    by_doc = {b.doc: b for b in pred}
    counts = {k: [0, 0, 0] for k in KEYS}
    docs, missing, differences = [], [], []
    for g in sorted(gold, key=lambda b: b.doc):
        docs.append(g.doc)
        p = by_doc.get(g.doc)
        if p is None:
            missing.append(g.doc)
            p = FactBundle(source=g.source)
        gi, pi = items(g), items(p)
        for key in KEYS:
            gold_set, pred_set = gi.keys[key], pi.keys[key]
            counts[key][0] += len(gold_set & pred_set)
            counts[key][1] += len(pred_set - gold_set)
            counts[key][2] += len(gold_set - pred_set)
            for side, other, source, missed in ((gold_set, pred_set, gi, True), (pred_set, gold_set, pi, False)):
                for item in sorted(side - other, key=repr):
                    differences.append(Difference(g.doc, key, item, missed, tuple(source.evidence.get((key, item), ()))))
    return Evaluation(tuple(KeyScore(k, *c) for k, c in counts.items()), tuple(docs), tuple(missing), tuple(differences))


def show_item(item: Item) -> str:
    """An item as a short readable string."""
    if isinstance(item, frozenset):
        return " + ".join(sorted(str(x) for x in item))
    if isinstance(item, tuple):
        return " | ".join(show_item(x) for x in item)
    return str(item)


def context(text: str, evidence: Iterable[Evidence], width: int = 70) -> str | None:
    """The line of ``text`` around the first evidence found in it, at most ``width`` characters each side."""
    for e in evidence:
        if e.span is not None and text[e.span.start:e.span.end] == e.text:
            start, end = e.span.start, e.span.end
        else:
            start = text.find(e.text)
            if start < 0:
                continue
            end = start + len(e.text)
        left = max(text.rfind("\n", 0, start) + 1, start - width)
        right = text.find("\n", end)
        right = min(len(text) if right < 0 else right, end + width)
        return " ".join(f"{text[left:start]}[{text[start:end]}]{text[end:right]}".split())
    return None


def explain(result: Evaluation, text_of: Callable[[str], str | None]) -> Iterator[str]:
    """One line per missed or spurious item, with its article, key and the text around it (``text_of(doc)``)."""
    for d in result.differences:
        text = text_of(d.doc)
        where = context(text, d.evidence) if text is not None else None
        mark = "missed  " if d.missed else "spurious"
        yield f"{d.doc}  {d.key}  {mark}  {show_item(d.item)}" + (f"\n    {where}" if where else "")


__all__ = ["KEYS", "SCOPE_KEYS", "Evaluation", "KeyScore", "Difference", "Evidence", "evaluate", "explain", "items",
           "institution_item", "norm", "norm_person", "norm_post", "scope_keys"]
