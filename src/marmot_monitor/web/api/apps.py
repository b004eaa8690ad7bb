from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "marmot_monitor.web.api"
    label = "api"
    verbose_name = "Open data API"
