"""``marmot import``: load Fingertips downloads, tidy values, IMD, lookups, Welsh area names,
populations, boundaries, indicator metadata and local groupings, one kind at a time or, with
``marmot import auto``, a whole folder recognised file by file.

Each file is its own import, written whole or not at all. The command shows a progress bar,
then a summary table; a file refused whole (unreadable, past a limit, a column missing) is
one line naming the file, the rule and the fix; a file's bad rows are listed by file, row,
column, value, rule and fix; and the command exits with an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from marmot_monitor.analysis._common import counted
from marmot_monitor.cli import setup
from marmot_monitor.cli.options import DbOption

STEPS = ("reading", "checking", "writing")
SHOWN_PROBLEMS = 20
REFUSED = "{refused} of {files} refused: nothing was written from {them}"
CREATED_INDICATORS = (
    "Indicators added to the catalogue (principle unassigned: an officer assigns it)"
)
BAD_MAPPING = {
    "--column": "{text!r} is not OURS=THEIRS, e.g. --column indicator='Indicator code'",
    "--where": "{text!r} is not DIMENSION=ITEM, e.g. --where Measure=Percentage",
}

import_app = typer.Typer(
    help="Import data files: each file checked row by row, then written whole or not at all.",
    no_args_is_help=True,
)
console = Console()

FilesArgument = Annotated[
    list[Path],
    typer.Argument(exists=True, dir_okay=False, readable=True, help="Files to import."),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Check and count everything, then write nothing.")
]
SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Write the good rows; put the rejected ones in NAME.rejects.csv beside the file.",
    ),
]
CreateAreasOption = Annotated[
    bool,
    typer.Option(
        "--create-areas", help="Add areas the database lacks, with the names in the file."
    ),
]
RejectsOption = Annotated[
    Path | None,
    typer.Option(help="Where --skip-invalid writes rejected rows (default: beside the file)."),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(help="Text encoding of a CSV that is not UTF-8, e.g. cp1252 or latin-1."),
]
CreateIndicatorsOption = Annotated[
    bool,
    typer.Option(
        "--create-indicators",
        help="Add indicators the catalogue lacks, named as in the file (principle unassigned).",
    ),
]
AcademicOption = Annotated[
    bool,
    typer.Option("--academic-years", help="Read 2019/20 as an academic year (September)."),
]


def run_import(
    kind: str,
    files: list[Path],
    *,
    db: Path | None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    create_areas: bool = False,
    rejects: Path | None = None,
    read_options: dict[str, Any] | None = None,
    create_indicators: bool = False,
    update_catalogue: bool = False,
) -> None:
    """Import each file in turn, print the summary, and fail if any file was refused."""
    setup.start_ready(db)
    from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError, rejects_path
    from marmot_monitor.web.data.importing import ImportOptions, import_file

    results, refused = [], []
    with _progress() as progress:
        task = progress.add_task("", total=len(files) * len(STEPS))
        for path in files:
            options = ImportOptions(
                create_areas=create_areas,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                rejects=(rejects or rejects_path(path)) if skip_invalid else None,
                create_indicators=create_indicators,
                update_catalogue=update_catalogue,
            )

            def step(name: str, path: Path = path) -> None:
                progress.update(task, description=f"{path.name}: {name}", advance=1)

            try:
                results.append(
                    import_file(kind, path, options=options, read_options=read_options, step=step)
                )
            except InvalidFileError as error:
                refused.append(path)
                _say(str(error))
            except InvalidRowsError as error:
                refused.append(path)
                _print_problems(
                    error.shown, total=error.problems.total, rows=len(error.problems.rows)
                )
            progress.update(task, completed=(files.index(path) + 1) * len(STEPS))
    if results:
        _print_summary(results, dry_run=dry_run)
    if refused:
        them = "it" if len(refused) == 1 else "them"
        raise ImportRefusedError(
            REFUSED.format(refused=len(refused), files=counted(len(files), "file"), them=them)
        )


class ImportRefusedError(ValueError):
    """At least one file had problems and was not imported."""


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _print_problems(
    problems: list, *, total: int, rows: int, title: str = "Problems: nothing was written"
) -> None:
    table = Table(title=f"{problems[0].file}: {title}", title_justify="left")
    for heading in ("File", "Row", "Column", "Value", "Rule", "Fix"):
        table.add_column(heading, overflow="fold", justify="right" if heading == "Row" else "left")
    for problem in problems[:SHOWN_PROBLEMS]:
        table.add_row(
            problem.file,
            "" if problem.row is None else f"{problem.row:,}",
            problem.column or "",
            "" if problem.value is None else problem.value[:60],
            problem.rule,
            problem.fix,
        )
    console.print(table)
    if total > SHOWN_PROBLEMS:
        from marmot_monitor.web.data.importing import MORE_PROBLEMS

        console.print(MORE_PROBLEMS.format(more=total - SHOWN_PROBLEMS, total=total, rows=rows))


def _print_summary(results: list, *, dry_run: bool) -> None:
    from marmot_monitor.web.data.importing import DRY_RUN, IMPORTED, SUMMARY_HEADINGS

    table = Table(title=DRY_RUN if dry_run else IMPORTED, title_justify="left")
    for heading in SUMMARY_HEADINGS:
        table.add_column(heading, justify="left" if heading in {"File", "Layout"} else "right")
    for result in results:
        table.add_row(*(cell for _, cell in result.summary()))
    console.print(table)
    for result in results:
        _print_outcome(result)
    print_created_indicators(results)


def print_created_indicators(results: list) -> None:
    """The indicators ``--create-indicators`` added, as one table."""
    created = [(r.reading.name, i) for r in results for i in r.indicators_created]
    if not created:
        return
    table = Table(title=CREATED_INDICATORS, title_justify="left")
    for heading in ("Code", "Fingertips ID", "Title", "Metadata from", "File"):
        table.add_column(heading, overflow="fold")
    for name, indicator in created:
        fingertips_id = indicator["fingertips_id"]
        table.add_row(
            indicator["code"],
            "" if fingertips_id is None else str(fingertips_id),
            indicator["title"],
            indicator["known_from"],
            name,
        )
    console.print(table)


def _print_outcome(result) -> None:
    name = result.reading.name
    number = result.import_id
    if number is not None and not result.dry_run:
        _say(f"{name}: import {number} (`marmot imports show {number}`).")
    elif not result.dry_run:
        _say(f"{name}: {result.nothing_changed()}.")
    for note in result.notes:
        _say(f"  {name}: {note}")
    if result.problems:
        where = f", written to {result.rejects}" if result.rejects else ""
        _say(f"  {name}: rejected rows: {result.rows_rejected:,}{where}")
        _print_problems(
            result.problems.first(SHOWN_PROBLEMS),
            total=result.problems.total,
            rows=result.rows_rejected,
            title="rejected rows",
        )


def _say(text: str) -> None:
    """Print a line without wrapping it (paths and import numbers stay whole)."""
    console.print(text, soft_wrap=True, highlight=False)


def _mapping(pairs: list[str], *, option: str = "--column") -> dict[str, str]:
    from marmot_monitor.io.values import BadPairError, parse_pairs

    try:
        return parse_pairs(pairs)
    except BadPairError as error:
        message = BAD_MAPPING[option].format(text=error.text)
        raise typer.BadParameter(message, param_hint=option) from None


@import_app.command()
def fingertips(
    files: FilesArgument,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
    academic_years: AcademicOption = False,
    create_indicators: CreateIndicatorsOption = False,
) -> None:
    """Fingertips download CSVs (or FingertipsNext extracts) of indicator values."""
    run_import(
        "fingertips",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        create_areas=create_areas,
        rejects=rejects,
        read_options={"encoding": encoding, "academic": academic_years},
        create_indicators=create_indicators,
    )


@import_app.command()
def values(
    files: FilesArgument,
    column: Annotated[
        list[str] | None,
        typer.Option(
            help="Which file column holds one of ours, as OURS=THEIRS (repeatable), "
            "e.g. --column indicator='Measure code'."
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Workbook sheet (default: the first).")] = None,
    indicator: Annotated[
        str | None,
        typer.Option(
            help="The catalogue's indicator of every value, for a StatsWales table or a "
            "file without an indicator column, e.g. --indicator P6-03."
        ),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(
            help="For a StatsWales table: the item of a dimension to keep, as "
            "DIMENSION=ITEM (repeatable), e.g. --where Measure=Percentage."
        ),
    ] = None,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
    academic_years: AcademicOption = False,
    create_indicators: CreateIndicatorsOption = False,
) -> None:
    """Tidy long CSV or XLSX files of values: indicator, area_code, period, value, ...;
    or StatsWales tables (OData or the service's downloads) of one indicator."""
    run_import(
        "values",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        create_areas=create_areas,
        rejects=rejects,
        read_options={
            "columns": _mapping(column or []),
            "sheet": sheet,
            "encoding": encoding,
            "academic": academic_years,
            "indicator": indicator,
            "where": _mapping(where or [], option="--where"),
        },
        create_indicators=create_indicators,
    )


@import_app.command()
def imd(
    files: FilesArgument,
    index: Annotated[
        str | None,
        typer.Option(help="Name of the index, e.g. IMD2019 (default: from the file)."),
    ] = None,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Indices of deprivation: IoD 2019 (Files 1, 2, 6, 7), IoD 2025, WIMD 2019."""
    run_import(
        "imd",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        create_areas=create_areas,
        rejects=rejects,
        read_options={"index": index, "encoding": encoding},
    )


@import_app.command()
def lookup(
    files: FilesArgument,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
) -> None:
    """ONS area lookups (LSOA → ward → local authority → region): adds areas, links parents."""
    run_import(
        "lookup",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        rejects=rejects,
        read_options={"encoding": encoding},
    )


@import_app.command("area-names")
def area_names(
    files: FilesArgument,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Welsh names of loaded areas, shown on the Welsh pages: a CSV of code and name_cy."""
    run_import(
        "area-names",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        rejects=rejects,
        read_options={"encoding": encoding},
    )


@import_app.command()
def population(
    files: FilesArgument,
    year: Annotated[
        int | None, typer.Option(help="Mid-year of the estimates (default: from the file name).")
    ] = None,
    sex: Annotated[
        str | None, typer.Option(help="Persons, Male or Female, when the file has no sex column.")
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Workbook sheet (default: the first).")] = None,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Population estimates by single year of age, stored in the 19 ESP 2013 age bands."""
    run_import(
        "population",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        create_areas=create_areas,
        rejects=rejects,
        read_options={"year": year, "sex": sex, "sheet": sheet, "encoding": encoding},
    )


@import_app.command()
def boundaries(
    files: FilesArgument,
    vintage: Annotated[
        int | None,
        typer.Option(help="Year of the boundaries, for areas --create-areas adds."),
    ] = None,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    skip_invalid: SkipInvalidOption = False,
    create_areas: CreateAreasOption = False,
    rejects: RejectsOption = None,
) -> None:
    """GeoJSON boundaries (WGS84) of areas, for maps."""
    run_import(
        "boundaries",
        files,
        db=db,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        create_areas=create_areas,
        rejects=rejects,
        read_options={"vintage": vintage},
    )


@import_app.command()
def indicators(
    files: FilesArgument,
    update_catalogue: Annotated[
        bool,
        typer.Option(
            "--update-catalogue",
            help="Take the file's polarity, benchmark method and value type where ours differ.",
        ),
    ] = False,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    encoding: EncodingOption = None,
) -> None:
    """Fingertips or FingertipsNext indicator metadata: adds indicators, checks those we hold."""
    run_import(
        "indicators",
        files,
        db=db,
        dry_run=dry_run,
        read_options={"encoding": encoding},
        update_catalogue=update_catalogue,
    )


AUTO_REFUSED = "{failed} of {recognised} not loaded: nothing was written from {them}"
AUTO_TITLE = (
    "{files}: {loaded} loaded, {unchanged} unchanged, {refused} refused, {unknown} not recognised"
)
AUTO_HEADINGS = ("File", "Recognised as", "Decided", "Read", "Written", "Refused", "Status")


@import_app.command()
def auto(
    paths: Annotated[
        list[Path],
        typer.Argument(exists=True, readable=True, help="Files or folders (searched through)."),
    ],
    db: DbOption = None,
    dry_run: DryRunOption = False,
    create_areas: Annotated[
        bool,
        typer.Option(
            "--create-areas",
            help="Add areas the database lacks, with the names in values, IMD and population "
            "files (lookups always add theirs; boundaries never do here).",
        ),
    ] = False,
    create_indicators: CreateIndicatorsOption = False,
    encoding: EncodingOption = None,
) -> None:
    """Recognise each file by its columns and import them all in order, each whole or not at all.

    Lookups go first, then indicator metadata, deprivation, populations, boundaries, then
    Fingertips and tidy values. What a single import would need to be told (a boundary
    file's year, a population's mid-year, a workbook's sheet) is worked out from the file
    and shown. Exits 0 when every file it recognised loaded (or was already stored), 2 when
    any was refused; files it does not recognise are listed with the reason and do not
    change the exit code.
    """
    setup.start_ready(db)
    from marmot_monitor.web.data import auto as folder
    from marmot_monitor.web.data.importing import ImportOptions

    outcomes = folder.plan(folder.find_files(paths))
    options = ImportOptions(
        create_areas=create_areas, create_indicators=create_indicators, dry_run=dry_run
    )
    with _progress() as progress:
        task = progress.add_task("", total=len(outcomes))

        def step(outcome, name: str) -> None:
            if name == "done":
                progress.advance(task)
            else:
                progress.update(task, description=f"{outcome.path.name}: {name}")

        folder.import_planned(outcomes, options=options, encoding=encoding, step=step)
    _print_auto(outcomes, dry_run=dry_run)
    failed = [o for o in outcomes if o.failed]
    if failed:
        them = "it" if len(failed) == 1 else "them"
        recognised = sum(o.recognised for o in outcomes)
        raise ImportRefusedError(
            AUTO_REFUSED.format(
                failed=len(failed), recognised=counted(recognised, "recognised file"), them=them
            )
        )


def _print_auto(outcomes: list, *, dry_run: bool) -> None:
    from marmot_monitor.web.data import auto as folder

    counts = {s: sum(o.status == s for o in outcomes) for s in (folder.LOADED, folder.UNCHANGED)}
    table = Table(
        title=AUTO_TITLE.format(
            files=counted(len(outcomes), "file"),
            loaded=counts[folder.LOADED] + sum(o.status == folder.CHECKED for o in outcomes),
            unchanged=counts[folder.UNCHANGED],
            refused=sum(o.failed for o in outcomes),
            unknown=sum(not o.recognised for o in outcomes),
        )
        + (" (dry run: nothing was written)" if dry_run else ""),
        title_justify="left",
    )
    for heading in AUTO_HEADINGS:
        numeric = heading in {"Read", "Written", "Refused"}
        table.add_column(heading, justify="right" if numeric else "left", overflow="fold")
    for outcome in outcomes:
        table.add_row(*_auto_cells(outcome))
    for outcome in outcomes:
        if outcome.why:
            _say(f"{outcome.path.name}: {outcome.status}: {outcome.why}")
        for note in outcome.result.notes if outcome.result else []:
            _say(f"  {outcome.path.name}: {note}")
    console.print(table)


def _auto_cells(outcome) -> tuple[str, ...]:
    recognition, result = outcome.recognition, outcome.result
    numbers: tuple[str, ...] = ("", "", f"{outcome.problem_rows:,}" if outcome.problem_rows else "")
    status = outcome.status
    if result is not None:
        written = result.rows_written + result.areas_created
        numbers = (f"{result.rows_read:,}", f"{written:,}", f"{result.rows_rejected:,}")
        if result.import_id and not result.dry_run:
            status += f": import {result.import_id}"
    return (outcome.path.name, recognition.layout, "; ".join(recognition.decided), *numbers, status)


@import_app.command()
def groupings(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True, dir_okay=False, readable=True, help="The groupings file (CSV or XLSX)."
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option(
            help="Name of the grouping set, e.g. 'Area Action Partnerships' "
            "(default: the file's name)."
        ),
    ] = None,
    column: Annotated[
        list[str] | None,
        typer.Option(
            help="Which file column holds member_code, group_name or group_code, as "
            "OURS=THEIRS (repeatable), e.g. --column group_name=AAP."
        ),
    ] = None,
    sheet: Annotated[str | None, typer.Option(help="Workbook sheet (default: the first).")] = None,
    db: DbOption = None,
    dry_run: DryRunOption = False,
    encoding: EncodingOption = None,
) -> None:
    """Local groupings: member areas (LSOAs or wards) into groups such as Area Action
    Partnerships, Care Communities or PCNs, whose figures are summed from their members."""
    run_import(
        "groupings",
        [file],
        db=db,
        dry_run=dry_run,
        read_options={
            "name": name,
            "columns": _mapping(column or []),
            "sheet": sheet,
            "encoding": encoding,
        },
    )
