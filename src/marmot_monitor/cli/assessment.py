"""``marmot assessment``: load self-assessment question sets, and list them.

``marmot assessment load marmot`` loads the shipped Marmot Principles set,
``durham-wellbeing`` County Durham's six wellbeing principles; a path loads a question set
file of your own (``docs/assessment.md`` describes the form). The file is checked whole
first: a problem is one line naming the file, question and field, exit 2, and nothing is
changed. Each load is audited as done by the account that ran the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from marmot_monitor.analysis._common import counted
from marmot_monitor.catalogue.question_sets import SHIPPED, read_question_set
from marmot_monitor.cli import setup
from marmot_monitor.cli.options import DbOption
from marmot_monitor.cli.users import command_operator

LOADED = "Loaded {name}: {principles}, {questions} (key {key})."
NO_SETS = "No question set yet: `marmot assessment load marmot` loads the Marmot Principles set."

assessment_app = typer.Typer(
    help="Self-assessment question sets: load the shipped ones or your own, list them.",
    no_args_is_help=True,
)
console = Console()


@assessment_app.command("load")
def load(
    sources: Annotated[
        list[str],
        typer.Argument(
            help=f"A shipped set ({', '.join(SHIPPED)}) or a question set file (.toml).",
            metavar="SET_OR_FILE...",
        ),
    ],
    db: DbOption = None,
) -> None:
    """Load question sets; a set whose key is already loaded is refused (edit it on the site)."""
    specs = [
        read_question_set(SHIPPED[source]) if source in SHIPPED else read_question_set(Path(source))
        for source in sources
    ]
    setup.start_ready(db)
    from django.db import transaction

    from marmot_monitor.web.assessment.services import load_question_set

    with transaction.atomic():
        loaded = [load_question_set(spec, operator=command_operator()) for spec in specs]
    for question_set, spec in zip(loaded, specs, strict=True):
        console.print(
            LOADED.format(
                name=question_set.name,
                principles=counted(len(spec.principles), "principle"),
                questions=counted(len(spec.questions), "question"),
                key=spec.key,
            ),
            soft_wrap=True,
            highlight=False,
            markup=False,
        )


@assessment_app.command("list")
def list_sets(db: DbOption = None) -> None:
    """The question sets loaded, with their rounds."""
    setup.start_ready(db)
    from marmot_monitor.web.assessment.models import QuestionSet

    sets = list(QuestionSet.objects.prefetch_related("rounds", "questions"))
    if not sets:
        console.print(NO_SETS, highlight=False, markup=False)
        return
    table = Table("key", "name", "questions", "rounds")
    for question_set in sets:
        rounds = ", ".join(r.name for r in question_set.rounds.all()) or "none yet"
        table.add_row(
            question_set.key, question_set.name, str(question_set.questions.count()), rounds
        )
    console.print(table, highlight=False)
