"""Import a file uploaded from the web, exactly as ``marmot import`` imports it from disk.

The upload is written under its own name into a temporary folder (the name is what the
import records and what the readers use to tell a ``.csv.gz`` from an ``.xlsx``), then
:func:`~marmot_monitor.web.data.importing.import_file` checks and writes it with the user
recorded on the import. Rows ``skip_invalid`` rejects are kept in the data folder's
``rejects/`` (never beside the temporary upload, which is gone when the request ends):
``rejects/import-N/`` for import N, or a random folder for a dry run or a file that changed
nothing. :class:`UploadLimit` stops an upload above ``settings.UPLOAD_MAX_BYTES`` before it
is stored anywhere.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from marmot_monitor.io.problems import (
    MANY_ROWS,
    SHOWN,
    InvalidFileError,
    InvalidRowsError,
    Problem,
    rejects_path,
)
from marmot_monitor.web.data.importing import (
    MORE_PROBLEMS,
    ImportOptions,
    ImportResult,
    import_file,
)

REJECTS_FOLDER = "rejects"
REJECTS_KEY = re.compile(r"import-[0-9]+|[0-9a-f]{32}")
NO_ENCODING = {"boundaries"}
UNNAMED = "upload.csv"


class UploadLimit(FileUploadHandler):
    """Refuses an uploaded file larger than ``limit`` bytes, discarding the rest unread.

    Put it first in ``request.upload_handlers`` before the request's body is read; after,
    :attr:`exceeded` says whether a file was cut off (it is then missing from the files).
    """

    def __init__(self, request: Any, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@dataclass(frozen=True)
class Uploaded:
    """What an upload did: the import's result, and where its rejected rows can be fetched."""

    result: ImportResult
    rejects_key: str | None = None

    @property
    def shown(self) -> list[Problem]:
        """The first rejected rows' problems, as many as the command line shows."""
        return self.result.problems.first(SHOWN)

    @property
    def more(self) -> str:
        """The CLI's line on the problems not shown, or nothing when all are shown."""
        return _more(self.result.problems.total, SHOWN, self.result.rows_rejected)


@dataclass(frozen=True)
class Refusal:
    """Why a file was refused (nothing written): the message and the problems shown."""

    message: str
    problems: list[Problem]
    total: int
    rows: int

    @classmethod
    def from_error(cls, error: InvalidFileError | InvalidRowsError) -> Refusal:
        if isinstance(error, InvalidFileError):
            return cls(str(error), [error.problem], total=1, rows=0)
        problems = error.problems
        rows = len(problems.rows)
        message = MANY_ROWS.format(file=problems.file, rows=rows, total=problems.total)
        return cls(message, problems.first(SHOWN), total=problems.total, rows=rows)

    @property
    def more(self) -> str:
        """The CLI's line on the problems not shown, or nothing when all are shown."""
        return _more(self.total, len(self.problems), self.rows)


def _more(total: int, shown: int, rows: int) -> str:
    hidden = total - min(shown, total)
    return MORE_PROBLEMS.format(more=hidden, total=total, rows=rows) if hidden else ""


def import_upload(
    kind: str,
    upload: UploadedFile,
    *,
    options: ImportOptions,
    encoding: str | None = None,
) -> Uploaded:
    """Import ``upload`` as ``kind``; raises what :func:`import_file` raises when refused."""
    read_options = {} if kind in NO_ENCODING else {"encoding": encoding or None}
    with tempfile.TemporaryDirectory(prefix="marmot-upload-") as folder:
        path = Path(folder) / _file_name(upload)
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        if options.skip_invalid:
            rejects = Path(folder) / REJECTS_FOLDER / rejects_path(path).name
            rejects.parent.mkdir()
            options = replace(options, rejects=rejects)
        result = import_file(kind, path, options=options, read_options=read_options)
        key = _keep_rejects(result) if result.rejects else None
    return Uploaded(result, key)


def _file_name(upload: UploadedFile) -> str:
    name = Path(upload.name or "").name
    return name if name.strip(" .") else UNNAMED


def _keep_rejects(result: ImportResult) -> str:
    """Move the rejects file into the data folder; its key names it in the download's URL."""
    kept = result.import_id is not None and not result.dry_run
    key = f"import-{result.import_id}" if kept else uuid.uuid4().hex
    folder = rejects_root() / key
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    result.rejects = Path(shutil.move(result.rejects, folder / result.rejects.name))
    return key


def rejects_root() -> Path:
    return Path(settings.DATA_DIR) / REJECTS_FOLDER


def rejects_file(key: str) -> Path | None:
    """The rejects file kept under ``key``, or ``None`` (an unknown or malformed key)."""
    if not REJECTS_KEY.fullmatch(key):
        return None
    found = sorted((rejects_root() / key).glob("*.csv"))
    return found[0] if found else None


def import_rejects_key(number: int) -> str | None:
    """The key of import ``number``'s rejected rows, when it kept any."""
    key = f"import-{number}"
    return key if rejects_file(key) else None


def forget_rejects(number: int) -> None:
    """Remove import ``number``'s rejected rows (when the import is deleted)."""
    shutil.rmtree(rejects_root() / f"import-{number}", ignore_errors=True)
