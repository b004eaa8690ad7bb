from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "marmot_monitor.web.catalogue"
    label = "catalogue"
    verbose_name = "Framework and indicators"
