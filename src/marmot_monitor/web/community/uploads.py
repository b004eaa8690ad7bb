"""A register file kept between its preview and the officer's confirmation.

The upload page checks a file and shows what importing it would do; the file (and its
postcode lookup) wait in the data folder's ``asset-uploads/<key>/`` until the officer
confirms or a day passes. The key is random and kept in the officer's session, so no one
else can confirm it; the folder is removed once imported.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from marmot_monitor.io.limits import display_name

FOLDER = "asset-uploads"
STALE_SECONDS = 24 * 60 * 60
KEY_LENGTH = 32
REGISTER, LOOKUP = "register", "lookup"


def root() -> Path:
    return Path(settings.DATA_DIR) / FOLDER


def keep(register: UploadedFile, lookup: UploadedFile | None) -> str:
    """Keep the uploaded files; the key that finds them again."""
    _remove_stale()
    key = uuid.uuid4().hex
    for role, upload in ((REGISTER, register), (LOOKUP, lookup)):
        if upload is None:
            continue
        folder = root() / key / role
        folder.mkdir(parents=True)
        with (folder / display_name(upload.name)).open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
    return key


def kept(key: str) -> tuple[Path | None, Path | None]:
    """The register file and lookup kept under ``key`` (``None`` when there is none)."""
    if len(key) != KEY_LENGTH or not all(c in "0123456789abcdef" for c in key):
        return None, None
    found = [sorted((root() / key / role).glob("*")) for role in (REGISTER, LOOKUP)]
    return tuple(files[0] if files else None for files in found)


def forget(key: str) -> None:
    if kept(key)[0] is not None:
        shutil.rmtree(root() / key, ignore_errors=True)


def _remove_stale() -> None:
    if root().is_dir():
        for folder in root().iterdir():
            if time.time() - folder.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
