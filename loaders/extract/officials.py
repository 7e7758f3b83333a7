"""Find officials: a post, optionally its institution, then a name with degrees and honorifics.

Officials are anchored on a post title ("Bupati Sleman, Drs. H. Sri
Purnomo, M.Si"), so a person named only in a venue ("Aula Prof. Dr. Budi
Hartono") is never taken for one. Degrees are split from the name and written
in their standard form from ``lexicon/degrees.yaml``; later mentions of the
full name or the surname are added as further mentions.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.lexicon import Degrees, Lexicon, Post
from lankg.loaders.extract.patterns import PLACE_BEFORE_POST, STOP_NAME_WORDS, VENUE_BEFORE
from lankg.loaders.extract.text import SpanSet, find_phrase, flexible
from lankg.records import Span

#: A capitalised name word, an initial ("J."), or the Balinese "I" of "I Wayan Koster".
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]{0,3}\.(?=\s*[A-Z]))|[A-Z][a-z'’-]*[a-z](?:-[A-Z][a-z]+)?|I(?=[ \t]+[A-Z][a-z])")
_LOWER_WORD = re.compile(r"[a-z]{3,}")
_SEP = re.compile(r"[ \t]*,*[ \t]*")
_GAP = re.compile(r"[ \t]*")
_AREA_WORD = re.compile(r"\s+(?:dan\s+)?(?:[A-Z][\w]*)")
_ALSO = re.compile(r"\s+sekaligus\s+")
_AND = re.compile(r"\bdan\b")


def _degree_pattern(form: str) -> str:
    """"M.Si." → M\\.?\\s?Si\\.? (dots and single spaces between parts optional)."""
    parts = [p for p in re.split(r"\.", form) if p]
    if len(parts) == 1 and len(parts[0]) > 1 and parts[0].isupper():
        parts = list(parts[0]) if len(parts[0]) <= 3 else parts
    return r"\.?\s?".join(re.escape(p) for p in parts) + r"\.?"


@dataclass(frozen=True, slots=True)
class DegreeMatcher:
    """Regexes that read degrees before and after a name into their standard forms."""

    prefix: tuple[tuple[re.Pattern[str], str], ...]
    suffix: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def build(cls, degrees: Degrees) -> DegreeMatcher:
        def compile_side(side: dict[str, tuple[str, ...]], after: str) -> tuple[tuple[re.Pattern[str], str], ...]:
            pats = []
            for std, variants in side.items():
                for form in {std, *variants}:
                    pats.append((len(form.replace(".", "")), re.compile(_degree_pattern(form) + after), std))
            pats.sort(key=lambda p: -p[0])
            return tuple((p, std) for _, p, std in pats)

        return cls(compile_side(degrees.prefix, r"(?:(?<=\.)|(?=\s))(?=\s*[A-Z])"),
                   compile_side(degrees.suffix, r"(?![A-Za-z])"))

    def read(self, side: str, text: str, pos: int) -> tuple[str, int] | None:
        """(standard form, end) of the degree at ``pos``, or None."""
        if pos >= len(text) or not text[pos].isalpha():
            return None
        first = text[pos]
        for pattern, std in (self.prefix if side == "prefix" else self.suffix):
            if pattern.pattern[0] != first and not pattern.pattern.startswith("\\"):
                continue
            m = pattern.match(text, pos)
            if m:
                return std, m.end()
        return None


@dataclass(frozen=True, slots=True)
class PersonRead:
    """A name read at a position: the name, its degrees and the span of the whole."""

    name: str
    degrees: tuple[str, ...]
    span: Span


def read_person(text: str, pos: int, degrees: DegreeMatcher) -> PersonRead | None:
    """Read "[prefix degrees] Name Words[, suffix degrees]" starting at ``pos``."""
    pos = _GAP.match(text, pos).end()  # type: ignore[union-attr]
    start, found = pos, []
    while (d := degrees.read("prefix", text, pos)) is not None:
        found.append(d[0])
        pos = _GAP.match(text, d[1]).end()  # type: ignore[union-attr]
    if VENUE_BEFORE.search(text[max(0, start - 12):start]):
        return None
    words: list[str] = []
    end = pos
    while True:
        m = _NAME_WORD.match(text, pos)
        if m and m.group().rstrip(".") not in STOP_NAME_WORDS:
            words.append(m.group())
            end = m.end()
            gap = _GAP.match(text, end).end()  # type: ignore[union-attr]
            pos = gap if gap > end or m.group().endswith(".") else end
            if pos == end and not m.group().endswith("."):
                break
            continue
        low = _LOWER_WORD.match(text, pos)
        if low and len(words) >= 2 and low.group() not in STOP_NAME_WORDS:
            nxt = _NAME_WORD.match(text, low.end() + 1)
            if text[low.end():low.end() + 1] == " " and nxt and nxt.group() not in STOP_NAME_WORDS:
                words.append(low.group().capitalize())
                pos = low.end() + 1
                continue
        break
    if not words or all(w.endswith(".") for w in words):
        return None
    while True:
        sep = _SEP.match(text, end).end()  # type: ignore[union-attr]
        d = degrees.read("suffix", text, sep)
        if d is None:
            break
        found.append(d[0])
        end = d[1]
    name = " ".join(words)
    return PersonRead(name, tuple(dict.fromkeys(found)), Span(start, end))


#: The longest area or unit after a post ("Deputi Bidang Kajian dan Inovasi Manajemen Aparatur Sipil Negara"
#: has nine words); the cap keeps a text of thousands of capitalised words linear.
MAX_AREA_WORDS = 12
#: How much junior the head of a unit ("Kepala Dinas Pendidikan Kabupaten Sleman") ranks than the
#: same post of the institution itself ("Kepala LAN"), so the institution's head is the one who signs.
UNIT_HEAD_RANK = 5


def _institution_at(text: str, post: int, pos: int, insts: list[InstitutionHit], starts: list[int]) -> InstitutionHit | None:
    """The first institution after the post starting at ``post`` that reaches past ``pos`` and starts no later
    than the next word after it ("Wali Kota Makassar": "Kota Makassar" starts inside the post)."""
    gap = _GAP.match(text, pos).end()  # type: ignore[union-attr]
    j = bisect.bisect_left(starts, post)
    return insts[j] if j < len(insts) and insts[j].span.start <= gap and insts[j].span.end > pos else None


@dataclass(frozen=True, slots=True)
class PostHit:
    """A post title in the text, with the institution written right after it, if any."""

    span: Span
    post: Post
    title: str
    institution: InstitutionHit | None


@dataclass
class OfficialDraft:
    """An official while the article is being read (made into a frozen ``Official`` at the end)."""

    name: str
    degrees: list[str]
    post: Post | None
    title: str | None
    institution: InstitutionKey | None
    mentions: list[tuple[str, Span]] = field(default_factory=list)
    references: list[Span] = field(default_factory=list)
    """Spans of "post + institution" references without the name ("Menteri PANRB dalam arahannya")."""


@dataclass(frozen=True)
class OfficialFinder:
    """Compiled post and degree patterns for one lexicon."""

    lexicon: Lexicon

    @cached_property
    def degrees(self) -> DegreeMatcher:
        return DegreeMatcher.build(self.lexicon.degrees)

    @cached_property
    def posts(self) -> tuple[re.Pattern[str], dict[str, Post]]:
        forms: dict[str, Post] = {}
        for p in self.lexicon.posts:
            for f in (p.title, *p.variants):
                forms[" ".join(f.lower().split())] = p
        alt = "|".join(flexible(f) for f in sorted(forms, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?i:{alt})(?![\w-])"), forms

    def post_hits(self, text: str, insts: list[InstitutionHit]) -> list[PostHit]:
        """Every post title (first letter of any case), with the institution that follows it."""
        pattern, forms = self.posts
        out = []
        starts = [h.span.start for h in insts]
        for m in pattern.finditer(text):
            i = bisect.bisect_right(starts, m.start())
            if i > 0 and insts[i - 1].span.end > m.start():
                continue
            if PLACE_BEFORE_POST.search(text, max(0, m.start() - 14), m.start()):
                continue
            post = forms[" ".join(m.group().lower().split())]
            end = m.end()
            title = post.title
            area_end, words = end, 0
            while words < MAX_AREA_WORDS and (w := _AREA_WORD.match(text, area_end)) is not None:
                words += 1
                k = bisect.bisect_left(starts, w.start())
                if k < len(insts) and insts[k].span.start < w.end():
                    break
                area_end = w.end()
            unit = text[end:area_end]
            after_unit = _institution_at(text, m.start(), area_end, insts, starts)
            if area_end > end and (post.area or (
                    after_unit is not None and not _AND.search(unit) and not pattern.search(unit))):  # "mewakili Bupati dan Sekda ..."
                # "Deputi Bidang Kajian ..." always; "Kepala Puslatbang KMP LAN ..." when an institution follows
                # the unit, whose head is then junior to the institution's own head
                title = f"{post.title} {' '.join(unit.split())}"
                post = post if post.area else replace(post, rank=post.rank + UNIT_HEAD_RANK)
                end = area_end
            inst = after_unit if end == area_end else _institution_at(text, m.start(), end, insts, starts)
            out.append(PostHit(Span(m.start(), end), post, title, inst))
        return out

    def find(self, text: str, insts: list[InstitutionHit]) -> list[OfficialDraft]:
        """Officials anchored on posts, then their later mentions by full name or surname."""
        drafts: dict[str, OfficialDraft] = {}
        taken = SpanSet()
        for h in insts:
            taken.add(h.span)
        refs: list[PostHit] = []
        first_post: PostHit | None = None
        for ph in self.post_hits(text, insts):
            after = ph.institution.span.end if ph.institution else ph.span.end
            person = read_person(text, _SEP.match(text, after).end(), self.degrees)  # type: ignore[union-attr]
            if person is None or taken.overlaps(person.span):
                refs.append(ph)
                also = _ALSO.match(text, after)
                first_post = ph if also else None
                continue
            if first_post is not None:
                # "Kepala BP Batam sekaligus Walikota Batam, X": the first post named is the one kept.
                ph, first_post = first_post, None
            inst = ph.institution.key if ph.institution else None
            d = drafts.get(person.name)
            if d is None:
                d = drafts[person.name] = OfficialDraft(person.name, list(person.degrees), ph.post, ph.title, inst)
            else:
                d.degrees.extend(x for x in person.degrees if x not in d.degrees)
                d.institution = d.institution or inst
            d.mentions.append((text[person.span.start:person.span.end], person.span))
            taken.add(person.span)
        by_post: dict[tuple[str, InstitutionKey | None], list[OfficialDraft]] = {}
        for d in drafts.values():
            if d.post is not None:
                by_post.setdefault((d.post.title, d.institution), []).append(d)
        for ref in refs:
            if ref.institution is not None:
                for d in by_post.get((ref.post.title, ref.institution.key), ()):
                    d.references.append(ref.span)
        self._later_mentions(text, drafts, taken)
        return list(drafts.values())

    def _later_mentions(self, text: str, drafts: dict[str, OfficialDraft], taken: SpanSet) -> None:
        for d in drafts.values():
            forms = [d.name]
            last = d.name.split()[-1]
            if (len(d.name.split()) > 1 and len(last) > 3 and not last.endswith(".")
                    and next(find_phrase(text, last.lower(), not_before="", not_after=""), None) is None):  # not a common word
                forms.append(last)
            for form in forms:
                for span in find_phrase(text, form, not_before=".-"):
                    if taken.overlaps(span):
                        continue
                    d.mentions.append((text[span.start:span.end], span))
                    taken.add(span)
