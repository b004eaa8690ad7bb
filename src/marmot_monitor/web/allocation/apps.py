from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "marmot_monitor.web.allocation"
    label = "allocation"
    verbose_name = "Allocations"
