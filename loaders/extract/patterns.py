"""Named regular expressions and cue words the extractor reads articles with."""

from __future__ import annotations

import re

WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}
MONTHS = {
    "januari": 1, "februari": 2, "pebruari": 2, "maret": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "agustus": 8, "september": 9, "oktober": 10, "november": 11, "nopember": 11, "desember": 12,
}
_WD = r"(?P<wd>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)"
_MONTH = "|".join(MONTHS)

#: "Rabu (2/3)", "Senin (29/3/2021)", "Senin, (29/3)".
DATE_SHORT = re.compile(rf"(?i:{_WD})\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{2}}|\d{{4}}))?\s*\)")
#: "Rabu 22/02/2023", "Jumat, 1/12/2023": a weekday and a numeric date with its year, without parentheses.
DATE_BARE = re.compile(rf"(?i:{_WD})\s*,?\s+(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})\b")
#: "Kamis lalu", "Rabu malam lalu": a weekday before the date the article is written from.
DATE_RELATIVE = re.compile(rf"(?i:{_WD})(?:\s+(?:malam|pagi|siang|sore))?\s+lalu\b")
#: A dateline with the day: "Mataram, 2/2 (ANTARA) -".
DATELINE_DAY = re.compile(r"(?m)^\s*[A-Z][A-Za-z .]{1,30},\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})\s*\(")
#: A weekday alone: "di Mataram, Senin."
WEEKDAY = re.compile(rf"\b(?i:{_WD})\b")
#: "Kamis, 12 Februari 2024", "12 Februari 2024".
DATE_LONG = re.compile(rf"(?:(?i:{_WD})\s*,?\s*)?(?P<d>\d{{1,2}})\s+(?P<m>(?i:{_MONTH}))\s+(?P<y>\d{{4}})\b")
#: "12 Februari 2024" (digits first: a scan that only starts at digits), with the weekday before it and the
#: clock time after it read separately.
DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<m>(?i:{_MONTH}))\s+(?P<y>\d{{4}})\b")
WEEKDAY_BEFORE = re.compile(rf"(?i:{_WD})\s*,?\s*$")
CLOCK_AFTER = re.compile(r"\s*(?:[,|/–-]\s*)?(?:(?i:pukul)\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT))?")

#: A venue after "di": a room, hall, building or office, up to the date, a clause or the sentence end.
#: Words that name a building or a room: a venue starts with one, and a name or a post right after one belongs
#: to the building ("Aula Prof. Dr. Budi Hartono", "Kantor Bupati").
VENUE_NOUNS = ("Ruang", "Aula", "Gedung", "Kantor", "Hotel", "Balai", "Auditorium", "Graha", "Pendopo", "Pendapa", "Kampus",
               "Wisma", "Istana", "Rektorat", "Hall", "Convention", r"Rumah\s+Dinas", r"Rumah\s+Jabatan")
_VENUE_NOUN = "|".join(VENUE_NOUNS)
VENUE = re.compile(
    rf"\bdi\s+(?P<venue>(?:{_VENUE_NOUN})\b"
    rf"[^\n]*?)(?=\s*,?\s*(?:(?i:{_WD})\b|pada\b|\(|(?<!Jl)(?<!Prof)(?<!Dr)(?<!No)\.(?:\s|$)|;|\n|$|,\s+[a-z]|\s+[a-z]))"
)
#: The dateline: "Jakarta –", "BERITABETA.COM, Jakarta –", "KONTAN.CO.ID -JAKARTA."
DATELINE = re.compile(r"(?m)^(?:[A-Z.]+\s*,?\s*-?\s*)?(?P<city>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)\s*[–—-]\s|^[A-Z.]+\s*-\s*(?P<up>[A-Z]{3,})\.")

SPEECH = re.compile(
    r"(?i)\b(?:mengatakan|menyampaikan|mengungkapkan|menekankan|menjelaskan|menambahkan|menuturkan|memaparkan|"
    r"mengapresiasi|sambutan(?:nya)?|arahan(?:nya)?|tuturnya|ungkapnya|jelasnya|tambahnya|tandas|pungkas|harap|"
    r"harapnya|tegas|disampaikan|diungkapkan|diapresiasi|paparnya|ujarnya|ujar|katanya)\b"
)
#: "X menandatangani ... dengan Y": X hosts, Y is a partner.
SIGNS_WITH = re.compile(
    r"(?i)\b(?:menandatangani|meneken|teken|tandatangani|menjalin|melakukan\s+penandatanganan)\b[^.\n]*?\bdengan\b"
)
WITNESS = re.compile(r"(?i)\b(?:disaksikan|menyaksikan|saksi|di\s*hadapan)\b")
SIGNING_BY = re.compile(
    r"(?i)\b(?:penandatanganan\s+(?:\w+\s+){0,3}?diwakili(?:\s+oleh)?|"
    r"(?:penandatanganan\s+(?:\w+\s+){0,3}?dilakukan|ditandatangani)\s+(?:(?:langsung|secara\s+\w+)\s+)?oleh)\b")
#: An active signing verb: who comes before it signs ("Bupati X dan Kepala Y menandatangani ...").
SIGNS = re.compile(r"(?i)\b(?:menandatangani|meneken|teken|tandatangani|bertandatangan)\b")
#: "X mewakili Y", "Y yang diwakili X".
STAND_IN = re.compile(r"(?i)\b(?P<verb>mewakili|diwakili|diwakilkan\s+kepada)\b")
PRESENCE = re.compile(r"(?i)\b(?:hadir|hadirnya|dihadiri|menghadiri)\b")
COLLECTIVE = re.compile(r"(?i)\b(?:semua|seluruh|para)\s+(?:pimpinan|kepala|bupati|walikota|pejabat)")
VIRTUAL = re.compile(r"(?i)\b(?:secara\s+virtual|virtual|daring|dalam\s+jaringan|video\s*conference|zoom)\b")
IN_PERSON = re.compile(r"(?i)\b(?:secara\s+klasikal|klasikal|luring|tatap\s+muka|secara\s+langsung)\b")
BLENDED = re.compile(r"(?i)\b(?:blended|hybrid|hibrida|hibrid)\b")

MOU = re.compile(r"(?i)\b(?:MoU|nota\s+kesepahaman|nota\s+kesepakatan|memorandum\s+of\s+understanding|nota\s+kerja\s*sama|dokumen\s+kerja\s*sama)\b")
PKS = re.compile(r"(?i)\b(?:perjanjian\s+kerja\s*sama|PKS)\b")
COOPERATION = re.compile(r"(?i)\b(?:kerja\s*sama|kerjasama|MoU|nota|penandatanganan|perjanjian|ruang\s+lingkup|PKS)\b")

#: Where a sentence about a cooperation names its areas: a list after "ruang lingkup ... meliputi", "meliputi",
#: "di bidang"; its subject after "tentang", "mengenai", "terkait", "berkenaan"; its purpose after "bertujuan
#: untuk", "dalam rangka", "guna", or a means after "melalui".
SCOPE_CUE = re.compile(
    r"(?i)(?:ruang\s+lingkup[^.\n]*?(?:meliputi|mencakup|antara\s+lain|yakni|yaitu|adalah)(?:\s+bidang)?|"
    r"(?:meliputi|mencakup|mencakupi)(?:\s+(?:bidang|kegiatan))?|\b(?:di|dalam)\s+(?:bidang|hal)|"
    r"\b(?P<subject>tentang|mengenai|terkait|berkenaan(?:\s+dengan)?|perihal|concerning)|"
    r"\bdalam\s+(?:mendorong|melaksanakan)(?:\s+fungsi)?|"
    r"\b(?:MoU|nota\s+kesepahaman|nota\s+kesepakatan|kerja\s*sama|kerjasama|perjanjian\s+kerja\s*sama)"
    r"(?=\s+(?!(?:dengan|antara|ini|itu|tersebut|yang|di|pada|oleh|bersama|para|ke|dan|sebagai|secara|tentang|"
    r"mengenai|terkait|berkenaan|concerning|perihal|untuk|guna|dalam|meliputi|mencakup|bertujuan)\b)[A-Za-z])|"
    r"\b(?:bertujuan|tujuan(?:nya)?)\b(?:\s+[\w-]+){0,6}?\s+(?:untuk|adalah(?:\s+untuk)?|guna)|"
    r"\bfokus\s+pada|\bdifokuskan\s+pada|(?-i:\bMelalui)|\bantara\s+lain|\b(?:yakni|yaitu))[\s,:\"“]+"
)
#: A sentence that goes on with the areas of the one before: "Yakni, ...", "Termasuk ...", "Selain itu, ...".
SCOPE_GOES_ON = re.compile(r"(?i)^\W*(?:yakni|yaitu|termasuk|antara\s+lain|meliputi|selain\s+itu|juga)\b[\s,:]*")
#: A piece that is the signing itself, not an area ("melalui penandatanganan PKS antara ...").
SCOPE_NOT = re.compile(
    r"(?i)^(?:penandatanganan|MoU|nota|perjanjian|kerja\s*sama|kerjasama|kesepakatan|program\s+ini|"
    r"semua|seluruh|berbagai|beberapa|banyak|kita|kami|ia|dia|mereka|hal|ini|itu|yang|bisa|dapat|akan|harus|sudah|telah|agar|untuk\s+itu)\b"
)
#: What "tentang", "mengenai", "terkait" follow closely when they give the subject of an agreement.
AGREEMENT_NOUN = re.compile(
    r"(?i)\b(?:MoU|MOU|nota|kesepahaman|kesepakatan|perjanjian|kerja\s*sama|kerjasama|PKS|memorandum|understanding|"
    r"MSP|NKS|penandatanganan|lingkup)\b[^.;]{0,110}$")
#: Weaker cues, used only when an article has none of the above.
SCOPE_FALLBACK = re.compile(r"(?i)\bdukungan\s+(?:bagi|untuk)\s+")
SCOPE_END = re.compile(r"(?i)\s+(?:agar|sehingga|untuk\s+mendorong|yang\s+merupakan|ini\s+ditandatangani|dilakukan|"
                       r"berlangsung|ditandatangani)\b|[.\n;\"”]|$")
SCOPE_SPLIT = re.compile(r"\s*,\s*(?:serta\s+|dan\s+)?|\s+serta\s+")
ENUMERATED = re.compile(r"(?m)^\s*\d+\s*[.)]\s*")

#: Capitalised words that open a clause or are a headline's signing vocabulary: never part of a name or of a
#: post's unit ("Bupati X Teken MoU", "Kepala LAN Senin lalu").
CLAUSE_WORDS = frozenset(
    {w.capitalize() for w in WEEKDAYS if w.isalpha()}
    | set("Dan Yang Di Pada Hal Selain Sementara Kegiatan Saat Usai Untuk Tentang Dengan Bersama Para Republik RI "
          "Menurut Mengatakan Menyampaikan Teken Tandatangani Menandatangani Jalin Gelar Hadiri Sepakati Resmikan "
          "Bahas Dorong Serahkan Terima MoU PKS Nota Kesepakatan Kesepahaman Perjanjian Memorandum".split())
)
#: Post titles and their short forms, which start a post, not a name.
POST_WORDS = frozenset("Bupati Walikota Wali Gubernur Kepala Menteri Sekretaris Deputi Rektor Direktur Ketua Wakil "
                       "Penjabat Pj Plt Sekda".split())
#: Words that end a name ("Budi Hartono dan Kepala ..."): posts, clause words, kinds of institution.
STOP_NAME_WORDS = CLAUSE_WORDS | POST_WORDS | frozenset(
    "Dalam Pemerintah Kabupaten Kota Provinsi Lembaga Badan Kementerian Universitas Kerja dan yang di pada dalam "
    "saat serta selaku juga untuk sebagai bersama dengan dari ke oleh ini itu bahwa atas mewakili menyampaikan "
    "mengatakan".split()
)
#: A name right after these is part of a venue ("Aula Prof. Dr. Budi Hartono"), not an official.
VENUE_BEFORE = re.compile(rf"(?:{_VENUE_NOUN}|Jl\.|Jalan)\s*$")
#: A post right after these names a building ("Kantor Bupati", "Rumah Dinas Gubernur"), not a person.
PLACE_BEFORE_POST = re.compile(rf"(?:{_VENUE_NOUN}|(?i:Peraturan|Keputusan|Instruksi))\s*$")
