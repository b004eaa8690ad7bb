from django.urls import path

from marmot_monitor.web.community import views

urlpatterns = [
    path("", views.asset_list, name="community-assets"),
    path("needs/", views.needs, name="community-needs"),
    path("register.<str:fmt>", views.register_download, name="community-register"),
    path("new", views.asset_new, name="community-asset-new"),
    path("upload", views.asset_upload, name="community-upload"),
    path("upload/confirm", views.asset_upload_confirm, name="community-upload-confirm"),
    path("<int:number>/", views.asset_detail, name="community-asset"),
    path("<int:number>/edit", views.asset_edit, name="community-asset-edit"),
    path("<int:number>/retire", views.asset_retire, name="community-asset-retire"),
]
