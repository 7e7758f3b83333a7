"""Find institutions in an article and give each its canonical name, kind and Kemendagri code.

Evidence, most specific first (``InstitutionHit.rule``):

0. a lexicon of named bodies (aliases any case, acronyms exact case). A
   regional office is its body: words of office and a region after the name
   ("BPKP Perwakilan Provinsi Sulawesi Utara", "BPJS Kesehatan Kantor Cabang
   Kota Lubuklinggau", "Kejaksaan Negeri Sekadau") belong to the mention, so
   the region there is no institution (shared/gold/CONVENTIONS.md, section 2);
1. region names (``gazetteer``) after a prefix ("Pemkab", "Kota", "Pemerintah
   Provinsi"), after a post that implies a kind ("Bupati X" is Kabupaten X), a
   short form after any post ("Sekda Bolmong"), the rest of a list written with
   one prefix ("Kabupaten Tolitoli, Buol dan Kota Palu"), and the region of a
   regional unit ("Dinas Pendidikan Kota X", "BPSDM Aceh"), which folds into it;
2. generic heads ("Universitas X", "Politeknik X", "Ikatan X"), which win over
   an acronym inside them ("Politeknik STIA LAN Makassar" is no LAN) and stop
   before a person's honorific or a post;
3. short forms the article goes on to use: acronyms it defines in parentheses
   and the bare names and short forms of regions it has named.

Overlaps go to the more specific rule, then the longer match.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from lankg.loaders.extract.gazetteer import Gazetteer, base_name, gazetteer, name_key
from lankg.loaders.extract.lexicon import Lexicon
from lankg.loaders.extract.patterns import CLAUSE_WORDS, POST_WORDS
from lankg.loaders.extract.text import SpanSet, find_phrase, flexible
from lankg.ontology.regions import Region
from lankg.records import Span

#: Region prefixes and the kind they give; "Pemerintah" alone ("Pemerintah Aceh") prefers a province.
_REGION_PREFIX = {
    "regency": r"(?:Pemerintah\s+Kabupaten|Pemkab\.?|Kabupaten|Kab\.)",
    "city": r"(?:Pemerintah\s+Kota(?:\s+Administrasi)?(?:\s*\(\s*Pemkot\s*\))?|(?:Pemkot\.?|Kota)(?:\s+Administrasi)?)",
    "province": r"(?:Pemerintah\s+Provinsi|Pemprov\.?|Provinsi|Prov\.)",
    "government": r"(?:Pemerintah|Pemda)",
}
#: A short form of a region between a post and a name ("Bupati Bolsel Iskandar Kamaru", "Sekda Jabar Setiawan"):
#: one capitalised word followed by another.
_SHORT_FORM = re.compile(r"(?:Kep\.[ \t]*)?([A-Z][a-z]{3,7})(?=[ \t]+[A-Z])")
_GOVERNMENT_ORDER = ("province", "regency", "city")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z-]{1,9})\s*\)")
_PAREN = re.compile(r"[ \t]*\([^()\n]{1,40}\)")
#: Words of a regional office between a body's name and its region.
_OFFICE = re.compile(
    r"[ \t]*(?:(?:Kantor[ \t]+)?(?:Perwakilan|Wilayah|Cabang(?:[ \t]+Utama)?|Layanan|Kanwil)[ \t]+)?"
)
#: "dan", "serta", a comma: what joins the names of a list written with one prefix.
_LIST_JOIN = re.compile(r"[ \t]*(?:,[ \t]*(?:dan[ \t]+|serta[ \t]+)?|[ \t]+(?:dan|serta|&)[ \t]+)")
#: A regional unit: its region is the institution ("Kepala BPSDM Aceh", "Dinas Kominfo Kabupaten X").
_UNIT = re.compile(
    r"(?<![\w-])(?:Dinas|Badan|Bappeda|Bapelitbangda|BPSDM|BKPSDM|BKD|BPKAD|Inspektorat|Sekretariat[ \t]+Daerah|"
    r"Setda|Setdakab|Setdakot|Setdaprov|Disdik|Diskominfo\w*|Dinkes|Bapenda|RSUD)(?![\w-])"
)
_UNIT_WORD = re.compile(r"[ \t]+(?:dan[ \t]+)?[A-Z][\w'’-]*|[ \t]*\([^()\n]{1,20}\)")
#: How many words a unit's name has at most before its region.
MAX_UNIT_WORDS = 8
#: Honorifics and posts end a generic name: "Universitas Sumatera Utara Prof. Budi" is the university.
_GENERIC_STOP = CLAUSE_WORDS | POST_WORDS | frozenset("Prof Dr Drs Dra Ir H Hj HM dr".split())


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
    office: bool = False
    """The mention names a regional office of the body ("Kejaksaan Negeri Sekadau", "BPKP Perwakilan Sulut")."""


def region_key(region: Region) -> InstitutionKey:
    """The institution a region is."""
    return InstitutionKey(region.name, region.kind, region.code)


def known_place(word: str) -> bool:
    """True when ``word`` names a region (or Jakarta): a city a dateline or venue can give."""
    g = gazetteer()
    read = g.read(word, 0)
    return word == "Jakarta" or (read is not None and read.end == len(word))


_WORD_START = re.compile(r"(?<![\w-])[^\W\d_][\w]*")
_FIRST_WORD = re.compile(r"[^\W\d_][\w]*")


def _first_word(form: str) -> str:
    m = _FIRST_WORD.match(form)
    assert m is not None, form
    return m.group()


@dataclass(frozen=True, slots=True)
class _Form:
    """One written form of a named body, compiled."""

    length: int
    pattern: re.Pattern[str]
    key: InstitutionKey
    office: bool


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A region mention whose region may still be one of several (a short form such as "Mura")."""

    span: Span
    regions: tuple[Region, ...]


@dataclass(frozen=True, slots=True)
class InstitutionMatcher:
    """Compiled patterns for one lexicon."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    forms: dict[str, tuple[_Form, ...]]
    """Every alias (any case), acronym (exact case) and office name by its first word, case-folded: at each
    word of the article only the forms starting with that word are tried."""
    prefixed: re.Pattern[str]
    posts: re.Pattern[str]
    post_kind: dict[str, str | None]
    generic: re.Pattern[str]
    generic_kind: dict[str, str]

    @classmethod
    def build(cls, lexicon: Lexicon) -> InstitutionMatcher:
        by_word: dict[str, list[_Form]] = defaultdict(list)  # first word (case-folded) → the forms it starts
        for a in lexicon.agencies:
            key = InstitutionKey(a.name, a.kind)
            for written, exact, office in ([(f, False, False) for f in a.aliases] + [(f, True, False) for f in a.acronyms]
                                           + [(f, False, True) for f in a.offices]):
                pattern = re.compile(flexible(written) + r"(?![\w-])", 0 if exact else re.IGNORECASE)
                by_word[_first_word(written).casefold()].append(_Form(len(written), pattern, key, office))
        for candidates in by_word.values():
            candidates.sort(key=lambda f: -f.length)  # the longest form that matches at a start wins there
        prefixes = "|".join(f"(?P<{k}>{p})" for k, p in _REGION_PREFIX.items())
        prefixed = re.compile(rf"(?<![\w-])(?:{prefixes})(?:[ \t]*\((?:Pemkab|Pemkot|Pemprov|Pemda)\))?[ \t]+(?=[A-Z])")
        post_kind: dict[str, str | None] = {}
        for p in lexicon.posts:
            for form in (p.title, *p.variants):
                post_kind[" ".join(form.lower().split())] = p.implies
        forms = sorted(post_kind, key=len, reverse=True)
        posts = re.compile(rf"(?<![\w-])(?P<post>(?i:{'|'.join(flexible(f) for f in forms)}))(?:[ \t]*\([A-Za-z.]{{2,12}}\))?"
                           r"[ \t]+(?P<adm>Administrasi[ \t]+)?(?=[A-Z])")
        generic_kind = {" ".join(g.head.split()): g.kind for g in lexicon.generic}
        heads = "|".join(flexible(h) for h in sorted(generic_kind, key=len, reverse=True))
        word = r"[A-Z][\w'’-]*"
        generic = re.compile(rf"(?<![\w-])(?P<head>{heads})(?P<rest>(?:[ \t]+(?:dan[ \t]+)?(?!(?:{heads})\b){word}){{1,10}})")
        g = gazetteer() if lexicon.region_aliases is None else Gazetteer.build(lexicon.region_aliases)
        return cls(lexicon, g, {k: tuple(v) for k, v in by_word.items()}, prefixed, posts, post_kind, generic, generic_kind)

    # -- regions ---------------------------------------------------------------------------------

    @property
    def _by_acronym(self) -> dict[str, InstitutionKey]:
        return _by_acronym(self.lexicon)

    def _region_after(self, text: str, pos: int, kind: str | None, *, fuzzy: bool = False) -> tuple[tuple[Region, ...], int] | None:
        kinds = _GOVERNMENT_ORDER if kind == "government" else (kind,)
        for k in kinds:
            read = self.gazetteer.read(text, pos, kind=k, fuzzy=fuzzy)
            if read is not None:
                regions = read.regions.get(k, ()) if k else tuple(r for rs in read.regions.values() for r in rs)
                if k is None:
                    one = read.region(None)
                    regions = (one,) if one else regions
                return regions, read.end
        return None

    def _regions(self, text: str, taken: SpanSet) -> tuple[list[_Candidate], set[str]]:
        """Region mentions, and the provinces of every region named after a prefix (inside a body's office too:
        "BPJS Kantor Cabang Kota Lubuklinggau" says the article is about Sumatera Selatan)."""
        out: list[_Candidate] = []
        provinces: set[str] = set()
        for m in self.prefixed.finditer(text):
            kind = next(k for k in _REGION_PREFIX if m.group(k))
            found = self._region_after(text, m.end(), kind, fuzzy=kind != "government")
            if found is not None and len(found[0]) == 1:
                provinces.add(found[0][0].province_code)
            if found is None or taken.overlaps(Span(m.start(), found[1])):
                continue
            out.append(_Candidate(Span(m.start(), found[1]), found[0]))
            end = found[1]
            list_kind = found[0][0].kind if kind == "government" and len(found[0]) == 1 else kind
            while (join := _LIST_JOIN.match(text, end)) is not None and not self.prefixed.match(text, join.end()):
                more = self._region_after(text, join.end(), list_kind)
                if more is None:
                    break
                out.append(_Candidate(Span(join.end(), more[1]), more[0]))
                end = more[1]
        for m in self.posts.finditer(text):
            implied = self.post_kind[" ".join(m.group("post").lower().split())]
            read = self.gazetteer.read(text, m.end(), kind=implied)
            if read is None:
                short = _SHORT_FORM.match(text, m.end())
                regions = self.gazetteer.abbreviated(short.group(1), implied) if short else ()
                if short and regions:
                    out.append(_Candidate(Span(short.start(), short.end(1)), regions))
                continue
            if implied is None and read.how != "alias":
                continue
            regions = read.regions.get(implied, ()) if implied else tuple(r for rs in read.regions.values() for r in rs)
            start = m.start("adm") if m.group("adm") else m.end()  # "Walikota Administrasi Jakarta Pusat"
            out.append(_Candidate(Span(start, read.end), regions))
        for m in _UNIT.finditer(text):
            pos = m.end()
            for _ in range(MAX_UNIT_WORDS):
                gap = re.match(r"[ \t]+", text[pos:pos + 3])
                read = self.gazetteer.read(text, pos + gap.end()) if gap else None
                if read is not None and (one := read.region(None)) is not None:
                    span = Span(pos + gap.end(), read.end)  # type: ignore[union-attr]
                    if not taken.overlaps(span):
                        out.append(_Candidate(span, (one,)))
                    break
                word = _UNIT_WORD.match(text, pos)
                if word is None:
                    break
                pos = word.end()
        return out, provinces

    # -- named bodies --------------------------------------------------------------------------

    def _office_end(self, text: str, end: int) -> int:
        """Where a body's mention ends once its regional office's words and region are taken in."""
        paren = _PAREN.match(text, end)
        pos = paren.end() if paren else end
        office = _OFFICE.match(text, pos)
        assert office is not None
        pos = office.end()
        prefix = self.prefixed.match(text, pos)
        kind = next((k for k in _REGION_PREFIX if prefix.group(k)), None) if prefix else None
        found = self._region_after(text, prefix.end() if prefix else pos, kind)
        if found is None:
            return end
        after = _PAREN.match(text, found[1])  # "Provinsi Sulawesi Utara (Sulut)"
        return after.end() if after and self.gazetteer.aliases.get(after.group().strip(" \t()")) else found[1]

    def _agencies(self, text: str) -> list[InstitutionHit]:
        out = []
        for w in _WORD_START.finditer(text):
            form = next((f for f in self.forms.get(w.group().casefold(), ()) if f.pattern.match(text, w.start())), None)
            if form is None:
                continue
            key, start = form.key, w.start()
            end = form.pattern.match(text, start).end()  # type: ignore[union-attr]
            acr = _ACRONYM_AFTER.match(text, end)
            if acr and acr.group(1) in _acronyms(self.lexicon).get(key.name, ()):
                end = acr.end()
            if key.name.startswith("Pemerintah ") and not re.match(r"Pemerintah|Republik", text[start:end]) \
                    and not self._after_post(text, start):
                continue  # a bare country name is a government only as the country of a post ("Perdana Menteri Singapura")
            office = form.office
            if key.kind not in ("province", "regency", "city"):
                extended = self._office_end(text, end)
                office = office or extended > end
                end = extended
            out.append(InstitutionHit(Span(start, end), text[start:end], key, 0, office))
        return out

    def _after_post(self, text: str, pos: int) -> bool:
        """True when a post title ends right before ``pos``."""
        for m in self.posts.finditer(text, max(0, pos - 40), pos + 1):
            if m.end() == pos:
                return True
        return False

    def _generic(self, text: str) -> list[InstitutionHit]:
        out = []
        for m in self.generic.finditer(text):
            head = " ".join(m.group("head").split())
            words = m.group("rest").split()
            kept: list[str] = []
            for k, w in enumerate(words):
                if w.rstrip(".") in _GENERIC_STOP or (w == "Dalam" and words[k + 1:k + 2] != ["Negeri"]):
                    break  # "Dalam Negeri" belongs to a name; "Dalam sambutannya" does not
                kept.append(w)
            while kept and kept[-1] == "dan":
                kept.pop()
            if not kept:
                continue
            end = m.start("rest")
            for w in kept:
                end = text.index(w, end) + len(w)
            kind = self.generic_kind[head]
            if kind in ("central_agency", "ministry") and (_unit_of_region(self.gazetteer, text, end) or kept[-1] == "Daerah"):
                continue  # "Badan Kepegawaian Daerah", "Dinas X Kota Y": a unit of a region
            name = f"{head} {' '.join(kept)}"
            acr = _ACRONYM_AFTER.match(text, end)
            known = self._by_acronym.get(acr.group(1)) if acr else None
            if known is not None:  # "Badan Pemeriksaan Keuangan dan Pembangunan (BPKP)": a misnamed body named by its acronym
                out.append(InstitutionHit(Span(m.start(), acr.end()), text[m.start():acr.end()], known, 0))  # type: ignore[union-attr]
                continue
            out.append(InstitutionHit(Span(m.start(), end), text[m.start():end], InstitutionKey(name, kind), 2))
        return out

    def find(self, text: str) -> list[InstitutionHit]:
        """Every institution mention, without overlaps, in text order."""
        agencies = self._agencies(text)
        generic = self._generic(text)
        # a generic name wins over a named body inside it that does not start where it starts
        starts = {a.span.start for a in agencies}
        generic = [g for g in generic if g.span.start not in starts]
        inside = SpanSet()
        for g in generic:
            inside.add(Span(g.span.start + 1, g.span.end))
        agencies = [a for a in agencies if not inside.overlaps(Span(a.span.start, a.span.start + 1))]
        taken = SpanSet()
        for a in _resolve(agencies):
            taken.add(a.span)
        regions, provinces = self._regions(text, taken)
        provinces |= {c.regions[0].province_code for c in regions if len(c.regions) == 1}
        region_hits = []
        for c in regions:
            chosen = c.regions if len(c.regions) == 1 else tuple(r for r in c.regions if r.province_code in provinces)
            if len(chosen) == 1:
                region_hits.append(InstitutionHit(c.span, text[c.span.start:c.span.end], region_key(chosen[0]), 1))
        hits = _resolve(agencies + region_hits + generic)
        return _resolve(hits + self._short_forms(text, hits))

    def _short_forms(self, text: str, hits: list[InstitutionHit]) -> list[InstitutionHit]:
        """Acronyms the article defines in parentheses, and bare names and short forms of regions it has named."""
        forms: dict[str, InstitutionKey] = {}
        for h in hits:
            acr = _ACRONYM_AFTER.match(text, h.span.end)
            if acr and h.rule != 0:
                forms[acr.group(1)] = h.key
            if h.key.code is not None:
                for short in _written_forms(self.gazetteer).get(h.key.code, ()):
                    forms.setdefault(short, h.key)
        out = []
        for form, key in sorted(forms.items(), key=lambda f: -len(f[0])):
            for span in find_phrase(text, form):
                out.append(InstitutionHit(span, text[span.start:span.end], key, 3))
        return out


def _unit_of_region(g: Gazetteer, text: str, end: int) -> bool:
    """True when a region's name (with or without its prefix) follows ``end``, after an acronym in parentheses."""
    paren = _PAREN.match(text, end)
    pos = paren.end() if paren else end
    gap = re.compile(r"[ \t]+(?:(?:Kabupaten|Kota|Provinsi|Kab\.|Prov\.)[ \t]+)?").match(text, pos)
    return gap is not None and g.read(text, gap.end()) is not None


@cache
def _written_forms(g: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Region code → the bare names it goes by (base name first, then its short forms)."""
    from lankg.ontology.regions import all_regions

    out: dict[str, list[str]] = defaultdict(list)
    for r in all_regions():
        out[r.code].append(base_name(r))
        for lead, short in (("Kepulauan ", "Kep. "), ("Daerah Khusus Ibukota ", "DKI "), ("Daerah Istimewa ", "DI ")):
            if base_name(r).startswith(lead):
                rest = base_name(r)[len(lead):]
                out[r.code].append(short + rest)
                if [x for rs in g.by_key.get(name_key(rest), {}).values() for x in rs] == [r]:
                    out[r.code].append(rest)
    for alias, regions in g.aliases.items():
        if len(regions) == 1:
            out[regions[0].code].append(alias)
    return {code: tuple(dict.fromkeys(forms)) for code, forms in out.items()}


_ACRONYMS: dict[int, tuple[Lexicon, dict[str, frozenset[str]]]] = {}


def _acronyms(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """Canonical agency name → its acronyms, per lexicon."""
    entry = _ACRONYMS.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        entry = _ACRONYMS[id(lexicon)] = (lexicon, {a.name: frozenset(a.acronyms) for a in lexicon.agencies})
    return entry[1]


_BY_ACRONYM: dict[int, tuple[Lexicon, dict[str, InstitutionKey]]] = {}


def _by_acronym(lexicon: Lexicon) -> dict[str, InstitutionKey]:
    """Acronym → the one named body it stands for, per lexicon."""
    entry = _BY_ACRONYM.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        found: dict[str, list[InstitutionKey]] = defaultdict(list)
        for a in lexicon.agencies:
            for acr in a.acronyms:
                found[acr].append(InstitutionKey(a.name, a.kind))
        entry = _BY_ACRONYM[id(lexicon)] = (lexicon, {k: v[0] for k, v in found.items() if len(v) == 1})
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
