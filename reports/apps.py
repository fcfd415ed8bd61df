from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Home pages, dashboards and periodic reports: reads every other app."""

    name = "reports"
    verbose_name = "Báo cáo"

    def ready(self):
        from reports.selectors import cache  # noqa: F401 - connects the invalidation of cached figures
        from reports.workflows import PART_LIFECYCLE, REPORT_LIFECYCLE

        REPORT_LIFECYCLE.register_rules()
        PART_LIFECYCLE.register_rules()
