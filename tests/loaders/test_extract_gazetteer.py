"""Region names as news writes them: split or joined words, hyphens, short forms, slips, one prefix for a list."""

from __future__ import annotations

import pytest

from lankg.loaders.extract.gazetteer import gazetteer, name_key
from lankg.loaders.extract.institutions import InstitutionMatcher
from lankg.loaders.extract.lexicon import default_lexicon

MATCHER = InstitutionMatcher.build(default_lexicon())


def _codes(text: str) -> list[tuple[str, str | None]]:
    return [(h.text, h.key.code) for h in MATCHER.find(text)]


def test_keys_ignore_case_spaces_hyphens_and_apostrophes() -> None:
    assert name_key("Bau Bau") == name_key("Baubau") == "baubau"
    assert name_key("Tojo Una-Una") == name_key("Tojo Una Una")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Pemerintah Kota Bau Bau menyambut tamu.", "74.72"),
        ("Pemkot Baubau menyambut tamu.", "74.72"),
        ("Pemerintah Kota Bukit Tinggi menyambut tamu.", "13.75"),
        ("Pemkab Labuhan Batu Utara menyambut tamu.", "12.23"),
        ("Pemerintah Kabupaten Tojo Una-Una menyambut tamu.", "72.09"),
        ("Pemkot Lubuklinggau menyambut tamu.", "16.73"),
        ("Pemerintah Aceh menyambut tamu.", "11"),
    ],
)
def test_a_region_written_differently_is_still_found(text: str, code: str) -> None:
    assert [c for _, c in _codes(text)] == [code]


def test_one_letter_slip_in_a_long_name_after_a_prefix() -> None:
    assert [c for _, c in _codes("Pemerintah Kabupaten Timor Tengah Selatn hadir.")] == ["53.02"]
    read = gazetteer().read("Buul hadir", 0, kind="regency", fuzzy=True)
    assert read is None  # short names are never matched with an edit


def test_kota_and_kabupaten_of_one_name_follow_the_prefix() -> None:
    assert _codes("Pemkab Serang dan Pemkot Serang hadir.") == [("Pemkab Serang", "36.04"), ("Pemkot Serang", "36.73")]


def test_a_prefix_written_once_for_a_list() -> None:
    found = _codes("Bupati hadir dari Kabupaten Tolitoli, Buol dan Kota Palu.")
    assert found == [("Kabupaten Tolitoli", "72.04"), ("Buol", "72.05"), ("Kota Palu", "72.71")]


def test_short_forms_after_a_post_and_a_prefix() -> None:
    found = _codes("Sekda Kukar Andi Saputra dan Gubernur Jateng Budi Raharjo hadir di Pemkab Kukar.")
    assert [c for _, c in found] == ["64.02", "33", "64.02"]


def test_an_ambiguous_short_form_is_decided_by_the_province_of_the_other_regions() -> None:
    # "Mura" is Musi Rawas (Sumatera Selatan) or Murung Raya (Kalimantan Tengah)
    assert ("Mura", "16.05") in _codes("Bupati Mura hadir bersama Pemkot Lubuklinggau.")
    assert ("Mura", "62.12") in _codes("Bupati Mura hadir bersama Pemkab Barito Utara.")
    assert not [c for t, c in _codes("Bupati Mura hadir.") if t == "Mura"]


def test_a_regional_office_is_its_body_and_its_region_no_institution() -> None:
    found = [(h.text, h.key.name, h.key.code) for h in MATCHER.find(
        "Kepala BPKP Perwakilan Provinsi Jawa Tengah dan Kepala Kejaksaan Negeri Klaten hadir.")]
    assert found == [
        ("BPKP Perwakilan Provinsi Jawa Tengah", "Badan Pengawasan Keuangan dan Pembangunan", None),
        ("Kejaksaan Negeri Klaten", "Kejaksaan Republik Indonesia", None),
    ]


def test_a_regional_unit_folds_into_its_region() -> None:
    found = [(h.text, h.key.name) for h in MATCHER.find("Kepala Badan Pengembangan Sumber Daya Manusia (BPSDM) Sulawesi Tengah hadir.")]
    assert found == [("Sulawesi Tengah", "Provinsi Sulawesi Tengah")]


def test_a_generic_name_wins_over_an_acronym_inside_it_and_stops_at_an_honorific() -> None:
    found = [(h.text, h.key.name) for h in MATCHER.find("Politeknik STIA LAN Bandung dan Universitas Riau Prof. Budi hadir.")]
    assert found == [("Politeknik STIA LAN Bandung", "Politeknik STIA LAN Bandung"), ("Universitas Riau", "Universitas Riau")]


def test_a_short_form_not_in_the_list_is_read_from_the_start_of_its_words() -> None:
    g = gazetteer()
    assert [r.name for r in g.abbreviated("Kukar", "regency")] == ["Kabupaten Kutai Kartanegara"]
    assert [r.name for r in g.abbreviated("Konkep", "regency")] == ["Kabupaten Konawe Kepulauan"]
    assert g.abbreviated("Andi", None) == () and g.abbreviated("Ratna", None) == ()


def test_a_short_form_between_a_post_and_a_name_is_the_region_not_part_of_the_name() -> None:
    found = [(h.text, h.key.code) for h in MATCHER.find("Bupati Pasbar Rudi Hartono hadir.")]
    assert found == [("Pasbar", "13.12")]  # Pasaman Barat, in no list


def test_kep_before_a_short_form_and_an_abbreviated_post_before_a_region() -> None:
    assert [(h.text, h.key.code) for h in MATCHER.find("Gubernur Kep. Riau Ansar Ahmad hadir.")] == [("Kep. Riau", "21")]
    assert [h.key.code for h in MATCHER.find("Sekretaris Daerah (Sekda) Jateng Sumarno hadir.")] == ["33"]


def test_dalam_negeri_stays_in_a_generic_name() -> None:
    assert [h.key.name for h in MATCHER.find("Institut Studi Dalam Negeri dan Universitas Riau Dalam sambutannya")] == [
        "Institut Studi Dalam Negeri", "Universitas Riau"]


def test_a_region_inside_an_office_name_still_tells_the_province() -> None:
    found = _codes("Bupati Mura hadir bersama BPJS Kesehatan Kantor Cabang Kota Lubuklinggau.")
    assert ("Mura", "16.05") in found and all(c != "16.73" for _, c in found)


def test_a_misnamed_body_followed_by_its_known_acronym_is_that_body() -> None:
    found = [(h.text, h.key.name) for h in MATCHER.find("Badan Pengelola Statistik (BPS) hadir.")]
    assert found == [("Badan Pengelola Statistik (BPS)", "Badan Pusat Statistik")]


def test_a_bare_country_name_is_a_government_only_after_a_post() -> None:
    assert [h.key.name for h in MATCHER.find("Perdana Menteri Malaysia hadir.")] == ["Pemerintah Malaysia"]
    assert MATCHER.find("Pelatihan di Malaysia berjalan.") == []
    assert MATCHER.find("pejabat pemerintah Malaysia hadir.") == []
