from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Home pages, dashboards and periodic reports: reads every other app."""

    name = "reports"
    verbose_name = "Báo cáo"
