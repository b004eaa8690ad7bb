from django.urls import path

from marmot_monitor.web.trust import views

urlpatterns = [
    path("changes/", views.changes, name="trust-changes"),
    path("overdue/", views.overdue, name="trust-overdue"),
]
