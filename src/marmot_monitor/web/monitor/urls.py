from django.urls import path

from marmot_monitor.web.monitor.views import home

urlpatterns = [
    path("", home.home, name="monitor-home"),
    path("healthz", home.healthz, name="monitor-healthz"),
]
