"""Board reports: the Health and Wellbeing Board progress report as DOCX and PDF.

:mod:`.board` holds the report's content (built from the database by
``marmot_monitor.web.programme.board``); :mod:`.docx` and :mod:`.pdf` lay it out as a
committee paper. The HTML form is a Django template of the same content. :mod:`.text` writes
numbers and messages as the report, the pages and the ``marmot`` command all write them.
"""

from marmot_monitor.reports.board import BoardReport, Cell, PriorityAppendix, Table
from marmot_monitor.reports.pdf import write_pdf
from marmot_monitor.reports.word import write_docx

__all__ = ["BoardReport", "Cell", "PriorityAppendix", "Table", "write_docx", "write_pdf"]
