from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "marmot_monitor.web.programme"
    label = "programme"
    verbose_name = "Programme and action plan"
