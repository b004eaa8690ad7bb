"""An Excel workbook checked as the zip file it is, before any reader opens it.

:func:`check_workbook` looks at the parts an ``.xlsx`` holds and refuses, naming the file and
the fix: a file that is not a workbook (whatever its extension), a workbook with macros
(``vbaProject.bin``, Excel 4 macro sheets or a macro-enabled content type), one that links to
other workbooks (its figures would be stale copies), a part that passes the size or
compression limits of :class:`~marmot_monitor.io.limits.ReadLimits`, a damaged part, and a
sheet with more cells than ``max_workbook_cells``. Every part is read once through Python's
``zipfile``, which never gives more than a part's declared size and checks its CRC, so a
lying zip header is caught here and not inside a reader. Counting stops at the limit; a
sheet whose XML stops before its end tag is refused as cut short.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from marmot_monitor.analysis._common import counted
from marmot_monitor.io.limits import (
    CHUNK_BYTES,
    DEFAULT_LIMITS,
    RATIO_GRACE_BYTES,
    TOO_COMPRESSED,
    TOO_LARGE,
    ReadLimits,
    size_text,
)
from marmot_monitor.io.problems import InvalidFileError

NOT_A_WORKBOOK = (
    "the file is not an Excel workbook (.xlsx): {reason}",
    "open it in Excel and save it as 'Excel Workbook (.xlsx)'",
)
NOT_A_ZIP = "it is not the zip file an .xlsx is"
ENCRYPTED = "it is an old .xls file, or a workbook protected by a password"
NO_WORKBOOK_PART = "it is a zip file without the parts of a workbook"
MACROS = (
    "the workbook holds macros, which Marmot Monitor does not open",
    "save it as 'Excel Workbook (.xlsx)', which keeps no macros, and use that file",
)
EXTERNAL_LINKS = (
    "the workbook links to {count:,} other workbook{s}, so its figures may be old copies of theirs",
    "in Excel, choose Data > Edit Links > Break Link, save the workbook and use it again",
)
DAMAGED = (
    "the workbook is damaged: {part} cannot be read ({reason})",
    "open it in Excel and save it again, or export or download it again",
)
SHEET_TOO_LARGE = (
    "the sheet {sheet!r} has more than {limit:,} cells ({cells:,} in its first {rows})",
    "split the data over smaller files, or ask your administrator to raise "
    "MARMOT_IMPORT_MAX_WORKBOOK_CELLS",
)
MACRO_PARTS = re.compile(r"(^|/)vbaProject\.bin$|^xl/macrosheets/|^xl/dialogsheets/", re.I)
LINK_PARTS = re.compile(r"^xl/externalLinks/[^/]+\.xml$", re.I)
CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
SHEET_END = re.compile(rb"</(?:\w+:)?worksheet>\s*$")
CUT_SHORT = "it stops part-way, before the sheet's end"
ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
PART_CHUNK_BYTES = 64 * 1024  # zipfile reads as many compressed bytes as it is asked for
RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its name, its part in the zip, and the rows and cells it holds."""

    name: str
    part: str
    rows: int = 0
    cells: int = 0


def check_workbook(
    source: Path | BinaryIO,
    *,
    name: str,
    limits: ReadLimits = DEFAULT_LIMITS,
    too_many_cells: tuple[str, str] = SHEET_TOO_LARGE,
) -> list[Sheet]:
    """The workbook's sheets in order, once every part has passed the checks above.

    ``too_many_cells`` is the rule and fix said of a sheet past ``max_workbook_cells``.
    Raises :class:`~marmot_monitor.io.problems.InvalidFileError`.
    """
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_a_workbook(name, _what_it_is(source)) from None
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
            raise _not_a_workbook(name, NO_WORKBOOK_PART)
        _check_sizes(infos, name, limits)
        _refuse_macros(archive, names, name)
        _refuse_links(names, name)
        sheets = sheet_parts(archive, name)
        counts = {}
        for info in infos:
            sheet = next((s for s in sheets if s.part == info.filename), None)
            counts[info.filename] = _read_part(archive, info, name, sheet, limits, too_many_cells)
    return [Sheet(s.name, s.part, *counts.get(s.part, (0, 0))) for s in sheets]


def _what_it_is(source: Path | BinaryIO) -> str:
    if isinstance(source, Path):
        with source.open("rb") as stream:
            start = stream.read(4)
    else:
        source.seek(0)
        start = source.read(4)
        source.seek(0)
    return ENCRYPTED if start == b"\xd0\xcf\x11\xe0" else NOT_A_ZIP


def _not_a_workbook(name: str, reason: str) -> InvalidFileError:
    rule, fix = NOT_A_WORKBOOK
    return InvalidFileError(name, rule.format(reason=reason), fix)


def _check_sizes(infos: list[zipfile.ZipInfo], name: str, limits: ReadLimits) -> None:
    """The parts' declared sizes together, and each part's compression ratio."""
    if sum(info.file_size for info in infos) > limits.max_bytes:
        rule, fix = TOO_LARGE
        raise InvalidFileError(name, rule.format(limit=size_text(limits.max_bytes)), fix)
    for info in infos:
        if info.file_size > max(RATIO_GRACE_BYTES, limits.max_ratio * info.compress_size):
            rule, fix = TOO_COMPRESSED
            raise InvalidFileError(name, rule.format(ratio=limits.max_ratio), fix)


def _refuse_macros(archive: zipfile.ZipFile, names: set[str], name: str) -> None:
    types = archive.getinfo("[Content_Types].xml")
    macro_type = types.file_size <= CHUNK_BYTES and b"macroenabled" in (
        _read_small(archive, types, name).lower()
    )
    if macro_type or any(MACRO_PARTS.search(part) for part in names):
        raise InvalidFileError(name, *MACROS)


def _refuse_links(names: set[str], name: str) -> None:
    links = sum(bool(LINK_PARTS.match(part)) for part in names)
    if links:
        rule, fix = EXTERNAL_LINKS
        raise InvalidFileError(name, rule.format(count=links, s="" if links == 1 else "s"), fix)


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        rule, fix = DAMAGED
        raise InvalidFileError(name, rule.format(part=info.filename, reason=error), fix) from None


def sheet_parts(archive: zipfile.ZipFile, name: str) -> list[Sheet]:
    """Each sheet's name and the part holding it, from ``workbook.xml`` and its relations."""
    try:
        workbook = ElementTree.fromstring(
            _read_small(archive, archive.getinfo("xl/workbook.xml"), name)
        )
        relations = ElementTree.fromstring(
            _read_small(archive, archive.getinfo("xl/_rels/workbook.xml.rels"), name)
        )
    except (KeyError, ElementTree.ParseError) as error:
        rule, fix = DAMAGED
        raise InvalidFileError(
            name, rule.format(part="xl/workbook.xml", reason=error), fix
        ) from None
    targets = {element.get("Id"): element.get("Target", "") for element in relations}
    sheets = []
    for element in workbook.iter():
        if element.tag.endswith("}sheet"):
            target = targets.get(element.get(RELATION_ID), "")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            sheets.append(Sheet(element.get("name", ""), part))
    return sheets


def _part(info: zipfile.ZipInfo, sheet: Sheet | None) -> str:
    return f"the sheet {sheet.name!r}" if sheet is not None else f"its part {info.filename}"


def _read_part(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    sheet: Sheet | None,
    limits: ReadLimits,
    too_many_cells: tuple[str, str],
) -> tuple[int, int]:
    """Read one part through (its CRC checked); for a sheet, count rows and cells as it goes."""
    rows = cells = 0
    tail = last = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(PART_CHUNK_BYTES):
                if sheet is None:
                    continue
                last = (last + chunk)[-64:]
                block = tail + chunk
                cut = block.rfind(b"<")
                scanned, tail = (block, b"") if cut < 0 else (block[:cut], block[cut:])
                rows += len(ROW.findall(scanned))
                cells += len(CELL.findall(scanned))
                if cells > limits.max_workbook_cells:
                    rule, fix = too_many_cells
                    found = rule.format(
                        sheet=sheet.name,
                        limit=limits.max_workbook_cells,
                        cells=cells,
                        rows=counted(rows, "row"),
                    )
                    raise InvalidFileError(name, found, fix)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        rule, fix = DAMAGED
        raise InvalidFileError(
            name, rule.format(part=_part(info, sheet), reason=error), fix
        ) from None
    if sheet is not None and not SHEET_END.search(last):
        rule, fix = DAMAGED
        raise InvalidFileError(name, rule.format(part=_part(info, sheet), reason=CUT_SHORT), fix)
    return rows + len(ROW.findall(tail)), cells + len(CELL.findall(tail))
