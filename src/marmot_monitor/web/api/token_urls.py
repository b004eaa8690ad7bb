from django.urls import path

from marmot_monitor.web.api import views

urlpatterns = [
    path("", views.tokens, name="api-tokens"),
    path("<str:prefix>/revoke", views.revoke, name="api-token-revoke"),
]
