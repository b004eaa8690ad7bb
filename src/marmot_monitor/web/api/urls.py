"""/api/v1/: the API's calls and schema (``api.urls``), and a JSON 404 for any other address
under it but ``docs``: the reference page, a page of the site in English and in Welsh, whose
address is among the pages' in ``web/urls.py``."""

from django.urls import path, re_path

from marmot_monitor.web.api.api import api, json_refusals, not_found

calls, app_name_, namespace = api.urls
for call in calls:
    call.callback = json_refusals(call.callback)

urlpatterns = [
    path("", (calls, app_name_, namespace)),
    re_path(r"^(?!docs$).*$", not_found, name="api-not-found"),
]
