"""Run an import through the API (staff, with an ``imports:write`` token): POST a file to
/api/v1/imports?kind=values and it goes through the same importer as ``marmot import`` and
the upload page (:func:`marmot_monitor.web.data.uploads.import_upload`): every row checked,
written whole or not at all, refused with the importer's own message (file, row, column,
fix), and no larger than ``UPLOAD_MAX_BYTES``; each import made is in the audit trail.

Token only: a session's CSRF check would read the body before the size limit is in place.
The file is read by :class:`~marmot_monitor.web.data.uploads.UploadLimit`, which stops at
the limit and keeps nothing of a file cut off.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from ninja import Router

from marmot_monitor.io.problems import InvalidFileError, InvalidRowsError
from marmot_monitor.io.readings import KINDS
from marmot_monitor.web.api.auth import TokenAuth
from marmot_monitor.web.api.errors import BAD_CHOICE, ApiError
from marmot_monitor.web.api.responses import json_response
from marmot_monitor.web.api.schemas import ErrorBody, ImportOut
from marmot_monitor.web.api.tokens import WRITE_IMPORTS
from marmot_monitor.web.data import uploads
from marmot_monitor.web.data.importing import ImportOptions
from marmot_monitor.web.data.models import Import
from marmot_monitor.web.programme import audit

router = Router(tags=["imports"])
NOT_STAFF = "only staff may import data: the token's person is not staff"
NO_FILE = "send the file as the multipart form field 'file'"
TOO_LARGE = (
    "the file is larger than {limit}: import it with `marmot import` on the server, or split it"
)
PAYLOAD_TOO_LARGE = 413
AUDITED = (
    "{kind} file {file} imported through the API as import {number}: {inserted:,} added, "
    "{updated:,} revised"
)


@router.post(
    "/imports",
    response={
        200: ImportOut,
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        413: ErrorBody,
        429: ErrorBody,
    },
    url_name="imports",
    auth=TokenAuth(WRITE_IMPORTS),
)
def imports(
    request: HttpRequest,
    kind: str,
    create_areas: bool = False,
    create_indicators: bool = False,
    dry_run: bool = False,
) -> HttpResponse:
    """Import one file (multipart field ``file``) as ``kind`` (values, fingertips, imd,
    lookup, population, boundaries, groupings, indicators) with ``marmot import``'s
    checks, all or nothing; ``dry_run=true`` checks it and writes nothing."""
    if not request.user.is_staff:
        raise ApiError("forbidden", NOT_STAFF, None, 403)
    if kind not in KINDS:
        raise ApiError(
            "bad_choice",
            BAD_CHOICE.format(field="kind", choices=", ".join(KINDS), given=kind),
            "kind",
        )
    upload = _received(request)
    options = ImportOptions(
        create_areas=create_areas,
        create_indicators=create_indicators,
        dry_run=dry_run,
        user=request.user,
    )
    try:
        done = uploads.import_upload(kind, upload, options=options).result
    except (InvalidFileError, InvalidRowsError) as error:
        refusal = uploads.Refusal.from_error(error)
        message = "; ".join([refusal.message, *map(str, refusal.problems)])
        raise ApiError("import_refused", message, "file") from error
    if not done.dry_run:
        audit.record(
            request.user,
            action="imported through the API",
            instance=Import.objects.get(pk=done.import_id),
            description=AUDITED.format(
                kind=kind,
                file=upload.name,
                number=done.import_id,
                inserted=done.inserted,
                updated=done.updated,
            ),
        )
    answer = {
        "import_id": done.import_id,
        "kind": kind,
        "file": upload.name,
        "dry_run": done.dry_run,
        "rows_read": done.rows_read,
        "inserted": done.inserted,
        "updated": done.updated,
        "unchanged": done.unchanged,
        "notes": list(done.notes),
    }
    response = json_response(answer)
    response["Cache-Control"] = "private, no-store"
    return response


def _received(request: HttpRequest):
    """The uploaded file, read under the size limit (413 past it)."""
    limit = settings.UPLOAD_MAX_BYTES
    too_large = ApiError(
        "too_large", TOO_LARGE.format(limit=filesizeformat(limit)), "file", PAYLOAD_TOO_LARGE
    )
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024:
        raise too_large
    handler = uploads.UploadLimit(request, limit)
    request.upload_handlers = [handler]
    upload = request.FILES.get("file")
    if handler.exceeded:
        raise too_large
    if upload is None:
        raise ApiError("invalid", NO_FILE, "file")
    return upload
