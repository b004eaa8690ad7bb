"""Top-level URLs: the public monitoring tool, sign-in, the programme, staff data pages, the
place (admins), admin; and the views of the 400 and 500 pages (``web/errors.py``).

Every page is in English at its address and in Welsh under /cy/ (``i18n_patterns``; the
language is in the address so that a shared link keeps it). The API and the admin have one
address each; the API's reference page is a page like the others."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from marmot_monitor.web.api.docs import docs as api_docs

admin.site.site_header = "Marmot Monitor administration"
admin.site.site_title = "Marmot Monitor"

handler400 = "marmot_monitor.web.errors.bad_request"
handler500 = "marmot_monitor.web.errors.server_error"

urlpatterns = [
    # Staff change their own password on the site's page, which is audited, not the admin's.
    path(
        "admin/password_change/",
        RedirectView.as_view(pattern_name="accounts-change-password"),
        name="admin-password-change",
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("marmot_monitor.web.api.urls")),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("marmot_monitor.web.accounts.urls")),
    path("programme/", include("marmot_monitor.web.programme.urls")),
    path("progress/", include("marmot_monitor.web.programme.public_urls")),
    path("framework/", include("marmot_monitor.web.catalogue.urls")),
    path("assessment/", include("marmot_monitor.web.assessment.urls")),
    path("data/", include("marmot_monitor.web.data.urls")),
    path("place/", include("marmot_monitor.web.places.urls")),
    path("assets/", include("marmot_monitor.web.community.urls")),
    path("allocation/", include("marmot_monitor.web.allocation.urls")),
    path("tokens/", include("marmot_monitor.web.api.token_urls")),
    path("api/v1/docs", api_docs, name="api-docs"),
    path("", include("marmot_monitor.web.trust.urls")),
    path("", include("marmot_monitor.web.stories.urls")),
    path("", include("marmot_monitor.web.monitor.urls")),
    prefix_default_language=False,
)
