"""A case study's images: shown to whoever may read the case study; added (checked by their
content, re-encoded, capped at :data:`marmot_monitor.web.stories.forms.IMAGE_MAX_BYTES`)
and removed by officers."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from marmot_monitor.io.images import InvalidImageError, read_image
from marmot_monitor.web.data.uploads import UploadLimit
from marmot_monitor.web.programme.permissions import may_manage
from marmot_monitor.web.stories import data, services
from marmot_monitor.web.stories import forms as story_forms
from marmot_monitor.web.stories.forms import ImageForm
from marmot_monitor.web.stories.models import CaseStudy, Image
from marmot_monitor.web.stories.views.case_studies import detail_context
from marmot_monitor.web.stories.views.common import officers_only

NO_IMAGE = _("no such image")
ADDED = _("The image is added")
REMOVED = _("The image is removed")


@require_safe
def image(request: HttpRequest, number: int, image_id: int) -> HttpResponse:
    study = data.case_study(number, manager=may_manage(request.user))
    found = study.images.filter(pk=image_id).first() if study else None
    if found is None or not services.image_path(found).is_file():
        raise Http404(str(NO_IMAGE))
    response = FileResponse(services.image_path(found).open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = "inline"
    return response


@csrf_exempt  # checked by csrf_protect below, once the upload's size limit is in place
@require_POST
@officers_only(_("add images to case studies"))
def image_new(request: HttpRequest, number: int) -> HttpResponse:
    limit = UploadLimit(request, story_forms.IMAGE_MAX_BYTES)
    request.upload_handlers = [limit]
    return _add(request, number, limit)


@csrf_protect
def _add(request: HttpRequest, number: int, limit: UploadLimit) -> HttpResponse:
    study = get_object_or_404(CaseStudy, pk=number)
    form = ImageForm(request.POST, request.FILES, too_large=limit.limit if limit.exceeded else None)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            checked = read_image(upload.temporary_file_path(), name=upload.name)
        except InvalidImageError as error:
            form.add_error("image", str(error))
        else:
            services.add_image(
                study,
                checked,
                texts={name: form.cleaned_data[name] for name in services.IMAGE_TEXTS},
                user=request.user,
            )
            messages.success(request, ADDED)
            return redirect("stories-case-study", number=study.pk)
    context = detail_context(data.case_study(number, manager=True), manager=True, image_form=form)
    return render(request, "stories/detail.html", context, status=400)


@require_POST
@officers_only(_("remove images from case studies"))
def image_remove(request: HttpRequest, number: int, image_id: int) -> HttpResponse:
    found = get_object_or_404(
        Image.objects.select_related("case_study"), pk=image_id, case_study_id=number
    )
    services.remove_image(found, user=request.user)
    messages.success(request, REMOVED)
    return redirect("stories-case-study", number=number)
