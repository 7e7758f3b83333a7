"""Find institutions in an article and give each its canonical name, kind and Kemendagri code.

Three kinds of evidence, most specific first: a lexicon of named agencies
(aliases matched case-insensitively, acronyms case-sensitively), region names
after a prefix ("Pemerintah Kabupaten", "Pemkot", "Provinsi") or a post that
implies a kind of region ("Bupati X" is Kabupaten X, "Walikota X" is Kota X),
and generic heads ("Universitas X"). Overlaps go to the more specific rule,
then the longer match, so "BP Batam" is the free-trade-zone authority, not
Kota Batam, and "Labuhanbatu Utara" wins over "Labuhanbatu". A second pass
finds the short forms an article goes on to use: acronyms it defines in
parentheses ("(KKT)") and the bare names of regions it has already named.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from lankg.loaders.extract.lexicon import Lexicon
from lankg.loaders.extract.text import SpanSet, find_phrase, flexible
from lankg.ontology.regions import Region, all_regions
from lankg.records import Span

_REGION_PREFIX = {
    "regency": r"(?:Pemerintah\s+Kabupaten|Pemkab\.?|Kabupaten|Kab\.)",
    "city": r"(?:Pemerintah\s+Kota(?:\s+Administrasi)?(?:\s*\(\s*Pemkot\s*\))?|(?:Pemkot\.?|Kota)(?:\s+Administrasi)?)",
    "province": r"(?:Pemerintah\s+Provinsi|Pemprov\.?|Provinsi)",
}
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z-]{1,9})\s*\)")


@dataclass(frozen=True, slots=True)
class InstitutionKey:
    """What an institution is: canonical name, kind, region code."""

    name: str
    kind: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class InstitutionHit:
    """One mention of an institution in the article."""

    span: Span
    text: str
    key: InstitutionKey
    rule: int
    """0 lexicon, 1 region, 2 generic, 3 short form found in the second pass."""


def _base_name(region: Region) -> str:
    for prefix in ("Provinsi ", "Kabupaten ", "Kota Administrasi ", "Kota "):
        if region.name.startswith(prefix):
            return region.name[len(prefix):]
    return region.name


@cache
def region_names() -> dict[str, dict[str, tuple[Region, ...]]]:
    """Written region name → kind → regions; short forms ("Seribu" for "Kepulauan Seribu", "DKI Jakarta")
    where they are unambiguous."""
    index: dict[str, dict[str, list[Region]]] = defaultdict(lambda: defaultdict(list))
    for r in all_regions():
        index[_base_name(r)][r.kind].append(r)
    short: dict[str, list[Region]] = defaultdict(list)
    for r in all_regions():
        base = _base_name(r)
        for lead, abbreviated in (("Kepulauan ", "Kep. "), ("Daerah Khusus Ibukota ", "DKI "), ("Daerah Istimewa ", "DI ")):
            if base.startswith(lead):
                short[base[len(lead):]].append(r)
                short[abbreviated + base[len(lead):]].append(r)  # "DKI Jakarta", "DI Yogyakarta"
    for name, regions in short.items():
        if name not in index and len(regions) == 1:
            index[name][regions[0].kind].append(regions[0])
    return {n: {k: tuple(v) for k, v in kinds.items()} for n, kinds in index.items()}


def _names_regex() -> str:
    names = sorted(region_names(), key=lambda n: (-len(n), n))
    return "(?:" + "|".join(flexible(n) for n in names) + r")(?![\w-])"


def region_for(name: str, kind: str | None) -> Region | None:
    """The region a written name means, given the kind the context implies (regency before city when unknown)."""
    kinds = region_names().get(" ".join(name.split()))
    if not kinds:
        return None
    for k in ([kind] if kind else []) + ["regency", "city", "province"]:
        if k in kinds and len(kinds[k]) == 1:
            return kinds[k][0]
    return None


def _key(region: Region) -> InstitutionKey:
    return InstitutionKey(region.name, region.kind, region.code)


@dataclass(frozen=True, slots=True)
class InstitutionMatcher:
    """Compiled patterns for one lexicon."""

    lexicon: Lexicon
    agency: re.Pattern[str]
    """Every alias (any case) and acronym (exact case), one named group each, in a lookahead so that
    every start is tried: one scan of the article instead of one per alias."""
    agency_keys: dict[str, InstitutionKey]
    prefixed: re.Pattern[str]
    by_post: re.Pattern[str]
    post_kind: dict[str, str]
    generic: re.Pattern[str]
    generic_kind: dict[str, str]

    @classmethod
    def build(cls, lexicon: Lexicon) -> InstitutionMatcher:
        written: list[tuple[str, str, InstitutionKey]] = []  # (form, its pattern, institution)
        for a in lexicon.agencies:
            key = InstitutionKey(a.name, a.kind)
            written += [(alias, rf"(?i:{flexible(alias)})", key) for alias in a.aliases]
            written += [(acr, flexible(acr), key) for acr in a.acronyms]
        written.sort(key=lambda f: -len(f[0]))  # the longest form that matches at a start wins there
        agency_keys = {f"a{i}": key for i, (_, _, key) in enumerate(written)}
        alternatives = "|".join(rf"(?P<a{i}>{pattern})(?![\w-])" for i, (_, pattern, _) in enumerate(written))
        agency = re.compile(rf"(?<![\w-])(?=(?:{alternatives}))")
        names = _names_regex()
        prefixes = "|".join(f"(?P<{k}>{p})" for k, p in _REGION_PREFIX.items())
        prefixed = re.compile(rf"(?<![\w-])(?i:{prefixes})\s+(?P<name>{names})")
        post_kind = {}
        for p in lexicon.posts:
            if p.implies:
                for form in (p.title, *p.variants):
                    post_kind[" ".join(form.lower().split())] = p.implies
        forms = sorted(post_kind, key=len, reverse=True)
        by_post = re.compile(rf"(?<![\w-])(?P<post>(?i:{'|'.join(flexible(f) for f in forms)}))\s+(?P<adm>Administrasi\s+)?(?P<name>{names})")
        generic_kind = {" ".join(g.head.split()): g.kind for g in lexicon.generic}
        heads = "|".join(flexible(h) for h in sorted(generic_kind, key=len, reverse=True))
        word = r"[A-Z][\w'’-]*"
        generic = re.compile(rf"(?<![\w-])(?P<head>{heads})(?P<rest>(?:\s+(?:dan\s+)?(?!(?:{heads})\b){word})+)")
        return cls(lexicon, agency, agency_keys, prefixed, by_post, post_kind, generic, generic_kind)

    def find(self, text: str) -> list[InstitutionHit]:
        """Every institution mention, without overlaps, in text order."""
        cands: list[InstitutionHit] = []
        for m in self.agency.finditer(text):
            group = m.lastgroup
            assert group is not None
            key = self.agency_keys[group]
            start, end = m.span(group)
            acr = _ACRONYM_AFTER.match(text, end)
            if acr and acr.group(1) in _acronyms(self.lexicon).get(key.name, ()):
                end = acr.end()
            cands.append(InstitutionHit(Span(start, end), text[start:end], key, 0))
        for m in self.prefixed.finditer(text):
            kind = next(k for k in _REGION_PREFIX if m.group(k))
            region = region_for(m.group("name"), kind)
            if region is not None:
                cands.append(InstitutionHit(Span(m.start(), m.end()), m.group(), _key(region), 1))
        for m in self.by_post.finditer(text):
            kind = self.post_kind[" ".join(m.group("post").lower().split())]
            region = region_for(m.group("name"), kind)
            if region is not None:
                start = m.start("adm") if m.group("adm") else m.start("name")  # "Walikota Administrasi Jakarta Pusat"
                cands.append(InstitutionHit(Span(start, m.end()), text[start:m.end()], _key(region), 1))
        for m in self.generic.finditer(text):
            head = " ".join(m.group("head").split())
            name = f"{head} {' '.join(m.group('rest').split())}"
            cands.append(InstitutionHit(Span(m.start(), m.end()), m.group(), InstitutionKey(name, self.generic_kind[head]), 2))
        hits = _resolve(cands)
        return _resolve(hits + self._short_forms(text, hits))

    def _short_forms(self, text: str, hits: list[InstitutionHit]) -> list[InstitutionHit]:
        """Acronyms the article defines in parentheses, and bare names of regions it has named."""
        forms: dict[str, InstitutionKey] = {}
        for h in hits:
            acr = _ACRONYM_AFTER.match(text, h.span.end)
            if acr and h.rule != 0:
                forms[acr.group(1)] = h.key
            if h.key.code is not None:
                for short in _written_forms().get(h.key.code, ()):
                    forms.setdefault(short, h.key)
        out = []
        for form, key in sorted(forms.items(), key=lambda f: -len(f[0])):
            for span in find_phrase(text, form):
                out.append(InstitutionHit(span, text[span.start:span.end], key, 3))
        return out


@cache
def _written_forms() -> dict[str, tuple[str, ...]]:
    """Region code → the bare names it goes by (base name first, then short forms)."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in all_regions():
        out[r.code].append(_base_name(r))
    for name, kinds in region_names().items():
        for regions in kinds.values():
            for r in regions:
                if name not in out[r.code]:
                    out[r.code].append(name)
    return {code: tuple(forms) for code, forms in out.items()}


_ACRONYMS: dict[int, tuple[Lexicon, dict[str, frozenset[str]]]] = {}


def _acronyms(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Canonical agency name → its acronyms, per lexicon."""
    entry = _ACRONYMS.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        entry = _ACRONYMS[id(lexicon)] = (lexicon, {a.name: frozenset(a.acronyms) for a in lexicon.agencies})
    return entry[1]


def _resolve(cands: list[InstitutionHit]) -> list[InstitutionHit]:
    """Keep the most specific, then longest, of overlapping hits."""
    taken: list[InstitutionHit] = []
    free = SpanSet()
    for h in sorted(cands, key=lambda h: (h.rule, -(h.span.end - h.span.start), h.span.start)):
        if not free.overlaps(h.span):
            taken.append(h)
            free.add(h.span)
    return sorted(taken, key=lambda h: h.span.start)
