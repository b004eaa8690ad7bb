"""The tartan rug page (``/rug/``) and its downloads (``/rug/rug.<format>``).

The page's form is a GET form, so each view of the rug is a URL. With htmx the form and the
sort links fetch only the rug's part of the page (``monitor/_rug.html``) and push the URL;
the same URL without htmx renders the whole page.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marmot_monitor.web.data.changes import ChangesUnavailableError
from marmot_monitor.web.data.rugs import RugUnavailableError
from marmot_monitor.web.monitor.navigation import breadcrumbs
from marmot_monitor.web.monitor.rug_form import RugForm
from marmot_monitor.web.monitor.rug_pages import EXPORTS, export_rug, rug_part

RUG_TARGET = "rug-view"
PART_GOES_HERE = "<!-- the rug's part of the page -->"
BAD_CHOICES = "Check the rug's choices: {errors}"


@require_safe
def rug(request: HttpRequest) -> HttpResponse:
    form = RugForm(request.GET)
    part = rug_part(form)
    if not _wants_part(request):
        crumbs = breadcrumbs((_("Tartan rug"), reverse("monitor-rug")))
        page = render_to_string("monitor/rug.html", {"breadcrumbs": crumbs}, request)
        head, tail = page.split(PART_GOES_HERE, 1)
        part = b"".join([head.encode(), part, tail.encode()])
    response = HttpResponse(part, status=200 if form.is_valid() else 400)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _wants_part(request: HttpRequest) -> bool:
    """htmx swapping the rug in (not restoring history, which needs the whole page)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-Target") == RUG_TARGET
        and headers.get("HX-History-Restore-Request") != "true"
    )


@require_safe
def rug_export(request: HttpRequest, format: str) -> HttpResponse:
    """The rug of the page's view as a Fingertips CSV, a workbook, or a PNG or SVG chart."""
    if format not in EXPORTS:
        raise Http404(f"The rug downloads as {', '.join(EXPORTS)}, not {format}.")
    form = RugForm(request.GET)
    if not form.is_valid():
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        return HttpResponse(
            BAD_CHOICES.format(errors=errors), status=400, content_type="text/plain"
        )
    try:
        content, content_type = export_rug(form.view(), format, date.today())
    except RugUnavailableError as error:
        raise Http404(str(error)) from error
    except ChangesUnavailableError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="tartan-rug.{format}"'
    return response
