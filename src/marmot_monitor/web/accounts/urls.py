from django.urls import path

from marmot_monitor.web.accounts import views

urlpatterns = [
    path("sign-in", views.sign_in, name="accounts-sign-in"),
    path("sign-out", views.sign_out, name="accounts-sign-out"),
    path("password", views.change_password, name="accounts-change-password"),
    path("password/changed", views.password_changed, name="accounts-password-changed"),
    path("users/", views.user_list, name="accounts-users"),
    path("users/new", views.user_new, name="accounts-user-new"),
    path("users/<int:pk>", views.user_detail, name="accounts-user"),
    path("users/<int:pk>/role", views.user_role, name="accounts-user-role"),
    path("users/<int:pk>/active", views.user_active, name="accounts-user-active"),
    path("users/<int:pk>/password", views.user_password, name="accounts-user-password"),
]
