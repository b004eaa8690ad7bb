from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "marmot_monitor.web.data"
    label = "data"
    verbose_name = "Data"
