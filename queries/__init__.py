"""The researchers' library of named SPARQL queries: one ``.rq`` file per query in this folder."""

from __future__ import annotations

from importlib import resources

from lankg.errors import QueryError


def query_text(name: str) -> str:
    """The text of the named query ``<name>.rq``."""
    resource = resources.files(__name__).joinpath(f"{name}.rq")
    if not resource.is_file():
        raise QueryError(f"no query named {name!r}")
    return resource.read_text(encoding="utf-8")
