"""The one tree of exceptions lankg raises on purpose; the CLI turns each into one line and its exit code.

Every error names what is wrong: the file (and line, where there is one), the
option, the query or the store, so nobody has to read a traceback.

- ``LankgError`` (exit 1)
  - ``InputError`` (2): an input file is unreadable, of the wrong kind, or malformed
  - ``UsageError`` (2): a command-line value is malformed
  - ``QueryError`` (2): a named query is unknown, malformed or given bad parameters
    - ``StoreError`` (2): a store cannot be reached or gave an answer that does not parse
  - ``ValidationError`` (3): the graph does not conform to ontology/shapes.ttl
  - ``OutputError`` (4): an output cannot be written
    - ``OutputBusy`` (5): another build holds the output folder
"""

from __future__ import annotations

from pathlib import Path


class LankgError(Exception):
    """Base of every error lankg raises on purpose."""

    exit_code = 1


class InputError(LankgError, ValueError):
    """An input file is unreadable, of the wrong kind, or malformed."""

    exit_code = 2

    def __init__(self, path: Path | str, reason: str, line: int | None = None, column: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"


class UsageError(LankgError, ValueError):
    """A command-line value is malformed: ``option`` names it, ``reason`` says what is wrong with it."""

    exit_code = 2

    def __init__(self, option: str, reason: str) -> None:
        self.option = option
        self.reason = reason
        super().__init__(f"{option} {reason}")


class QueryError(LankgError, ValueError):
    """A named query is unknown, malformed, or given bad parameters."""

    exit_code = 2


class StoreError(QueryError):
    """A store cannot be reached, refused a request, or answered with something that does not parse.

    A ``QueryError`` too: the query it was asked could not be answered.
    """


class _FileError(LankgError):
    """An error about the file or folder ``path``: ``reason`` says what is wrong with it."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ValidationError(_FileError):
    """The graph in ``path`` does not conform to ontology/shapes.ttl."""

    exit_code = 3


class OutputError(_FileError):
    """An output cannot be written: the folder is read-only or is a file, the disk is full."""

    exit_code = 4


class OutputBusy(OutputError):
    """Another ``lankg build`` holds the output folder; trying again later can succeed."""

    exit_code = 5


__all__ = ["LankgError", "InputError", "UsageError", "QueryError", "StoreError", "ValidationError", "OutputError", "OutputBusy"]
