"""The Atom feed of a government's newly issued public documents, for readers and other systems."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from public import selectors


class GovernmentFeed(Feed):
    """The newest plans and periodic reports a government issued and published."""

    feed_type = Atom1Feed

    def get_object(self, request, unit):
        return selectors.government_or_404(unit)

    def title(self, government):
        return f"Văn bản ban hành mới của {government.name}"

    def subtitle(self, government):
        return f"Kế hoạch và báo cáo {government.name} đã ban hành và công khai trên Cổng Dân vận."

    def link(self, government):
        return reverse("public:government", args=[government.pk])

    def items(self, government):
        plans = list(selectors.plans_of(government)[: selectors.FEED_LIMIT])
        reports = list(selectors.reports_of(government)[: selectors.FEED_LIMIT])
        for plan in plans:
            plan.public_link = reverse("public:plan", args=[government.pk, plan.pk])
        for report in reports:
            report.public_link = reverse("public:report_pdf", args=[government.pk, report.pk])
        newest = sorted(plans + reports, key=lambda document: (document.issued_on, document.pk), reverse=True)
        return newest[: selectors.FEED_LIMIT]

    def item_title(self, document):
        return f"{document.reference} {document.title}"

    def item_description(self, document):
        return f"Số {document.reference} ngày {document.issued_on:%d/%m/%Y}: {document.title}"

    def item_link(self, document):
        return document.public_link

    def item_guid(self, document):
        return f"{type(document).__name__.lower()}-{document.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, document):
        return document.issued_at

    def item_updateddate(self, document):
        return document.issued_at
