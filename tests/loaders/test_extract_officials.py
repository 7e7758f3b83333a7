"""Names with degrees and honorifics split off and written in standard form; venues are not people."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.loaders.extract.lexicon import default_lexicon
from lankg.loaders.extract.officials import DegreeMatcher, read_person
from lankg.records import ArticleRef

DEGREES = DegreeMatcher.build(default_lexicon().degrees)


@pytest.mark.parametrize(
    ("written", "name", "degrees", "mention"),
    [
        ("Drs H. Muh. Ridwan Zakariah, M.Si dan", "Muh. Ridwan Zakariah", ("Drs.", "H.", "M.Si."), "Drs H. Muh. Ridwan Zakariah, M.Si"),
        ("Ir.Frans J.Papilaya,M.Si.", "Frans J. Papilaya", ("Ir.", "M.Si."), "Ir.Frans J.Papilaya,M.Si."),
        ("Dr. Johny Kamaru, SH., M. Si,, Sekretaris", "Johny Kamaru", ("Dr.", "S.H.", "M.Si."), "Dr. Johny Kamaru, SH., M. Si"),
        ("Egusem Pieter Tahun, ST., MM dan", "Egusem Pieter Tahun", ("S.T.", "M.M."), "Egusem Pieter Tahun, ST., MM"),
        ("Dico Mahtado Ganinduto, B.Sc, Bupati", "Dico Mahtado Ganinduto", ("B.Sc.",), "Dico Mahtado Ganinduto, B.Sc"),
        ("dr. Fahmi Fadli,, Bupati", "Fahmi Fadli", ("dr.",), "dr. Fahmi Fadli"),
        ("Dr. Tri Widodo wahyu Utomo, SH., MA., Deputi", "Tri Widodo Wahyu Utomo", ("Dr.", "S.H.", "M.A."), "Dr. Tri Widodo wahyu Utomo, SH., MA."),
        ("Dr. Ir. I Wayan Koster, M.M. dan", "I Wayan Koster", ("Dr.", "Ir.", "M.M."), "Dr. Ir. I Wayan Koster, M.M."),
        ("I Nyoman Giri Prasta, S.Sos dan", "I Nyoman Giri Prasta", ("S.Sos.",), "I Nyoman Giri Prasta, S.Sos"),
    ],
)
def test_degrees_are_split_and_normalised(written: str, name: str, degrees: tuple[str, ...], mention: str) -> None:
    person = read_person(written, 0, DEGREES)
    assert person is not None
    assert person.name == name
    assert person.degrees == degrees
    assert written[person.span.start:person.span.end] == mention


def _facts(text: str) -> object:
    return extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))


def test_a_name_in_a_venue_is_not_an_official() -> None:
    text = ("Kepala LAN, Dr. Budi Hartono, M.Si menandatangani MoU dengan Pemerintah Kabupaten Sleman "
            "di Aula Prof. Dr. Agus Dwiyanto, MPA, Kantor LAN, Jakarta, Senin (29/3/2021).")
    names = {o.name for o in _facts(text).officials}  # type: ignore[attr-defined]
    assert names == {"Budi Hartono"}


def test_a_post_in_the_name_of_a_building_is_not_an_official() -> None:
    text = ("LAN menandatangani MoU dengan Pemerintah Kota Denpasar di Ruang Serbaguna Kantor Bupati, Denpasar, "
            "Senin (29/3/2021). Penandatanganan dilakukan oleh Walikota Denpasar I Gusti Ngurah Jaya Negara.")
    names = {o.name for o in _facts(text).officials}  # type: ignore[attr-defined]
    assert names == {"I Gusti Ngurah Jaya Negara"}


def test_a_walikota_administrasi_signs_for_the_administrative_city() -> None:
    text = ("LAN menandatangani MoU dengan Pemerintah Kota Administrasi Jakarta Pusat, Senin (29/3/2021). "
            "Penandatanganan dilakukan oleh Walikota Administrasi Jakarta Pusat Dhany Sukma.")
    (official,) = _facts(text).officials  # type: ignore[attr-defined]
    assert (official.name, official.position, official.institution) == (
        "Dhany Sukma", "Walikota", "Kota Administrasi Jakarta Pusat")


def test_a_post_without_a_name_is_not_an_official() -> None:
    text = "Kepala LAN menambahkan bahwa kerja sama dengan Pemerintah Kabupaten Sleman penting, Senin (29/3/2021)."
    assert _facts(text).officials == ()  # type: ignore[attr-defined]


def test_a_post_with_an_area_keeps_it_in_the_title_and_finds_the_institution_after_it() -> None:
    text = ("LAN menandatangani MoU dengan Pemerintah Kabupaten Sleman, Senin (29/3/2021). Penandatanganan disaksikan "
            "oleh Direktur Jenderal Otonomi Daerah Kementerian Dalam Negeri, Akmal Malik.")
    (official,) = _facts(text).officials  # type: ignore[attr-defined]
    assert (official.name, official.position, official.institution) == (
        "Akmal Malik", "Direktur Jenderal Otonomi Daerah", "Kementerian Dalam Negeri")
    assert official.roles == ("witness",)


def test_with_two_posts_joined_by_sekaligus_the_first_is_kept() -> None:
    text = "Kepala BP Batam sekaligus Walikota Batam, Muhammad Rudi, menandatangani MoU dengan LAN, Senin (29/3/2021)."
    (official,) = _facts(text).officials  # type: ignore[attr-defined]
    assert (official.name, official.position) == ("Muhammad Rudi", "Kepala")
    assert official.institution == "Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam"


def test_the_head_of_a_unit_keeps_the_unit_in_the_title_and_the_institution_after_it() -> None:
    text = ("Makassar – Puslatbang KMP LAN menandatangani perjanjian kerja sama dengan Pemerintah Kota Makassar, "
            "Selasa, 14 Maret 2023. Penandatanganan dilakukan oleh Kepala Puslatbang KMP LAN Andi Taufik dan "
            "Wali Kota Makassar Moh. Ramdhan Pomanto.")
    officials = {o.name: o for o in _facts(text).officials}  # type: ignore[attr-defined]
    assert set(officials) == {"Andi Taufik", "Moh. Ramdhan Pomanto"}
    taufik = officials["Andi Taufik"]
    assert (taufik.position, taufik.institution, taufik.roles) == (
        "Kepala Puslatbang KMP", "Lembaga Administrasi Negara", ("signatory",))


def test_the_head_of_a_unit_does_not_sign_in_place_of_the_head_of_the_institution() -> None:
    text = ("LAN menandatangani MoU dengan Pemerintah Kabupaten Sleman, Senin (29/3/2021). Hadir Bupati Sleman "
            "Kustini Sri Purnomo dan Kepala Dinas Pendidikan Kabupaten Sleman Budi Santoso.")
    officials = {o.name: o for o in _facts(text).officials}  # type: ignore[attr-defined]
    assert officials["Budi Santoso"].position == "Kepala Dinas Pendidikan Kabupaten Sleman"  # a unit keeps its region
    assert officials["Budi Santoso"].institution == "Kabupaten Sleman"
    assert "signatory" in officials["Kustini Sri Purnomo"].roles
    assert "signatory" not in officials["Budi Santoso"].roles
