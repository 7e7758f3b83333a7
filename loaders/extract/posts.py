"""Post phrases read by their grammar: [acting modifier] head [unit or portfolio words] [institution].

"Pj. Wali Kota Kotamobagu", "Kepala Kantor Wilayah (Kakanwil) Kementerian Hukum
Maluku Utara", "Kepala Bidang Aplikasi Informatika Dinas Kominfotik Sumirah",
"Menteri Luar Negeri dan Hukum Republik Singapura": the head comes from
``lexicon/posts.yaml`` (abbreviations such as Sekda, Kakanwil, Kadiv written
out); Penjabat (Pj), Pelaksana Tugas (Plt) and Pelaksana Harian (Plh) before it
are acting modifiers; a head with an ``area`` goes on with unit words up to a
comma, a lower-case word, an honorific or a person's name, whichever comes
first. A person's name starts after the last word of
``lexicon/unit_words.yaml`` or institution mention in the run.

The position is the phrase as the article writes it (shared/gold/CONVENTIONS.md,
section 1): abbreviations written out, without the post's own body when that
body is named plainly at the end ("Kepala LAN" is "Kepala"), but keeping the
region of a regional unit ("Kepala BPSDM Aceh") and the words of a regional
office ("Kepala Kejaksaan Negeri Sekadau"). A minister's portfolio names the
ministry: "Menteri Dalam Negeri" is the Menteri of Kementerian Dalam Negeri.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.lexicon import Lexicon, Post
from lankg.loaders.extract.patterns import CLAUSE_WORDS
from lankg.loaders.extract.text import flexible
from lankg.names import normalise_phrase
from lankg.records import Span

#: Acting modifiers and how they are written out.
MODIFIERS = {"wakil": "Wakil", "pj": "Penjabat", "penjabat": "Penjabat", "plt": "Pelaksana Tugas", "pelaksana tugas": "Pelaksana Tugas",
             "plh": "Pelaksana Harian", "pelaksana harian": "Pelaksana Harian"}
_MODIFIER = (r"(?:Wakil|(?:Pj|PJ|Plt|PLT|Plh)\.?|(?:Penjabat|Pelaksana[ \t]+Tugas|Pelaksana[ \t]+Harian)"
             r"(?:[ \t]*\((?:Pj|Plt|Plh)\.?\))?)")
#: The most words of a unit or portfolio ("Deputi Bidang Kajian dan Inovasi Manajemen Aparatur Sipil Negara");
#: the cap keeps a text of thousands of capitalised words linear.
MAX_UNIT_TOKENS = 14
#: The most words a name inside a run has ("I Gusti Ngurah Jaya Negara").
MAX_NAME_WORDS = 5
#: How much junior the head of a unit ("Kepala Dinas Pendidikan Kabupaten Sleman") ranks than the
#: same post of the institution itself ("Kepala LAN"), so the institution's head is the one who signs.
UNIT_HEAD_RANK = 5
#: How much junior a deputy ("Wakil Bupati") ranks than the head.
DEPUTY_RANK = 2
_MINISTER = frozenset({"Menteri", "Wakil Menteri"})
#: The lexicon's name of the government of the country, whose posts carry "RI" ("Presiden RI").
COUNTRY_GOVERNMENT = "Pemerintah Indonesia"

_WORD = re.compile(r"[A-Z][\w'’]*(?:-[A-Za-z][\w'’]*)*|&(?=[ \t]+[A-Z])|dan(?=[ \t]+[A-Z])")
_GAP = re.compile(r"[ \t]+")
_PAREN = re.compile(r"[ \t]*\(([^()\n]{1,40})\)")
#: "Republik Indonesia" or "RI" after a post or its body: the country, never part of the position.
_COUNTRY = re.compile(r"[ \t]+(?:Republik[ \t]+Indonesia|RI)(?![\w-])")
#: Between a post phrase and the name: a comma, "yaitu", "yakni", "selaku".
NAME_LEAD = re.compile(r"[ \t]*(?:,[ \t]*|[ \t]+(?:yaitu|yakni|ialah)[ \t]+|[ \t]+)?")
@dataclass(frozen=True, slots=True)
class PostPhrase:
    """A post as written, with its institution and where a name may start."""

    span: Span
    post: Post
    title: str
    institution: InstitutionKey | None
    institution_hit: InstitutionHit | None
    name_at: int
    """Where to read the person's name."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    """``word``, ``paren``, ``inst`` or ``country``."""
    start: int
    end: int
    text: str
    hit: InstitutionHit | None = None


@dataclass(frozen=True)
class PostReader:
    """Compiled post patterns for one lexicon."""

    lexicon: Lexicon
    pattern: re.Pattern[str]
    forms: dict[str, Post]
    heads: frozenset[str]
    """Lower-cased first words of every head, so a run stops at the next post."""
    ministries: dict[str, InstitutionKey]
    """A ministry's portfolio, normalised ("dalam negeri"), to the ministry."""
    country: InstitutionKey | None
    """The government a post of the country belongs to ("Presiden RI")."""

    @classmethod
    def build(cls, lexicon: Lexicon) -> PostReader:
        forms: dict[str, Post] = {}
        for p in lexicon.posts:
            for f in (p.title, *p.variants):
                forms[" ".join(f.lower().split())] = p
        alt = "|".join(flexible(f) for f in sorted(forms, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?P<mod>{_MODIFIER}[ \t]+)?(?P<head>(?i:{alt}))(?![\w-])")
        ministries = {}
        for a in lexicon.agencies:
            if a.kind == "ministry":
                for alias in (a.name, *a.aliases):
                    if alias.lower().startswith("kementerian "):
                        ministries[normalise_phrase(alias[len("kementerian "):])] = InstitutionKey(a.name, a.kind)
        country = next((InstitutionKey(a.name, a.kind) for a in lexicon.agencies if a.name == COUNTRY_GOVERNMENT), None)
        return cls(lexicon, pattern, forms, frozenset(f.split()[0] for f in forms), ministries, country)

    def read(self, text: str, insts: list[InstitutionHit], *, is_honorific: object) -> list[PostPhrase]:
        """Every post phrase in ``text``; ``is_honorific(text, pos)`` tells where a name's honorific starts."""
        starts = [h.span.start for h in insts]
        out = []
        for m in self.pattern.finditer(text):
            i = bisect.bisect_right(starts, m.start())
            if i > 0 and insts[i - 1].span.end > m.start():
                continue  # inside an institution's name
            phrase = self._phrase(text, m, insts, starts, is_honorific)
            if phrase is not None:
                out.append(phrase)
        return out

    def _phrase(self, text: str, m: re.Match[str], insts: list[InstitutionHit], starts: list[int],
                is_honorific: object) -> PostPhrase | None:
        post = self.forms[" ".join(m.group("head").lower().split())]
        tokens: list[_Token] = []
        pos, stop_at_name = m.end(), None
        j = bisect.bisect_left(starts, m.start("head"))
        if j < len(insts) and insts[j].span.start < m.end() < insts[j].span.end:  # "Wali Kota Makassar"
            tokens.append(_Token("inst", m.end(), insts[j].span.end, text[m.end():insts[j].span.end].strip(), insts[j]))
            pos = insts[j].span.end
        for _ in range(MAX_UNIT_TOKENS):
            paren = _PAREN.match(text, pos)
            if paren is not None:
                tokens.append(_Token("paren", paren.start(1) - 1, paren.end(), paren.group(1)))
                pos = paren.end()
                continue
            country = _COUNTRY.match(text, pos)
            if country is not None:
                tokens.append(_Token("country", country.start(), country.end(), country.group().strip()))
                pos = country.end()
                continue
            gap = _GAP.match(text, pos)
            if gap is None:
                break
            nxt = gap.end()
            j = bisect.bisect_left(starts, nxt)
            if j < len(insts) and insts[j].span.start == nxt:
                tokens.append(_Token("inst", nxt, insts[j].span.end, insts[j].text, insts[j]))
                pos = insts[j].span.end
                continue
            if not post.area and not (tokens and tokens[-1].kind == "inst"):
                stop_at_name = nxt
                break
            if is_honorific(text, nxt):  # type: ignore[operator]
                stop_at_name = nxt
                break
            w = _WORD.match(text, nxt)
            if w is None or w.group() in CLAUSE_WORDS:
                break
            if w.group().lower() in self.heads and tokens and self.pattern.match(text, nxt) is not None:
                break  # the next post begins
            if w.group().lower() in self.heads and not tokens and self.pattern.match(text, nxt):
                # "Kepala Deputi": a head right after a head belongs to the title, as written
                tokens.append(_Token("word", nxt, w.end(), w.group()))
                pos = w.end()
                continue
            if not post.area:
                stop_at_name = nxt
                break
            tokens.append(_Token("word", nxt, w.end(), w.group()))
            pos = w.end()
        while tokens and tokens[-1].kind == "word" and tokens[-1].text in ("dan", "&"):
            tokens.pop()
        # the person's name: the words after the last unit word or institution in the run
        name_at = stop_at_name
        last_inst = max((k for k, t in enumerate(tokens) if t.kind in ("inst", "country")), default=-1)
        last_unit = last_inst if last_inst >= 0 else max(
            (k for k, t in enumerate(tokens) if t.kind != "word" or t.text in self.lexicon.unit_words
             or t.text.lower() in self.heads), default=-1)
        while last_unit + 1 < len(tokens) and tokens[last_unit + 1].kind in ("paren", "country"):
            last_unit += 1
        trailing = tokens[last_unit + 1:]
        if name_at is None and trailing and len(trailing) <= MAX_NAME_WORDS and all(t.kind == "word" for t in trailing):
            name_at = trailing[0].start
            tokens = tokens[:last_unit + 1]
        elif name_at is not None or not trailing:
            pass
        else:
            tokens = tokens[:last_unit + 1]
            name_at = None
        end = tokens[-1].end if tokens else m.end()
        if name_at is None:
            lead = NAME_LEAD.match(text, end)
            name_at = lead.end() if lead else end
        return self._compose(text, m, post, tokens, end, name_at)

    def _compose(self, text: str, m: re.Match[str], post: Post, tokens: list[_Token], end: int, name_at: int) -> PostPhrase:
        mod = m.group("mod")
        modifier = MODIFIERS[" ".join(mod.split("(")[0].rstrip(" \t.").lower().split())] if mod else None
        hits = [t.hit for t in tokens if t.hit is not None]
        agency = next((h for h in hits if h.key.code is None), None)
        inst_hit = agency or (hits[-1] if hits else None)
        institution = inst_hit.key if inst_hit else None
        country = any(t.kind == "country" for t in tokens)
        kept = [t for t in tokens if t.kind != "country"
                and not (t.kind == "paren" and " ".join(t.text.lower().split()) in self.forms)]
        # the post's own body named plainly right after the head, or at the end, is not part of the position,
        # nor are the parentheses around it
        if kept and kept[0].kind == "inst" and (not post.area or kept[0].hit.key.code is None  # type: ignore[union-attr]
                                                 or len(kept) == 1) and not _is_office(kept[0].hit):
            kept = kept[1:]
            while kept and kept[0].kind == "paren":
                kept = kept[1:]
        if kept and kept[-1].kind == "inst" and kept[-1].hit.key.code is None and not _is_office(kept[-1].hit):  # type: ignore[union-attr]
            kept = kept[:-1]
            while kept and kept[-1].kind == "paren":
                kept = kept[:-1]
        words = [t for t in kept if t.kind == "word"]
        if post.title in _MINISTER and words and all(t.kind == "word" for t in kept):
            portfolio = " ".join(t.text for t in kept)
            ministry = self.ministries.get(normalise_phrase(portfolio))
            if institution is None:
                institution = ministry or InstitutionKey(f"Kementerian {portfolio}", "ministry")
                kept = []
            elif ministry is not None and institution == ministry:
                kept = []
        if institution is None and country:
            institution = self.country
        written_out = self.lexicon.written_out or {}
        parts = [post.title] + [f"({t.text})" if t.kind == "paren" else _without_parens(t.text) if t.kind == "inst"
                                else written_out.get(t.text, t.text) for t in kept]
        title = " ".join(" ".join(parts).split())
        if modifier:
            title = f"{modifier} {title}"
        if words and post.rank == 0 and post.area and post.title not in _MINISTER:
            post = replace(post, rank=post.rank + UNIT_HEAD_RANK)
        if modifier == "Wakil":  # a deputy of a head the lexicon does not list as a title of its own
            post = replace(post, title=f"Wakil {post.title}", rank=post.rank + DEPUTY_RANK)
        return PostPhrase(Span(m.start(), end), post, title, institution, inst_hit, name_at)


def _without_parens(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text)


def _is_office(hit: InstitutionHit | None) -> bool:
    """True for a mention of a body's regional office ("Kejaksaan Negeri Sekadau", "BPJS Kesehatan Kantor Cabang X")."""
    return hit is not None and hit.office
