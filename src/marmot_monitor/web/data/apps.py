from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "marmot_monitor.web.data"
    label = "data"
    verbose_name = "Data"

    def ready(self) -> None:
        from marmot_monitor.web.data.uploads import remove_stale_uploads

        remove_stale_uploads()  # what a server process that died left in uploads/
