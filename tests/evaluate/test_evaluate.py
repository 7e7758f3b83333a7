"""The scorer's rules on small hand-made bundles."""

from __future__ import annotations

import pytest

from lankg.evaluate import evaluate
from lankg.records import Agreement, ArticleRef, Event, FactBundle, Institution, Mention, Official

LAN = Institution("Lembaga Administrasi Negara", "central_agency")
BANJAR = Institution("Kabupaten Banjar", "regency", kemendagri_code="63.03")


def _bundle(**kw: object) -> FactBundle:
    return FactBundle(source=ArticleRef("a.txt"), **kw)  # type: ignore[arg-type]


GOLD = _bundle(
    events=(Event("e1", date="2022-03-02"),),
    institutions=(LAN, BANJAR),
    agreements=(Agreement(("Lembaga Administrasi Negara", "Kabupaten Banjar"), scopes=(Mention("manajemen ASN"), Mention("pelatihan"))),),
    officials=(Official("Saidi Mansyur", position="Bupati", institution="Kabupaten Banjar", roles=("signatory",)),
               Official("Adi Suryanto", position="Kepala", institution="Lembaga Administrasi Negara", roles=("speaker",))),
)


def _scores(pred: FactBundle) -> dict[str, tuple[float, float]]:
    return {s.key: (s.precision, s.recall) for s in evaluate([GOLD], [pred]).scores}


def test_gold_against_itself_is_perfect() -> None:
    assert evaluate([GOLD], [GOLD]).macro_f1 == 1.0


def test_a_region_matches_on_its_code_whatever_its_name() -> None:
    renamed = _bundle(institutions=(LAN, Institution("Kab. Banjar", "regency", kemendagri_code="63.03")))
    assert _scores(renamed)["institutions"] == (1.0, 1.0)
    wrong_code = _bundle(institutions=(LAN, Institution("Kabupaten Banjar", "regency", kemendagri_code="32.79")))
    assert _scores(wrong_code)["institutions"] == (0.5, 0.5)


def test_official_names_ignore_case_and_punctuation_but_posts_are_scored_apart() -> None:
    pred = _bundle(institutions=GOLD.institutions, officials=(
        Official("SAIDI  MANSYUR", position="Bupati", institution="Kabupaten Banjar", roles=("signatory",)),
        Official("Adi Suryanto", position="Deputi", institution="Lembaga Administrasi Negara")))
    s = _scores(pred)
    assert s["officials"] == (1.0, 1.0)
    assert s["official_posts"] == (0.5, 0.5)
    assert s["signatories"] == (1.0, 1.0)


def test_scopes_are_compared_by_the_reference_scoring_keys() -> None:
    pred = _bundle(institutions=GOLD.institutions, agreements=(Agreement(
        ("Kabupaten Banjar", "Lembaga Administrasi Negara"),
        scopes=(Mention("manajemen aparatur sipil negara"), Mention("pendidikan dan pelatihan"), Mention("pelayanan publik"))),))
    s = _scores(pred)
    assert s["agreements"] == (1.0, 1.0)
    assert s["agreement_scopes"] == pytest.approx((2 / 3, 1.0))


def test_missing_dates_lower_recall_and_extra_dates_precision() -> None:
    assert _scores(_bundle())["event_dates"] == (0.0, 0.0)  # the reference scores predicting nothing as precision 0
    extra = _bundle(events=(Event("e1", date="2022-03-02"), Event("e2", date="2016-03-02")))
    assert _scores(extra)["event_dates"] == (0.5, 1.0)
