"""The exceptions lankg raises; the CLI turns each into one line and an exit code.

Every error a user can cause names the file (and line, where there is one) and
says what is wrong, so nobody has to read a traceback.
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


class OutputError(LankgError):
    """An output cannot be written: the folder is read-only or is a file, the disk is full."""

    exit_code = 4

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class OutputBusy(OutputError):
    """Another ``lankg build`` holds the output folder; trying again later can succeed."""

    exit_code = 5


class ExtractionError(LankgError):
    """The extractor could not make sense of an article it could read."""


class ValidationFailed(LankgError):
    """The graph does not conform to ontology/shapes.ttl."""

    exit_code = 3


class QueryError(LankgError, ValueError):
    """A named query is unknown, malformed, or given bad parameters."""

    exit_code = 2


class UsageError(LankgError, ValueError):
    """A command-line value is malformed."""

    exit_code = 2
