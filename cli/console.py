"""Terminal output for the CLI: one console for results, one for errors and progress.

Library code never prints; commands report through these and turn a
``LankgError`` into one line on stderr and the error's exit code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lankg.errors import LankgError
from lankg.values import printable

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``LankgError`` raised by ``command`` into ``error: <message>`` and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except LankgError as exc:
            err.print(f"[bold red]error:[/] {escape(printable(str(exc)))}")
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def progress() -> Progress:
    """A progress bar on stderr; it stays quiet when stderr is not a terminal."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )


E = TypeVar("E", bound=StrEnum)


class _EnumParser:
    """Turns an option's text into a member of ``enum``; any other text is a usage error naming ``what``."""

    def __init__(self, enum: type[StrEnum], what: str) -> None:
        self.enum, self.what = enum, what

    def __call__(self, value: object) -> StrEnum:
        if isinstance(value, self.enum):
            return value
        try:
            return self.enum(str(value))
        except ValueError:
            choices = ", ".join(m.value for m in self.enum)
            raise typer.BadParameter(f"unknown {self.what} {str(value)!r}; choose one of {choices}") from None


def choice(enum: type[E], what: str, *param_decls: str, help: str) -> Any:
    """A typer option whose values are ``enum``'s: ``--help`` lists them, shell completion offers them.

    A value outside them is a usage error (exit code 2) saying
    ``unknown <what> 'value'; choose one of ...``.
    """

    def complete(ctx: Any, param: Any, incomplete: str) -> list[str]:
        return [m.value for m in enum if m.value.startswith(incomplete)]

    return typer.Option(
        *param_decls, parser=_EnumParser(enum, what), metavar=f"[{'|'.join(m.value for m in enum)}]", shell_complete=complete, help=help
    )
