from django.urls import path

from marmot_monitor.web.places import views

urlpatterns = [
    path("", views.place_set, name="places-set"),
    path("check", views.place_check, name="places-check"),
]
