"""Find officials: a post, optionally its institution, then a name with degrees and honorifics.

Officials are anchored on a post title ("Bupati Sleman, Drs. H. Sri
Purnomo, M.Si"), so a person named only in a venue ("Aula Prof. Dr. Budi
Hartono") is never taken for one. Degrees are split from the name and written
in their standard form from ``lexicon/degrees.yaml``; later mentions of the
full name or the surname are added as further mentions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz.distance import Levenshtein

from lankg.loaders.extract.gazetteer import gazetteer
from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.lexicon import Degrees, Lexicon, Post
from lankg.loaders.extract.patterns import PLACE_BEFORE_POST, STOP_NAME_WORDS, VENUE_BEFORE
from lankg.loaders.extract.posts import PostPhrase, PostReader
from lankg.loaders.extract.text import SpanSet, find_phrase
from lankg.records import Span

#: A capitalised name word, an initial ("J."), or the Balinese "I" of "I Wayan Koster".
_NAME_WORD = re.compile(r"(?:[A-Z][a-z]{0,2}\.(?=\s*[A-Z]))|[A-Z][a-z'’-]*[a-z](?:-[A-Z][a-z]+)?|I(?=[ \t]+[A-Z][a-z])")
_LOWER_WORD = re.compile(r"[a-z]{3,}")
_SEP = re.compile(r"[ \t]*,*[ \t]*")
_GAP = re.compile(r"[ \t]*")
_ALSO = re.compile(r"\s+sekaligus\s+")


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
    name = " ".join(words).replace("’", "'")  # typographic apostrophes normalised in the name only
    return PersonRead(name, tuple(dict.fromkeys(found)), Span(start, end))


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
    post_span: Span | None = None


def _is_place(text: str, person: PersonRead) -> bool:
    """True when what was read as a name is a region's name ("Papua Barat")."""
    read = gazetteer().read(person.name, 0)
    return read is not None and read.end == len(person.name)


#: "Bupati Nura, Hj Ratna Machmud": one word, then a comma and an honorific: the word was no name.
_COMMA = re.compile(r"[ \t]*,[ \t]*")


@dataclass(frozen=True)
class OfficialFinder:
    """Compiled post and degree patterns for one lexicon."""

    lexicon: Lexicon

    @cached_property
    def degrees(self) -> DegreeMatcher:
        return DegreeMatcher.build(self.lexicon.degrees)

    @cached_property
    def reader(self) -> PostReader:
        return PostReader.build(self.lexicon)

    def _honorific(self, text: str, pos: int) -> bool:
        return self.degrees.read("prefix", text, pos) is not None

    def post_hits(self, text: str, insts: list[InstitutionHit]) -> list[PostPhrase]:
        """Every post phrase not inside the name of a building ("Kantor Bupati")."""
        return [p for p in self.reader.read(text, insts, is_honorific=self._honorific)
                if not PLACE_BEFORE_POST.search(text, max(0, p.span.start - 14), p.span.start)]

    def _person(self, text: str, pos: int) -> PersonRead | None:
        person = read_person(text, pos, self.degrees)
        if person is not None and " " not in person.name and not person.degrees:
            comma = _COMMA.match(text, person.span.end)
            if comma and self._honorific(text, comma.end()):
                return read_person(text, comma.end(), self.degrees)
        return person

    def find(self, text: str, insts: list[InstitutionHit]) -> list[OfficialDraft]:
        """Officials anchored on posts, then their later mentions by full name or surname."""
        drafts: dict[str, OfficialDraft] = {}
        taken = SpanSet()
        for h in insts:
            taken.add(h.span)
        refs: list[PostPhrase] = []
        first_post: PostPhrase | None = None
        for ph in self.post_hits(text, insts):
            person = self._person(text, ph.name_at)
            if (person is None or taken.overlaps(person.span) or all(w in self.lexicon.unit_words for w in person.name.split())
                    or person.name.split()[0].lower() in self.reader.heads or _is_place(text, person)):
                refs.append(ph)
                also = _ALSO.match(text, ph.span.end)
                first_post = ph if also else None
                continue
            if first_post is not None:
                # "Kepala BP Batam sekaligus Walikota Batam, X": the first post named is the one kept.
                ph, first_post = first_post, None
            d = drafts.get(person.name)
            if d is None:
                d = drafts[person.name] = OfficialDraft(person.name, list(person.degrees), ph.post, ph.title,
                                                        ph.institution, post_span=ph.span)
            else:
                d.degrees.extend(x for x in person.degrees if x not in d.degrees)
                d.institution = d.institution or ph.institution
            d.mentions.append((text[person.span.start:person.span.end], person.span))
            taken.add(person.span)
        _merge_short_names(drafts)
        _merge_spellings(drafts)
        by_post: dict[tuple[str, InstitutionKey | None], list[OfficialDraft]] = {}
        for d in drafts.values():
            if d.post is not None:
                by_post.setdefault((d.post.title, d.institution), []).append(d)
        for ref in refs:
            if ref.institution is not None:
                for d in by_post.get((ref.post.title, ref.institution), ()):
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


def _merge_spellings(drafts: dict[str, OfficialDraft]) -> None:
    """Two spellings of one person ("Agus Pramusito" and "Agus Pramusinto", same post): one official, under the
    longer spelling, the other a mention of it (a slip drops a letter more often than it adds one)."""
    for name in sorted(drafts, key=len):
        if len(name) < 8 or name not in drafts:
            continue
        d = drafts[name]
        twins = [o for n, o in drafts.items() if n != name and len(n) >= len(name) and o.title == d.title
                 and (o.institution == d.institution or None in (o.institution, d.institution)) and Levenshtein.distance(n, name, score_cutoff=1) <= 1]
        if len(twins) == 1:
            twins[0].mentions.extend(drafts.pop(name).mentions)


def _merge_short_names(drafts: dict[str, OfficialDraft]) -> None:
    """A name that is the first or last words of exactly one other official's name ("Sherly" of "Sherly
    Tjoanda" in a headline, "Argap Situngkir" of "Budi Argap Situngkir") is that official."""
    for short in sorted(drafts, key=len):
        words = short.split()
        longer = [d for n, d in drafts.items() if n != short and len(n.split()) > len(words)
                  and (n.split()[:len(words)] == words or n.split()[-len(words):] == words)]
        if len(longer) == 1:
            target = drafts.pop(short)
            longer[0].mentions.extend(target.mentions)
            longer[0].degrees.extend(x for x in target.degrees if x not in longer[0].degrees)
            longer[0].institution = longer[0].institution or target.institution
