"""``python -m marmot_monitor`` runs the ``marmot`` command."""

from marmot_monitor.cli.main import run

run()
