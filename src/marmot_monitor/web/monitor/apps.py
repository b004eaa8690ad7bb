from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "marmot_monitor.web.monitor"
    label = "monitor"
    verbose_name = "Monitoring tool"
