"""The command line's choices are enums (listed by --help, offered by completion), and --version loads no RDF library."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from lankg.cli import app
from lankg.options import AnswerFormat, EntityFormat, EntityKind, ExportFormat, View

runner = CliRunner()


def test_version_imports_neither_the_graph_stack_nor_the_stages() -> None:
    probe = (
        "import sys\n"
        "from lankg.cli import app\n"
        "try:\n    app(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = ('rdflib', 'pyoxigraph', 'pyshacl', 'owlrl', 'networkx', 'starlette', 'lankg.graph', 'lankg.store', 'lankg.pipeline', 'lankg.loaders')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines() == ["lankg 0.1.0", "[]"]


@pytest.mark.parametrize(
    ("command", "option", "enum"),
    [
        (["export"], "--format", ExportFormat),
        (["query"], "--format", AnswerFormat),
        (["viz"], "--view", View),
        (["entities"], "--kind", EntityKind),
        (["entities"], "--format", EntityFormat),
    ],
)
def test_help_lists_every_value_of_a_choice(command: list[str], option: str, enum: type) -> None:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"[{'|'.join(m.value for m in enum)}]" in result.output


def test_completion_offers_the_values_of_a_choice() -> None:
    result = runner.invoke(
        app, [], prog_name="lankg", env={"_LANKG_COMPLETE": "complete_bash", "COMP_WORDS": "lankg export --format ", "COMP_CWORD": "3"}
    )
    assert result.output.split() == [m.value for m in ExportFormat]
