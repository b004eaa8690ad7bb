"""How much of a file Marmot Monitor will read, and the name it shows for the file.

Every file a user gives (a web upload, a partner's return, ``marmot import``) is read within
one :class:`ReadLimits`: the bytes it holds once decompressed, how much smaller it may be
compressed, its cells (rows x columns), its columns and the length of a line. Reading stops
as soon as a limit is passed, so a small file that expands to gigabytes costs no more than
the limit, and the file is refused with what was found, the limit and the fix.

A CSV is checked to be text before it is parsed: a workbook, a zip, a gzip file or any other
binary file named ``.csv`` is refused saying what it is. :func:`display_name` turns the name
a browser sends into one that is safe to store, show and write to disk (no folders, no
control characters, at most :data:`NAME_BYTES` bytes of UTF-8, shortened in the middle).
"""

from __future__ import annotations

import gzip
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from marmot_monitor.analysis._common import counted
from marmot_monitor.io.problems import InvalidFileError

MEGABYTE = 1024 * 1024
CHUNK_BYTES = MEGABYTE
RATIO_GRACE_BYTES = MEGABYTE  # a file this small may compress as well as it likes
SNIFF_BYTES = 64 * 1024
NAME_BYTES = 150
UNNAMED = "upload"
KNOWN_SUFFIXES = (".csv.gz", ".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".geojson", ".json")

TOO_LARGE = (
    "the file holds more than {limit} (once decompressed), the most Marmot Monitor reads",
    "split it into smaller files, or ask your administrator to raise MARMOT_IMPORT_MAX_MB",
)
TOO_COMPRESSED = (
    "the file expands more than {ratio:,} times when decompressed, which no real data does",
    "export the data again; if it is genuine, import it uncompressed",
)
NOT_GZIP = (
    "the file is not a complete gzip file ({reason})",
    "download or compress it again, or give the CSV itself",
)
TOO_MANY_COLUMNS = (
    "the header (row 1) has {found:,} columns, more than the {limit:,} Marmot Monitor reads",
    "keep only the columns you import, or ask your administrator to raise "
    "MARMOT_IMPORT_MAX_COLUMNS",
)
TOO_MANY_CELLS = (
    "the file has about {rows} of {columns}, more than the {limit:,} cells "
    "Marmot Monitor reads in one file",
    "split it into smaller files, or ask your administrator to raise MARMOT_IMPORT_MAX_CELLS",
)
LINE_TOO_LONG = (
    "line {line:,} is longer than {limit}, the longest line Marmot Monitor reads",
    "check that the file is a CSV with a line break after each row",
)
BINARY = (
    "the file is not text: it holds bytes no CSV has ({found})",
    "save the data as CSV (comma-separated, UTF-8) or as an Excel workbook (.xlsx), "
    "and give the file its proper extension",
)
WHAT_IT_IS = {
    b"PK\x03\x04": "it is a zip file, such as an Excel workbook: name a workbook .xlsx",
    b"\x1f\x8b": "it is gzip-compressed: name it .csv.gz",
    b"\xd0\xcf\x11\xe0": "it is an old Excel .xls or Word file: save it as .xlsx or CSV",
    b"%PDF": "it is a PDF",
}
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 27), *range(28, 32)])


@dataclass(frozen=True)
class ReadLimits:
    """The most of a file Marmot Monitor reads (see ``docs/configuration.md``).

    ``max_bytes``: a file's bytes, and again what it holds once decompressed (a ``.csv.gz``'s
    CSV, an ``.xlsx``'s parts together); ``max_ratio``: how many times larger than its
    compressed size a gzip stream or a workbook part may be (past the first megabyte);
    ``max_cells``: rows x columns of a CSV; ``max_workbook_cells``: cells of a workbook sheet
    (each costs several times a CSV cell to read); ``max_columns``: columns of a header;
    ``max_line_bytes``: the longest line of a CSV.
    """

    max_bytes: int = 500 * MEGABYTE
    max_ratio: int = 100
    max_cells: int = 30_000_000
    max_workbook_cells: int = 5_000_000
    max_columns: int = 1_000
    max_line_bytes: int = MEGABYTE


DEFAULT_LIMITS = ReadLimits()


def size_text(size: int) -> str:
    """``524288000`` → ``500 MB`` (binary megabytes, as the settings give them)."""
    if size >= MEGABYTE:
        return f"{size / MEGABYTE:,.0f} MB"
    return f"{max(size // 1024, 1):,} KB"


def refuse_large_file(path: Path, name: str, limits: ReadLimits) -> None:
    """Refuse a file whose own size (before any decompression) passes ``max_bytes``."""
    if path.stat().st_size > limits.max_bytes:
        rule, fix = TOO_LARGE
        raise InvalidFileError(name, rule.format(limit=size_text(limits.max_bytes)), fix)


def read_file_bytes(path: Path, *, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """The bytes of ``path`` (decompressed when it ends ``.gz``), within ``limits``."""
    refuse_large_file(path, name, limits)
    with path.open("rb") as stream:
        if path.name.lower().endswith(".gz"):
            return read_gzip(stream, name=name, limits=limits)
        return stream.read()


def read_gzip(stream: BinaryIO, *, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> bytes:
    """Decompress ``stream`` a megabyte at a time, stopping as soon as a limit is passed."""
    chunks, produced = [], 0
    with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
        while True:
            try:
                chunk = unzipped.read(CHUNK_BYTES)
            except (OSError, EOFError, zlib.error) as error:
                rule, fix = NOT_GZIP
                raise InvalidFileError(name, rule.format(reason=_reason(error)), fix) from None
            if not chunk:
                return b"".join(chunks)
            produced += len(chunk)
            _refuse_expansion(name, produced, stream.tell(), limits)
            chunks.append(chunk)


def _reason(error: Exception) -> str:
    return "it ends too soon" if isinstance(error, EOFError) else str(error) or "damaged"


def _refuse_expansion(name: str, produced: int, consumed: int, limits: ReadLimits) -> None:
    if produced > limits.max_bytes:
        rule, fix = TOO_LARGE
        raise InvalidFileError(name, rule.format(limit=size_text(limits.max_bytes)), fix)
    if produced > RATIO_GRACE_BYTES and produced > limits.max_ratio * max(consumed, 1):
        rule, fix = TOO_COMPRESSED
        raise InvalidFileError(name, rule.format(ratio=limits.max_ratio), fix)


def check_text(data: bytes, *, name: str, limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """Refuse CSV ``data`` (UTF-8 or a single-byte encoding) that is binary or too big.

    Checked: no NUL or control bytes in the first 64 KB (a workbook or zip named ``.csv`` is
    named as such), the header's columns, every line's length, and lines x columns.
    """
    _refuse_binary(data, name)
    header_end = data.find(b"\n", 0, limits.max_line_bytes + 1)
    if header_end < 0 and len(data) > limits.max_line_bytes:
        _refuse_long_line(name, 1, limits)
    header = data[: header_end if header_end >= 0 else len(data)]
    columns = max(header.count(separator) for separator in (b",", b";", b"\t", b"|")) + 1
    if columns > limits.max_columns:
        rule, fix = TOO_MANY_COLUMNS
        raise InvalidFileError(name, rule.format(found=columns, limit=limits.max_columns), fix)
    lines = _check_lines(data, name, limits)
    if lines * columns > limits.max_cells:
        rule, fix = TOO_MANY_CELLS
        raise InvalidFileError(
            name,
            rule.format(
                rows=counted(lines, "row"),
                columns=counted(columns, "column"),
                limit=limits.max_cells,
            ),
            fix,
        )


def _refuse_binary(data: bytes, name: str) -> None:
    sample = data[:SNIFF_BYTES]
    for magic, what in WHAT_IT_IS.items():
        if sample.startswith(magic):
            rule, fix = BINARY
            raise InvalidFileError(name, rule.format(found=what), fix)
    control = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    if b"\x00" in sample or control > len(sample) // 100:
        rule, fix = BINARY
        found = f"{control:,} control bytes in the first {size_text(len(sample))}"
        raise InvalidFileError(name, rule.format(found=found), fix)


def _check_lines(data: bytes, name: str, limits: ReadLimits) -> int:
    """The number of lines; refuses the first longer than ``max_line_bytes``."""
    lines, start = 0, -1
    for offset in range(0, len(data), 64 * MEGABYTE):
        block = np.frombuffer(data, np.uint8, count=min(64 * MEGABYTE, len(data) - offset),
                              offset=offset)  # fmt: skip
        ends = np.flatnonzero(block == 10) + offset
        lengths = np.diff(ends, prepend=start)
        too_long = np.flatnonzero(lengths > limits.max_line_bytes + 1)
        if too_long.size:
            _refuse_long_line(name, lines + int(too_long[0]) + 1, limits)
        lines += ends.size
        start = int(ends[-1]) if ends.size else start
    if len(data) - 1 - start > limits.max_line_bytes:
        _refuse_long_line(name, lines + 1, limits)
    return lines + (0 if data.endswith(b"\n") else 1)


def _refuse_long_line(name: str, line: int, limits: ReadLimits) -> None:
    rule, fix = LINE_TOO_LONG
    raise InvalidFileError(
        name, rule.format(line=line, limit=size_text(limits.max_line_bytes)), fix
    )


def display_name(name: str | None) -> str:
    """A file name safe to store, show and write: no folders or control characters, and at
    most :data:`NAME_BYTES` bytes of UTF-8, shortened in the middle with its extension kept.

    >>> display_name("../../etc/smoking\\x00.csv")
    'smoking.csv'
    >>> shown = display_name("é" * 200 + ".csv.gz")
    >>> len(shown.encode()) <= NAME_BYTES, "…" in shown, shown.endswith("é.csv.gz")
    (True, True, True)
    """
    text = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C").strip(" .")
    if not text:
        return UNNAMED
    suffix = next((s for s in KNOWN_SUFFIXES if text.lower().endswith(s)), "")
    stem = text[: len(text) - len(suffix)]
    if len(text.encode()) <= NAME_BYTES:
        return text
    room = NAME_BYTES - len(suffix.encode()) - len("…".encode())
    head = stem.encode()[: room * 2 // 3].decode(errors="ignore")
    tail = stem.encode()[-(room - len(head.encode())) :].decode(errors="ignore")
    return f"{head}…{tail}{suffix}"
