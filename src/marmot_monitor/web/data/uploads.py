"""Uploaded files: stored as they arrive in one folder of ours, imported, and removed.

:class:`UploadLimit` is every view's upload handler (``FILE_UPLOAD_HANDLERS``): it writes
each file, as its chunks arrive, into a folder of its own under the data folder's
``uploads/<process id>/``, and stops the upload the moment it passes the view's limit
(``settings.UPLOAD_MAX_BYTES`` unless the view gives another), so a too-large file is never
stored whole. The file is saved under :func:`~marmot_monitor.io.limits.display_name` of the
name the browser sent (the name the import records, the errors show and the readers use to
tell a ``.csv.gz`` from an ``.xlsx``); no server path is ever shown. Its folder is removed
when the file is closed (at the end of the request, whatever happened), and
:func:`remove_stale_uploads` removes what a process that died left, when the site starts
and before each upload.

:func:`import_upload` imports a stored file exactly as ``marmot import`` imports one from
disk. Rows ``skip_invalid`` rejects are kept in the data folder's ``rejects/``:
``rejects/import-N/`` for import N, or a random folder for a dry run or a file that changed
nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers, StopUpload
from django.utils.translation import gettext

from marmot_monitor.io.limits import display_name
from marmot_monitor.io.problems import (
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
STALE_SECONDS = 24 * 60 * 60  # no upload request lasts a day: older folders are left over


class StoredUpload(UploadedFile):
    """An uploaded file in a folder of its own under :func:`upload_folder`, removed on close."""

    def __init__(self, name: str, content_type: str | None = None, **kwargs: Any) -> None:
        folder = process_folder()
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(dir=folder))
        self.path = self.folder / display_name(name)
        super().__init__(self.path.open("w+b"), self.path.name, content_type, 0, **kwargs)

    def temporary_file_path(self) -> str:
        return str(self.path)

    def close(self) -> None:
        try:
            self.file.close()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


class UploadLimit(FileUploadHandler):
    """Stores each uploaded file as it arrives, refusing one larger than ``limit`` bytes.

    After the request's body is read, :attr:`exceeded` says whether a file was cut off (it
    is then missing from the files, and what had arrived of it is deleted).
    """

    def __init__(self, request: Any = None, limit: int | None = None) -> None:
        super().__init__(request)
        self.limit = settings.UPLOAD_MAX_BYTES if limit is None else limit
        self.exceeded = False
        self.file: StoredUpload | None = None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        remove_stale_uploads()
        self.file = StoredUpload(
            self.file_name,
            self.content_type,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> StoredUpload:
        self.file.seek(0)
        self.file.size = file_size
        return self.file

    def upload_interrupted(self) -> None:
        if self.file is not None:
            self.file.close()


def upload_folder() -> Path:
    return Path(settings.UPLOAD_FOLDER)


def process_folder() -> Path:
    return upload_folder() / str(os.getpid())


def remove_stale_uploads() -> None:
    """Remove the uploads of processes that have ended (a worker that crashed) and any
    folder older than a day; the folders of running processes are left alone."""
    root = upload_folder()
    if not root.is_dir():
        return
    for entry in root.iterdir():
        ended = not (entry.name.isdigit() and _running(int(entry.name)))
        if ended or _older_than(entry, STALE_SECONDS):
            _remove(entry)
        elif entry.is_dir():
            for upload in entry.iterdir():
                if _older_than(upload, STALE_SECONDS):
                    _remove(upload)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except FileNotFoundError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


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
        return cls(problems.summary(), problems.first(SHOWN), total=problems.total, rows=rows)

    @property
    def more(self) -> str:
        """The CLI's line on the problems not shown, or nothing when all are shown."""
        return _more(self.total, len(self.problems), self.rows)


def _more(total: int, shown: int, rows: int) -> str:
    hidden = total - min(shown, total)
    return gettext(MORE_PROBLEMS).format(more=hidden, total=total, rows=rows) if hidden else ""


def import_upload(
    kind: str,
    upload: UploadedFile,
    *,
    options: ImportOptions,
    encoding: str | None = None,
    read_options: dict[str, Any] | None = None,
) -> Uploaded:
    """Import ``upload`` as ``kind``; raises what :func:`import_file` raises when refused.
    ``read_options`` are the reader's others (a StatsWales table's indicator and items)."""
    read_options = {
        **(read_options or {}),
        **({} if kind in NO_ENCODING else {"encoding": encoding or None}),
    }
    with stored(upload) as stored_upload:
        path = stored_upload.path
        if options.skip_invalid:
            rejects = stored_upload.folder / REJECTS_FOLDER / rejects_path(path).name
            rejects.parent.mkdir()
            options = replace(options, rejects=rejects)
        result = import_file(kind, path, options=options, read_options=read_options)
        key = _keep_rejects(result) if result.rejects else None
    return Uploaded(result, key)


@contextmanager
def stored(upload: UploadedFile) -> Iterator[StoredUpload]:
    """``upload`` as a :class:`StoredUpload` (copied if it came another way), removed after."""
    if isinstance(upload, StoredUpload):
        copy = upload
    else:
        copy = StoredUpload(upload.name or "")
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
    try:
        yield copy
    finally:
        copy.close()


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
