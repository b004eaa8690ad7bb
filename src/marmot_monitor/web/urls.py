"""Top-level URLs: the public monitoring tool, sign-in, the programme, staff data pages, the
place (admins), admin."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Marmot Monitor administration"
admin.site.site_title = "Marmot Monitor"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("marmot_monitor.web.accounts.urls")),
    path("programme/", include("marmot_monitor.web.programme.urls")),
    path("data/", include("marmot_monitor.web.data.urls")),
    path("place/", include("marmot_monitor.web.places.urls")),
    path("", include("marmot_monitor.web.monitor.urls")),
]
