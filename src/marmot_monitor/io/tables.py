"""Read a CSV, gzipped CSV or XLSX file into a frame of text, as it is, with row numbers.

Every reader starts here. Cells stay text (readers decide what is a number) and the ``row``
column numbers rows as a spreadsheet does, header first, so a problem can say "row 12" and
the user finds it. What real files get wrong is caught with a reason and a fix: not UTF-8,
another delimiter, a quoted field never closed, a row cut short, no rows at all, a merged
header in a workbook.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import polars as pl
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

from marmot_monitor import language
from marmot_monitor.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_text,
    read_file_bytes,
    refuse_large_file,
)
from marmot_monitor.io.problems import InvalidFileError, empty_problems, said
from marmot_monitor.io.workbooks import MACROS, Sheet, check_workbook

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
HEADER_SEARCH_ROWS = 30
EMPTY_FILE = (
    language.noop("the file is empty"),
    language.noop("export the data again; a file of 0 bytes has nothing in it"),
)
NO_ROWS = (
    language.noop("the file has a header but no rows"),
    language.noop("check that you exported the data, not a template"),
)
NOT_UTF8 = (
    language.noop("the file is not UTF-8 text (byte 0x{byte:02X} in row {row:,} cannot be read)"),
    language.noop(
        "save it as 'CSV UTF-8' in Excel, or say which encoding it uses, e.g. --encoding cp1252"
    ),
)
BAD_ENCODING = (
    language.noop("the file cannot be read as {encoding}"),
    language.noop("check the --encoding given"),
)
UNCLOSED_QUOTE = (
    language.noop("row {row:,} opens a quoted field that is never closed"),
    language.noop("the file may be cut short: export or download it again"),
)
TOO_MANY_FIELDS = (
    language.noop("row {row:,} has {found} fields but the header has {expected}"),
    language.noop(
        "quote values that contain the delimiter, or check that every row has the header's columns"
    ),
)
UNREADABLE = (
    language.noop("the file cannot be read as a table ({reason})"),
    language.noop("save it as CSV UTF-8 or XLSX"),
)
DAMAGED_SHEET = (
    language.noop("the sheet {sheet!r} is damaged and cannot be read ({reason})"),
    language.noop("open the workbook in Excel and save it again, or export it again"),
)
NOT_A_TABLE = (
    language.noop("a {suffix} file is not a table Marmot Monitor reads"),
    language.noop("save it as CSV (comma-separated, UTF-8) or as an Excel workbook (.xlsx)"),
)
NO_SHEET = (
    language.noop("the workbook has no sheet named {sheet!r}"),
    language.noop("use one of {names}"),
)
MERGED_HEADER = (
    language.noop("the header row ({row}) has merged cells ({ranges})"),
    language.noop("unmerge them so that each column has its own name in a single header row"),
)
CUT_SHORT = (
    language.noop(
        "the row has {found} of the {expected} columns and the file ends without a line break"
    ),
    language.noop("the file looks cut short: export or download it again"),
)


@dataclass
class Table:
    """A file's cells as text: ``frame`` has the file's columns and ``row``."""

    name: str
    frame: pl.DataFrame
    header_row: int = 1
    notes: list[str] = field(default_factory=list)
    problems: pl.DataFrame = field(default_factory=empty_problems)
    sha256: str = ""

    @property
    def columns(self) -> list[str]:
        return [column for column in self.frame.columns if column != "row"]


def column_key(name: str) -> str:
    """A header name without case, spaces or punctuation: ``Area Code`` → ``areacode``."""
    return re.sub(r"[^a-z0-9+]", "", name.lower())


def read_table(
    path: Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    expected: Collection[str] = (),
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Read ``path`` (``.csv``, ``.csv.gz``, ``.txt``, ``.tsv`` or ``.xlsx``) as text.

    ``expected`` holds :func:`column_key` forms of column names the caller knows; they pick
    the delimiter of a CSV and the header row of a workbook (below a title, say). A file
    past ``limits`` is refused as soon as reading passes them.
    """
    path = Path(path)
    lower = path.name.lower()
    if lower.endswith(".xlsm"):
        raise InvalidFileError(path.name, *MACROS)
    if lower.endswith(".xlsx"):
        refuse_large_file(path, path.name, limits)
        sheets = check_workbook(path, name=path.name, limits=limits)
        table = _read_workbook(path, sheets, sheet=sheet, expected=expected)
        table.sha256 = _sha256(path)
        return table
    if lower.endswith((".xls", ".ods", ".json", ".geojson", ".zip", ".parquet")):
        suffix = lower.rsplit(".", 1)[-1]
        raise InvalidFileError(
            path.name,
            language.gettext(NOT_A_TABLE[0]).format(suffix=f".{suffix}"),
            language.gettext(NOT_A_TABLE[1]),
        )
    # hashlib releases the GIL: the file's hash is computed while polars parses it.
    with ThreadPoolExecutor(max_workers=1) as pool:
        text = read_file_bytes(path, name=path.name, limits=limits)
        digest = pool.submit(_sha256, path)
        table = read_csv_bytes(
            text, name=path.name, encoding=encoding, expected=expected, limits=limits
        )
        table.sha256 = digest.result()
    return table


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def read_csv_bytes(
    data: bytes,
    *,
    name: str,
    encoding: str | None = None,
    expected: Collection[str] = (),
    limits: ReadLimits = DEFAULT_LIMITS,
) -> Table:
    """Read CSV ``data``: see :func:`read_table`."""
    notes: list[str] = []
    data = _as_utf8(data, name, encoding, notes)
    if not data or data.isspace():
        raise InvalidFileError(name, *EMPTY_FILE)
    check_text(data, name=name, limits=limits)
    separator = _delimiter(data, expected)
    if separator != ",":
        notes.append(f"read with {DELIMITERS[separator]}s between columns")
    try:
        frame = pl.read_csv(data, separator=separator, infer_schema=False, raise_if_empty=False)
    except pl.exceptions.ComputeError as error:
        _refuse_non_utf8(data, name)
        raise _parse_error(data, name, separator, error) from None
    frame = frame.rename({column: column.strip() for column in frame.columns})
    frame = frame.with_row_index("row", offset=2).with_columns(pl.col("row").cast(pl.Int64))
    if frame.is_empty():
        raise InvalidFileError(name, *NO_ROWS)
    table = Table(name=name, frame=frame, notes=notes)
    table.problems = _cut_short(data, separator, frame)
    return table


def _as_utf8(data: bytes, name: str, encoding: str | None, notes: list[str]) -> bytes:
    """UTF-16 files and those in ``encoding`` as UTF-8 (polars checks UTF-8 as it reads)."""
    if encoding is not None and encoding.replace("-", "").lower() not in {"utf8", "utf8sig"}:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            rule, fix = said(BAD_ENCODING)
            raise InvalidFileError(name, rule.format(encoding=encoding), fix) from None
        notes.append(f"read as {encoding}")
        return text.encode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        notes.append("read as UTF-16 (Excel's 'Unicode text')")
        return data.decode("utf-16").encode("utf-8")
    return data


def _refuse_non_utf8(data: bytes, name: str) -> None:
    """Name the row of the first byte that is not UTF-8 (only run once polars has failed)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        rule, fix = NOT_UTF8
        raise InvalidFileError(name, rule.format(byte=data[error.start], row=row), fix) from None


def _delimiter(data: bytes, expected: Collection[str]) -> str:
    """The header line's delimiter: the one splitting it into known names, else the most used."""
    end = data.find(b"\n")
    header = data[: end if end >= 0 else len(data)].decode("utf-8-sig", "replace")

    def score(separator: str) -> tuple[int, int]:
        names = _fields(header, separator)
        known = sum(column_key(name) in expected for name in names)
        return known, len(names)

    return max(DELIMITERS, key=score)


def _fields(line: str, separator: str) -> list[str]:
    """The fields of one line (none when the csv module cannot split it)."""
    try:
        return next(csv.reader([line], delimiter=separator), [])
    except csv.Error:
        return []


def _parse_error(data: bytes, name: str, separator: str, error: Exception) -> InvalidFileError:
    """Find the row that stopped polars (only ever run on a broken file)."""
    text = io.StringIO(data.decode("utf-8"), newline="")
    reader = csv.reader(text, delimiter=separator, strict=True)
    try:
        width = len(next(reader))
        for number, fields in enumerate(reader, start=2):
            if len(fields) > width:
                rule, fix = said(TOO_MANY_FIELDS)
                return InvalidFileError(
                    name, rule.format(row=number, found=len(fields), expected=width), fix
                )
    except csv.Error:
        rule, fix = said(UNCLOSED_QUOTE)
        return InvalidFileError(name, rule.format(row=reader.line_num), fix)
    if data.count(b'"') % 2:
        rule, fix = said(UNCLOSED_QUOTE)
        return InvalidFileError(name, rule.format(row=reader.line_num), fix)
    reason = " ".join(str(error).split("\n\n")[0].split())
    rule, fix = said(UNREADABLE)
    return InvalidFileError(name, rule.format(reason=reason), fix)


def _cut_short(data: bytes, separator: str, frame: pl.DataFrame) -> pl.DataFrame:
    """A problem on the last row when the file stops part-way through it."""
    if data.endswith((b"\n", b"\r")):
        return empty_problems()
    last_line = data.rsplit(b"\n", 1)[-1].decode("utf-8")
    fields = _fields(last_line, separator)
    expected = frame.width - 1
    if len(fields) >= expected:
        return empty_problems()
    rule, fix = said(CUT_SHORT)
    return pl.DataFrame(
        {
            "row": [frame["row"][-1]],
            "column": [None],
            "value": [last_line],
            "rule": [rule.format(found=len(fields), expected=expected)],
            "fix": [fix],
        },
        schema=empty_problems().schema,
    )


def _read_workbook(
    path: Path, sheets: list[Sheet], *, sheet: str | None, expected: Collection[str]
) -> Table:
    names = [each.name for each in sheets]
    if sheet is not None and sheet not in names:
        rule, fix = said(NO_SHEET)
        raise InvalidFileError(
            path.name, rule.format(sheet=sheet), fix.format(names=", ".join(map(repr, names)))
        )
    chosen = sheets[names.index(sheet)] if sheet is not None else sheets[0]
    try:
        workbook = fastexcel.read_excel(str(path))
        cells = workbook.load_sheet(chosen.name, header_row=None, dtypes="string").to_polars()
    except Exception as error:  # fastexcel raises its own types for a damaged sheet
        reason = " ".join(str(error).replace(str(path), path.name).split())
        rule, fix = said(DAMAGED_SHEET)
        raise InvalidFileError(
            path.name, rule.format(sheet=chosen.name, reason=reason), fix
        ) from None
    if cells.is_empty():
        raise InvalidFileError(path.name, *EMPTY_FILE)
    header_index = _header_index(cells, expected)
    header_row = header_index + 1
    _refuse_merged_header(path, chosen.part, header_row)
    header = [
        (value or "").strip() or f"column {number + 1}"
        for number, value in enumerate(cells.row(header_index))
    ]
    frame = (
        cells.slice(header_index + 1)
        .pipe(lambda rows: rows.rename(dict(zip(rows.columns, _unique(header), strict=True))))
        .with_row_index("row", offset=header_row + 1)
        .with_columns(pl.col("row").cast(pl.Int64))
        .with_columns(pl.exclude("row").str.strip_chars().replace("", None))
    )
    frame = frame.filter(~pl.all_horizontal(pl.exclude("row").is_null()))
    if frame.is_empty():
        raise InvalidFileError(path.name, *NO_ROWS)
    notes = [f"sheet {chosen.name!r}, header in row {header_row}"] if header_row > 1 else []
    if len(names) > 1 and sheet is None:
        notes.append(f"read the first sheet, {chosen.name!r} (choose another with --sheet)")
    return Table(name=path.name, frame=frame, header_row=header_row, notes=notes)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _header_index(cells: pl.DataFrame, expected: Collection[str]) -> int:
    """The first row naming at least two expected columns, else the first row with any text."""
    top = cells.head(HEADER_SEARCH_ROWS)
    first_filled = None
    for index, values in enumerate(top.iter_rows()):
        texts = [value for value in values if value not in (None, "")]
        if texts and first_filled is None:
            first_filled = index
        if sum(column_key(text) in expected for text in texts) >= 2:
            return index
    return first_filled or 0


def _refuse_merged_header(path: Path, part: str, header_row: int) -> None:
    ranges = [
        cells
        for cells in merged_ranges(path, part)
        if range_boundaries(cells)[1] <= header_row <= range_boundaries(cells)[3]
    ]
    if ranges:
        rule, fix = said(MERGED_HEADER)
        raise InvalidFileError(
            path.name, rule.format(row=header_row, ranges=", ".join(ranges)), fix
        )


def merged_ranges(path: Path, part: str) -> list[str]:
    """Merged cell ranges (``D3:E3``) of the sheet in ``part``, read with an XML parser.

    The sheet's XML is parsed as a stream (defusedxml, so no entity tricks), keeping only the
    ``mergeCell`` elements; the workbook has passed
    :func:`~marmot_monitor.io.workbooks.check_workbook` first, which bounds its size.
    """
    with zipfile.ZipFile(path) as archive:
        if part not in archive.namelist():
            return []
        ranges = []
        with archive.open(part) as sheet:
            for _, element in iterparse(sheet, events=("end",)):
                if element.tag.rsplit("}", 1)[-1] == "mergeCell" and element.get("ref"):
                    ranges.append(element.get("ref"))
                element.clear()
    return ranges


UNKNOWN_MAPPED = (
    language.noop("--column {ours}={theirs!r} names a column the file does not have"),
    language.noop("use one of the file's columns: {found}"),
)


def find_columns(
    table: Table,
    aliases: dict[str, Collection[str]],
    *,
    needed: Collection[str] = (),
    mapping: dict[str, str] | None = None,
) -> dict[str, str]:
    """Our column names → the file's, by known aliases (as :func:`column_key`) or ``mapping``.

    Raises :class:`InvalidFileError` naming every column in ``needed`` that was not found; its
    fix offers ``--column`` only to a reader that takes a ``mapping`` (``{}`` when none was
    given), as only their commands have that option.
    """
    by_key = {column_key(column): column for column in reversed(table.columns)}
    found = {}
    for ours, keys in aliases.items():
        for key in keys:
            if key in by_key:
                found[ours] = by_key[key]
                break
    shown = ", ".join(repr(column) for column in table.columns[:12])
    for ours, theirs in (mapping or {}).items():
        column = theirs if theirs in table.columns else by_key.get(column_key(theirs))
        if column is None:
            rule, fix = said(UNKNOWN_MAPPED)
            raise InvalidFileError(
                table.name, rule.format(ours=ours, theirs=theirs), fix.format(found=shown)
            )
        found[ours] = column
    missing = [ours for ours in needed if ours not in found]
    if missing:
        rule = language.ngettext(
            "the file has no {missing} column (its columns are: {found})",
            "the file has no {missing} columns (its columns are: {found})",
            len(missing),
        )
        fix = language.ngettext(
            "rename it in the file, or say which column to use with --column {example}=NAME",
            "rename them in the file, or say which column to use with --column {example}=NAME",
            len(missing),
        )
        if mapping is None:
            fix = language.ngettext(
                "rename it in the file", "rename them in the file", len(missing)
            )
        raise InvalidFileError(
            table.name,
            rule.format(missing=", ".join(missing), found=shown),
            fix.format(example=missing[0]),
        )
    return found
