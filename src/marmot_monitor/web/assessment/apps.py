from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "marmot_monitor.web.assessment"
    label = "assessment"
    verbose_name = "Self-assessment"
