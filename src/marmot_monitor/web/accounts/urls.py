from django.urls import path

from marmot_monitor.web.accounts import views

urlpatterns = [
    path("sign-in", views.sign_in, name="accounts-sign-in"),
    path("sign-out", views.sign_out, name="accounts-sign-out"),
    path("password", views.change_password, name="accounts-change-password"),
    path("password/changed", views.password_changed, name="accounts-password-changed"),
]
