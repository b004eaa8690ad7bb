from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "marmot_monitor.web.trust"
    label = "trust"
    verbose_name = "Trust signals"
