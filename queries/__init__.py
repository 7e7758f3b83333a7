"""The researchers' library of named SPARQL queries: one ``.rq`` file per query in this folder.

``QUERIES`` maps each file's stem to its parsed ``NamedQuery``; it is read on
first use, so a broken header is reported (file and line) when a query is
looked up, not when lankg is imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import resources

from lankg.errors import QueryError
from lankg.queries.library import NamedQuery, parse_named_query


class UnknownQuery(QueryError, KeyError):
    """No named query has that name (a KeyError too, so ``QUERIES.get`` and ``in`` behave as for a dict)."""

    def __str__(self) -> str:
        return str(self.args[0])


class _QueryLibrary(Mapping[str, NamedQuery]):
    """The named queries shipped in this package, by stem, parsed once."""

    def __init__(self) -> None:
        self._queries: dict[str, NamedQuery] | None = None

    def _load(self) -> dict[str, NamedQuery]:
        if self._queries is None:
            found: dict[str, NamedQuery] = {}
            for res in sorted(resources.files(__name__).iterdir(), key=lambda r: r.name):
                if res.name.endswith(".rq") and res.is_file():
                    stem = res.name[: -len(".rq")]
                    found[stem] = parse_named_query(stem, f"queries/{res.name}", res.read_text(encoding="utf-8"))
            self._queries = found
        return self._queries

    def __getitem__(self, name: str) -> NamedQuery:
        queries = self._load()
        if name not in queries:
            raise UnknownQuery(f"no query named {name!r}; `lankg query --list` lists them")
        return queries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._load()

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


QUERIES: Mapping[str, NamedQuery] = _QueryLibrary()


def query_text(name: str) -> str:
    """The text of the named query ``<name>.rq``."""
    resource = resources.files(__name__).joinpath(f"{name}.rq")
    if not resource.is_file():
        raise QueryError(f"no query named {name!r}")
    return resource.read_text(encoding="utf-8")
