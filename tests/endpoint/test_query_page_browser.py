"""The query page in headless Chromium: it lists the named queries, runs a typed query and shows the rows as text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium: BrowserContext, endpoint: str) -> Iterator[Page]:
    page = chromium.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(endpoint) else None)
    page.goto(f"{endpoint}/")
    yield page
    page.close()
    assert outside == [], f"the page fetched from outside the endpoint: {outside}"


def test_type_a_query_and_see_rows(page: Page) -> None:
    expect(page.locator("#named-list li")).not_to_have_count(0)
    expect(page.locator("#named-list")).to_contain_text("network_edges")
    page.fill(
        "#query",
        "PREFIX lankg: <https://w3id.org/lankg/ontology#>\n"
        "SELECT DISTINCT ?name WHERE { ?a lankg:party ?p . ?p lankg:name ?name . ?p a lankg:City } ORDER BY ?name",
    )
    page.click("#run")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(2)
    assert rows.all_inner_texts() == ["Kota Ambon", "Kota Pekanbaru"]
    assert page.locator("#results thead th").all_inner_texts() == ["name"]
    expect(page.locator("#status")).to_have_text("2 rows")


def test_named_query_loads_into_the_editor_and_runs(page: Page) -> None:
    page.locator("#named-list button", has_text="modes_by_year").click()
    assert "lankg:mode" in page.locator("#query").input_value()
    page.click("#run")
    expect(page.locator("#results tbody tr")).to_have_count(4)
    assert page.locator("#results tbody tr").last.inner_text().split("\t")[:2] == ["2022", "Blended"]


def test_hostile_values_are_shown_as_text(page: Page) -> None:
    payload = "<img id=pwned src=x onerror=\"document.title='pwned'\">"
    page.fill("#query", 'SELECT ?x WHERE { BIND("""' + payload + '""" AS ?x) }')
    page.click("#run")
    cell = page.locator("#results tbody td")
    expect(cell).to_have_text(payload)
    assert page.locator("#pwned").count() == 0 and page.title() != "pwned"


def test_errors_are_shown(page: Page) -> None:
    page.fill("#query", "SELECT * WHERE { ?s ?p }")
    page.click("#run")
    expect(page.locator("#status")).to_contain_text("Error 400: not valid SPARQL")
    page.fill("#query", "DROP ALL")
    page.click("#run")
    expect(page.locator("#status")).to_contain_text("Error 403")


def test_named_query_parameters_are_fields(page: Page) -> None:
    page.locator("#named-list button", has_text="agreements_of_institution").click()
    field = page.locator("#params input[name=institution]")
    expect(field).to_have_value("Lembaga Administrasi Negara")
    page.click("#run")
    expect(page.locator("#results tbody tr")).to_have_count(18)
    field.fill("Kota Pekanbaru")
    page.click("#run")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert "Lembaga Administrasi Negara" in page.locator("#results tbody tr").inner_text()
    field.fill('} ; DROP ALL ; #')
    page.click("#run")
    expect(page.locator("#status")).to_have_text("0 rows")
