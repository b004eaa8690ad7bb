from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "marmot_monitor.web.monitor"
    label = "monitor"
    verbose_name = "Monitoring tool"

    def ready(self) -> None:
        from marmot_monitor.web.monitor.caching import watch_data_changes

        watch_data_changes()
