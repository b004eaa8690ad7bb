"""The programme's public page: its progress, when an officer has switched it on."""

from django.urls import path

from marmot_monitor.web.programme.views import progress

urlpatterns = [
    path("", progress.progress, name="programme-progress"),
    path("progress.csv", progress.progress_download, name="programme-progress-download"),
]
