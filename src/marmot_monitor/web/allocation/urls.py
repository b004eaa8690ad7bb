from django.urls import path

from marmot_monitor.web.allocation import views

urlpatterns = [
    path("", views.scenarios, name="allocation-scenarios"),
    path("run", views.run, name="allocation-run"),
    path("run/download", views.run_download, name="allocation-run-download"),
    path("run/save", views.run_save, name="allocation-run-save"),
    path("compare", views.compare, name="allocation-compare"),
    path("sites", views.sites, name="allocation-sites"),
    path("reach", views.reach, name="allocation-reach"),
    path("<int:number>/", views.scenario, name="allocation-scenario"),
    path("<int:number>/allocation.<str:fmt>", views.scenario_download, name="allocation-download"),
    path("<int:number>/publish", views.scenario_publish, name="allocation-publish"),
    path("<int:number>/delete", views.scenario_delete, name="allocation-delete"),
    path("published/", views.published_list, name="allocation-published-list"),
    path("published/<int:number>/", views.published, name="allocation-published"),
]
