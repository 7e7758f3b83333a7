"""``python -m lankg`` runs the command-line interface."""

from lankg.cli import app

app(prog_name="lankg")
