"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite database file to use (instead of DATABASE_URL or the data folder file).",
        dir_okay=False,
    ),
]
