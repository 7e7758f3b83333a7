"""Post phrases read by their grammar (modifier, head, unit words, institution), on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef, Official


def _officials(text: str) -> dict[str, Official]:
    facts = extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))
    return {o.name: o for o in facts.officials}


@pytest.mark.parametrize(
    ("sentence", "name", "position", "institution"),
    [
        ("Pj. Wali Kota Tidore Kepulauan, Rahmat Hidayat, hadir.", "Rahmat Hidayat", "Penjabat Walikota", "Kota Tidore Kepulauan"),
        ("Penjabat (Pj) Gubernur Gorontalo Ismail Pakaya hadir.", "Ismail Pakaya", "Penjabat Gubernur", "Provinsi Gorontalo"),
        ("Plt Bupati Kepulauan Sula H. Umar Said hadir.", "Umar Said", "Pelaksana Tugas Bupati", "Kabupaten Kepulauan Sula"),
        ("Sekda Kukar Sunggono hadir.", "Sunggono", "Sekretaris Daerah", "Kabupaten Kutai Kartanegara"),
        ("Kepala Bidang Statistik Sektoral Dinas Kominfo Rina Wulandari hadir.", "Rina Wulandari",
         "Kepala Bidang Statistik Sektoral Dinas Kominfo", None),
        ("Kepala Pusat Data dan Informasi (Pusdatin) BRIN, Andi Wijaya, hadir.", "Andi Wijaya",
         "Kepala Pusat Data dan Informasi", "Badan Riset dan Inovasi Nasional"),
        ("Menteri Dalam Negeri, Bima Arya, hadir.", "Bima Arya", "Menteri", "Kementerian Dalam Negeri"),
        ("Menteri Pertanian Republik Indonesia, Yusuf Hamid, hadir.", "Yusuf Hamid", "Menteri", "Kementerian Pertanian"),
        ("Menteri Luar Negeri Republik Singapura, Tan Wei Ming, hadir.", "Tan Wei Ming", "Menteri Luar Negeri", "Pemerintah Singapura"),
        ("Presiden RI, Joko Santoso, hadir.", "Joko Santoso", "Presiden", "Pemerintah Indonesia"),
        ("Kepala Kejaksaan Negeri Kapuas Hulu, Rudi Hartono, hadir.", "Rudi Hartono", "Kepala Kejaksaan Negeri Kapuas Hulu",
         "Kejaksaan Republik Indonesia"),
        ("Kepala Badan Pengembangan Sumber Daya Manusia (BPSDM) Sulawesi Tengah, Dewi Lestari, hadir.", "Dewi Lestari",
         "Kepala Badan Pengembangan Sumber Daya Manusia (BPSDM) Sulawesi Tengah", "Provinsi Sulawesi Tengah"),
        ("Kakanwil Kemenkumham Bali, Made Suardana, hadir.", "Made Suardana", "Kepala Kantor Wilayah Kemenkumham Bali",
         "Kementerian Hukum dan Hak Asasi Manusia"),
        ("Kepala Divisi (Kadiv) Pelayanan Hukum, Sri Handayani, hadir.", "Sri Handayani", "Kepala Divisi Pelayanan Hukum", None),
    ],
)
def test_post_phrases(sentence: str, name: str, position: str, institution: str | None) -> None:
    official = _officials(sentence)[name]
    assert official.position == position
    if institution is not None:
        assert official.institution == institution


def test_a_name_after_a_unit_abbreviation_ends_the_unit() -> None:
    found = _officials("Turut hadir Kabag Tapem Setdakab Rini Astuti dan Kabag Ortal Setdakab H. Joko Prabowo.")
    assert set(found) == {"Rini Astuti", "Joko Prabowo"}


def test_a_typo_before_an_honorific_is_no_name() -> None:
    assert set(_officials("Bupati Nulu, Hj Sinta Dewi mengatakan program berjalan.")) == {"Sinta Dewi"}


def test_hm_is_haji_and_an_abbreviated_muhammad() -> None:
    official = _officials("Gubernur Bengkulu HM Rahmat Hidayat hadir.")["Rahmat Hidayat"]
    assert official.degrees_and_titles == ("H.",)


def test_a_typographic_apostrophe_is_plain_in_the_name() -> None:
    assert "Andi Ma'ruf" in _officials("Bupati Bone, Andi Ma’ruf hadir.")


def test_a_short_form_of_a_name_is_a_mention_of_the_full_name() -> None:
    found = _officials("Gubernur Rina dan Kemenag Teken MoU\nGubernur Bengkulu, Rina Pratiwi Sari, hadir. "
                       "Pratiwi Sari mengatakan program berjalan.")
    assert set(found) == {"Rina Pratiwi Sari"}


def test_a_regulation_of_a_post_and_a_region_are_no_officials() -> None:
    found = _officials("Peraturan Bupati Nomor 3 berlaku. Kepala Perwakilan BPKP Provinsi Papua,Papua Barat hadir.")
    assert found == {}


def test_two_spellings_of_one_person_in_one_post_are_one_official() -> None:
    found = _officials("Ketua KPK Budi Hermawan hadir. Ketua KPK Budi Hermawn menyampaikan sambutan.")
    assert set(found) == {"Budi Hermawan"}
    assert {m.text for m in found["Budi Hermawan"].mentions} >= {"Budi Hermawan", "Budi Hermawn"}


def test_a_deputy_of_any_head_is_read_by_the_grammar() -> None:
    official = _officials("Wakil Rektor Universitas Riau, Dedi Kurnia, hadir.")["Dedi Kurnia"]
    assert (official.position, official.institution) == ("Wakil Rektor", "Universitas Riau")


def test_abbreviated_units_are_written_out_in_the_position() -> None:
    official = _officials("Hadir Kabag Tapem Setdakab Rini Astuti.")["Rini Astuti"]
    assert official.position == "Kepala Bagian Tata Pemerintahan Sekretariat Daerah Kabupaten"
