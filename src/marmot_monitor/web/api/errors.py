"""The API's errors: one stable body for every refusal, ``{"error": {"code", "message",
"field"}}``, with a 4xx status. Codes never change once published (docs/api.md lists them);
messages are written for a person and may improve.
"""

from __future__ import annotations

from dataclasses import dataclass

UNKNOWN_INDICATOR = "no indicator has the code {code!r}: /api/v1/indicators lists them"
UNKNOWN_AREA = "no area has the code {code!r}: /api/v1/areas lists them"
UNKNOWN_AREA_TYPE = "no area type has the code {code!r}: /api/v1/area-types lists them"
UNKNOWN_PRINCIPLE = "the framework has no principle {number}: /api/v1/framework lists them"
BAD_PERIOD = (
    "{label!r} is not a period label: write it as Fingertips does, e.g. 2019, 2019/20, "
    "2017 - 19 or 2019/20 Q1"
)
TOO_MANY = "give at most {limit} {what} in one call, not {count}: split the call"
TOO_MANY_ROWS = "a page holds at most {limit:,} rows, not {count:,}: ask fewer with limit"
TOO_MANY_CSV_ROWS = (
    "the CSV would hold {count:,} rows, more than {limit:,}: narrow the call (fewer indicators, "
    "areas or periods), or read the rows as JSON pages"
)
BAD_CHOICE = "{field} must be one of {choices}, not {given!r}"
NO_FRAMEWORK = "no framework is set up yet: load one (marmot demo, or marmot place set)"
BAD_QUARTER = "{period!r} is not a quarter: write it as 2026/27 Q3"
NO_RETURN = "{partner!r} has no return for {period}: the officer opens periods on Programme"
FORBIDDEN = "you may not do this: {reason}"
NOT_FOUND = "nothing is published at this address: /api/v1/docs lists the endpoints"
NOT_ALLOWED = "this address answers {allowed}, not {method}"
NOT_SIGNED_IN = (
    "programme figures are for signed-in users: sign in at /accounts/sign-in/, or send an API "
    "token with the programme:read scope as 'Authorization: Bearer TOKEN'"
)
RATE_LIMITED = "too many requests from this address: wait a minute, then try again"
INVALID = "{field} is not valid: {reason}"
UNSTORABLE = (
    "a value in the request cannot be looked up (a NUL or other character the database does not "
    "hold, or a number out of range): check the codes and filters"
)


@dataclass
class ApiError(Exception):
    """A refusal the client can fix: ``code`` (stable), ``message`` and the ``field`` at fault."""

    code: str
    message: str
    field: str | None = None
    status: int = 400

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "field": self.field}}


def unknown(kind: str, code: str, field: str, *, status: int = 400) -> ApiError:
    """The error for a code that names nothing stored (an indicator, an area, a type): 400
    for a parameter, 404 (``status``) for a part of the address."""
    messages = {
        "indicator": UNKNOWN_INDICATOR,
        "area": UNKNOWN_AREA,
        "area_type": UNKNOWN_AREA_TYPE,
    }
    return ApiError(f"unknown_{kind}", messages[kind].format(code=code), field, status)
