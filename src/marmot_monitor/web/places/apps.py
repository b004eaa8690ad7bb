from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "marmot_monitor.web.places"
    label = "places"
    verbose_name = "Geography"
