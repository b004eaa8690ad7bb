"""/api/v1/: the API's calls and schema (``api.urls``), its reference page, and a JSON 404
for any other address under it."""

from django.urls import path, re_path

from marmot_monitor.web.api.api import api, json_refusals, not_found
from marmot_monitor.web.api.docs import docs

calls, app_name_, namespace = api.urls
for call in calls:
    call.callback = json_refusals(call.callback)

urlpatterns = [
    path("docs", docs, name="api-docs"),
    path("", (calls, app_name_, namespace)),
    re_path(r"^.*$", not_found, name="api-not-found"),
]
