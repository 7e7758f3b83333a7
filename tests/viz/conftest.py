"""A real headless Chromium with every non-file:// request aborted and recorded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest


class OfflinePage:
    """A Chromium page that refuses and remembers every request not to a file:// URL."""

    def __init__(self, page, blocked: list[str], errors: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.page, self.blocked, self.errors = page, blocked, errors

    def open(self, path: Path, timeout_ms: int = 60_000) -> None:
        """Load ``path`` and wait until the page says the network is drawn (polled from here: the page's CSP forbids eval)."""
        self.page.goto(path.resolve().as_uri())
        deadline = time.monotonic() + timeout_ms / 1000
        while self.page.evaluate("document.body && document.body.getAttribute('data-ready')") != "true":
            if time.monotonic() > deadline:
                raise AssertionError(f"{path.name} did not finish drawing in {timeout_ms} ms; page errors: {self.errors}")
            self.page.wait_for_timeout(50)


@pytest.fixture()
def offline_page(chromium) -> Iterator[OfflinePage]:  # type: ignore[no-untyped-def]
    blocked: list[str] = []
    errors: list[str] = []

    def route(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page = chromium.new_page()
    page.route("**/*", route)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield OfflinePage(page, blocked, errors)
    page.close()
