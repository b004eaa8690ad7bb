from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "marmot_monitor.web.community"
    label = "community"
    verbose_name = "Community assets"
