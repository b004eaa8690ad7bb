from django.urls import path

from marmot_monitor.web.monitor import views

urlpatterns = [
    path("", views.home, name="monitor-home"),
    path("healthz", views.healthz, name="monitor-healthz"),
]
