from django.urls import path

from marmot_monitor.web.data import views

urlpatterns = [
    path("imports", views.import_list, name="data-imports"),
    path("imports/new", views.import_new, name="data-import-new"),
    path("imports/<int:number>/", views.import_detail, name="data-import"),
    path("imports/<int:number>/delete", views.import_delete, name="data-import-delete"),
    path("imports/rejects/<str:key>/", views.import_rejects, name="data-import-rejects"),
]
