"""A council's Word template for the board paper, checked by its content before it is used.

A council sends its committee papers in its own template: its fonts, heading styles, logo
and header. :func:`check_template` accepts a ``.docx`` by what is inside it, not its name: a
zip (within a size cap, and not a zip bomb) holding ``word/document.xml`` that python-docx
opens, with every style the board paper uses (:data:`REQUIRED_STYLES`). It returns the
template's style names; the problems are :class:`TemplateError` naming the file and the fix.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

__all__ = ["MAX_BYTES", "REQUIRED_STYLES", "TemplateError", "check_template"]

# What python-docx raises for a damaged part.
DAMAGED = (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, PackageNotFoundError)
MEGABYTE = 1024 * 1024
MAX_BYTES = 5 * MEGABYTE  # a template with a logo is tens of kilobytes
MAX_UNPACKED = 50 * MEGABYTE
# The styles the board paper's paragraphs and tables are set in (reports/word.py).
REQUIRED_STYLES = ("Normal", "Heading 1", "Heading 2", "List Bullet", "Table Grid")
EMPTY = "{name}: the file is empty: choose the council's Word template (.docx)"
TOO_LARGE = (
    "{name}: the file is {size:.1f} MB, over the {limit} MB a template may be: save the "
    "template without embedded fonts or large pictures"
)
NOT_DOCX = (
    "{name}: this is not a Word document (.docx): save the template in Word as "
    "'Word Document (*.docx)'; a .doc, .dotx, PDF or renamed file cannot be used"
)
NO_BODY = (
    "{name}: the file is a zip but has no word/document.xml, so it is not a Word document: "
    "save the template in Word as 'Word Document (*.docx)'"
)
UNPACKS_TOO_LARGE = (
    "{name}: the file unpacks to more than {limit} MB, too large for a template: save it "
    "again from Word without embedded media"
)
UNREADABLE = (
    "{name}: Word's document.xml cannot be read ({error}): open it in Word and save it again"
)
MISSING_STYLES = (
    "{name} lacks the {styles} {names} that the board paper uses: in Word, apply each of "
    "them once (Home, Styles; Table Design for Table Grid), save the template and upload it "
    "again"
)


class TemplateError(ValueError):
    """A file that cannot serve as the board paper's Word template."""


def check_template(data: bytes, *, name: str = "the template") -> list[str]:
    """The style names of the Word template ``data`` (the file's bytes), after checking it.

    Raises
    ------
    TemplateError
        The file is empty, over :data:`MAX_BYTES`, not a zip, has no ``word/document.xml``,
        unpacks to over 50 MB, cannot be read, or lacks any of :data:`REQUIRED_STYLES`
        (all of them named).
    """
    if not data:
        raise TemplateError(EMPTY.format(name=name))
    if len(data) > MAX_BYTES:
        raise TemplateError(
            TOO_LARGE.format(name=name, size=len(data) / MEGABYTE, limit=MAX_BYTES // MEGABYTE)
        )
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise TemplateError(NOT_DOCX.format(name=name))
    try:
        with zipfile.ZipFile(buffer) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise TemplateError(NOT_DOCX.format(name=name)) from None
    if "word/document.xml" not in {member.filename for member in members}:
        raise TemplateError(NO_BODY.format(name=name))
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise TemplateError(UNPACKS_TOO_LARGE.format(name=name, limit=MAX_UNPACKED // MEGABYTE))
    try:
        document = Document(io.BytesIO(data))
    except (
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        etree.LxmlError,
        PackageNotFoundError,
    ) as error:
        raise TemplateError(UNREADABLE.format(name=name, error=type(error).__name__)) from None
    styles = [style.name for style in document.styles if style.name]
    missing = [style for style in REQUIRED_STYLES if style not in styles]
    if missing:
        names = ", ".join(f"'{style}'" for style in missing)
        word = "style" if len(missing) == 1 else "styles"
        raise TemplateError(MISSING_STYLES.format(name=name, styles=word, names=names))
    return styles
