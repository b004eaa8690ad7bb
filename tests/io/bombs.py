"""Hostile files, made in the test (small on disk, never committed): the upload bomb test's kit.

Each maker returns the file's bytes. ``BOMBS`` names every kind with the file name it is
given; the upload pages and ``marmot import`` must refuse each with a clear message, write
nothing and stop early. The workbook bombs start from a real workbook (``base``) and change
its parts, so everything but the hostile part is what Excel or openpyxl writes.
"""

from __future__ import annotations

import gzip
import io
import random
import zipfile

import openpyxl

MEGABYTE = 1024 * 1024
LINE = b"90001,X05000001,2019,1\n"
HEADER = b"Indicator ID,Area Code,Time period,Value\n"
LONG_NAME = "Ynys Môn ñ " * 18 + "figures.csv"  # 209 characters, 245 bytes of UTF-8
SHEET = "xl/worksheets/sheet1.xml"
MANY_ROWS = 20_000
MANY_COLUMNS = 7
WIDE_COLUMNS = 5_000


def gzip_bomb(expanded_megabytes: int = 256) -> bytes:
    """A ``.csv.gz`` of a header and one line repeated: about 1 KB per expanded megabyte."""
    member = gzip.compress(LINE * (MEGABYTE // len(LINE)), compresslevel=9)
    return gzip.compress(HEADER) + member * expanded_megabytes


def binary() -> bytes:
    return random.Random(12).randbytes(20_000)


def wide_csv(columns: int = WIDE_COLUMNS) -> bytes:
    header = ",".join(f"column {number}" for number in range(columns))
    return f"{header}\n{','.join('1' * columns)}\n".encode()


def workbook() -> bytes:
    """A small tidy workbook of values, as openpyxl writes it."""
    book = openpyxl.Workbook()
    book.active.append(["indicator", "area_code", "period", "value"])
    book.active.append(["SMOKING", "X05000001", "2019", 12.5])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def rewrite(base: bytes, parts: dict[str, bytes], *, sheet: str = SHEET) -> bytes:
    """``base`` with ``parts`` added or replaced (a part named ``SHEET`` goes to ``sheet``)."""
    parts = {sheet if name == SHEET else name: data for name, data in parts.items()}
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
        for name, data in parts.items():
            target.writestr(name, data, zipfile.ZIP_DEFLATED)
    return output.getvalue()


def zip_bomb(base: bytes, *, sheet: str = SHEET, expanded_megabytes: int = 64) -> bytes:
    """``base`` whose sheet is padded with spaces to ``expanded_megabytes``: over 1000:1."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            if info.filename != sheet:
                target.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo(sheet)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><worksheet><sheetData>')
            for _ in range(expanded_megabytes):
                part.write(b" " * MEGABYTE)
            part.write(b"</sheetData></worksheet>")
    return output.getvalue()


def many_rows(base: bytes, *, sheet: str = SHEET, rows: int = MANY_ROWS) -> bytes:
    """``base`` whose sheet has ``rows`` rows of :data:`MANY_COLUMNS` numbers."""
    cells = "".join(f'<c r="{letter}{{row}}"><v>1</v></c>' for letter in "ABCDEFG")
    body = "".join(f'<row r="{row}">{cells.format(row=row)}</row>' for row in range(1, rows + 1))
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    return rewrite(base, {SHEET: xml.encode()}, sheet=sheet)


def with_macros(base: bytes) -> bytes:
    """``base`` saved as Excel saves a macro-enabled workbook: a VBA project and its type."""
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        types = source.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    return rewrite(base, {"[Content_Types].xml": types, "xl/vbaProject.bin": b"\xd0\xcf" * 64})


def with_external_link(base: bytes) -> bytes:
    link = (
        b'<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><externalBook/></externalLink>'
    )
    return rewrite(base, {"xl/externalLinks/externalLink1.xml": link})


def truncated(base: bytes, *, sheet: str = SHEET) -> bytes:
    """``base`` whose sheet XML stops half-way (a zip that is itself whole)."""
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        xml = source.read(sheet)
    return rewrite(base, {SHEET: xml[: len(xml) // 2]}, sheet=sheet)


def bombs(base: bytes, *, sheet: str = SHEET) -> dict[str, tuple[str, bytes]]:
    """Every hostile file: its label → (file name, bytes). ``base`` is a valid workbook."""
    return {
        "gzip bomb": ("figures.csv.gz", gzip_bomb()),
        "zip-bomb workbook": ("figures.xlsx", zip_bomb(base, sheet=sheet)),
        "many-rows workbook": ("figures.xlsx", many_rows(base, sheet=sheet)),
        "many-columns CSV": ("figures.csv", wide_csv()),
        "binary file as .csv": ("figures.csv", binary()),
        "macro-enabled workbook": ("figures.xlsm", with_macros(base)),
        "workbook with external links": ("figures.xlsx", with_external_link(base)),
        "truncated sheet XML": ("figures.xlsx", truncated(base, sheet=sheet)),
        "long non-ASCII name": (LONG_NAME, binary()),
    }


def named_file(name: str, data: bytes) -> io.BytesIO:
    """``data`` as a file to post, under ``name``."""
    upload = io.BytesIO(data)
    upload.name = name
    return upload
