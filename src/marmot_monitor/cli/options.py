"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marmot_monitor import language

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="SQLite database file to use (instead of DATABASE_URL or the data folder file).",
        dir_okay=False,
    ),
]


def _known_language(code: str) -> str:
    if code not in language.LANGUAGES:
        choices = ", ".join(language.LANGUAGES)
        raise typer.BadParameter(language.UNKNOWN_LANGUAGE.format(language=code, choices=choices))
    return code


LanguageOption = Annotated[
    str,
    typer.Option(
        "--language",
        help="The language of the file's words: en (English) or cy (Cymraeg, Welsh).",
        callback=_known_language,
    ),
]
