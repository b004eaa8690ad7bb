"""A council's Word template is accepted by its content, and refused with the fix named."""

import io
import zipfile

import pytest
from docx import Document

from marmot_monitor.io.word_template import (
    MAX_BYTES,
    REQUIRED_STYLES,
    TemplateError,
    check_template,
)


def docx(*, drop_styles: tuple[str, ...] = ()) -> bytes:
    """A Word document made by python-docx, less the named styles."""
    document = Document()
    for name in drop_styles:
        style = document.styles[name]
        style.element.getparent().remove(style.element)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_word_document_with_the_papers_styles_is_accepted_and_its_styles_listed():
    styles = check_template(docx(), name="council.docx")
    assert set(REQUIRED_STYLES) <= set(styles)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "council.docx: the file is empty"),
        (b"%PDF-1.7 a PDF renamed", "council.docx: this is not a Word document (.docx)"),
        (zipped({"content.xml": b"<x/>"}), "has no word/document.xml"),
        (zipped({"word/document.xml": b"not xml", "[Content_Types].xml": b"<x"}), "cannot be read"),
        (b"PK" + b"0" * MAX_BYTES, "over the 5 MB a template may be"),
        (zipped({"word/document.xml": b"0" * (51 * 1024 * 1024)}), "unpacks to more than 50 MB"),
    ],
    ids=["empty", "not a zip", "zip without a body", "damaged", "too large", "zip bomb"],
)
def test_a_file_that_is_not_a_usable_docx_is_refused_saying_how_to_fix_it(data, message):
    with pytest.raises(TemplateError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_template(data, name="council.docx")


def test_a_template_lacking_styles_names_every_one_it_lacks():
    with pytest.raises(TemplateError) as refused:
        check_template(docx(drop_styles=("List Bullet", "Table Grid")), name="council.docx")
    assert str(refused.value).startswith(
        "council.docx lacks the styles 'List Bullet', 'Table Grid' that the board paper uses: "
        "in Word, apply each of them once"
    )
