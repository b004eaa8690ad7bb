from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "marmot_monitor.web.stories"
    label = "stories"
    verbose_name = "Case studies and partner commitments"
