from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "marmot_monitor.web.accounts"
    label = "accounts"
    verbose_name = "People and roles"
