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

        # The report list keeps its count a few seconds (danvan/list_counts.py): a written report drops it.
        from django.db.models.signals import post_delete, post_save

        from danvan.list_counts import changed
        from reports.models import REPORTS_VERSION, PeriodicReport

        reports_changed = changed(REPORTS_VERSION)
        for signal in (post_save, post_delete):
            signal.connect(
                reports_changed, sender=PeriodicReport, weak=False, dispatch_uid=f"reports.counts.{id(signal)}"
            )
