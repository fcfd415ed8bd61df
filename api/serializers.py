"""What the API shows of each object: the fields the portal's pages show to the same person.

Plain `ModelSerializer`s over querysets the views load in a fixed number of queries; nested
lists come from prefetches, never from a query per row.
"""

from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from models_registry.models import Registration
from plans.models import EvidenceFile, Plan, PlanBasis, ProgressUpdate, Section, Task
from reports.models import PeriodicReport
from units.models import Unit, UnitGroup


class UnitRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "short_name"]


class UnitGroupRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = UnitGroup
        fields = ["id", "name"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "name",
            "short_name",
            "abbreviation",
            "kind",
            "parent",
            "place_name",
            "active_from",
            "active_to",
        ]


class PlanRefSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="Số và ký hiệu, ví dụ “31/KH-UBND”.")

    class Meta:
        model = Plan
        fields = ["id", "reference", "title", "status"]


class PlanSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="Số và ký hiệu, ví dụ “31/KH-UBND”.")
    issuing_unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = Plan
        fields = [
            "id",
            "issuing_unit",
            "doc_type",
            "number",
            "year",
            "symbol",
            "reference",
            "issued_on",
            "title",
            "kind",
            "period_label",
            "period_start",
            "period_end",
            "status",
            "version",
            "created_at",
            "updated_at",
        ]


class PlanBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanBasis
        fields = ["id", "position", "opening", "text"]


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = ["id", "parent", "position", "numbering", "heading", "text"]


class TaskSerializer(serializers.ModelSerializer):
    plan = PlanRefSerializer(read_only=True)
    lead_units = UnitRefSerializer(many=True, read_only=True)
    lead_groups = UnitGroupRefSerializer(many=True, read_only=True)
    coordinating_units = UnitRefSerializer(many=True, read_only=True)
    coordinating_groups = UnitGroupRefSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Quá hạn tính đến hôm nay.")

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "section",
            "position",
            "content",
            "lead_units",
            "lead_groups",
            "lead_text",
            "coordinating_units",
            "coordinating_groups",
            "coordinating_text",
            "form",
            "timeframe_kind",
            "timeframe_text",
            "recurrence",
            "start_date",
            "end_date",
            "due_date",
            "next_due_on",
            "expected_output",
            "status",
            "progress",
            "last_reported_on",
            "overdue",
            "updated_at",
        ]

    def get_overdue(self, task) -> bool:
        return task.is_overdue_on(self.context.get("today") or timezone.localdate())


class PlanTaskSerializer(TaskSerializer):
    """A task inside its plan: without the plan again."""

    class Meta(TaskSerializer.Meta):
        fields = [name for name in TaskSerializer.Meta.fields if name != "plan"]


class PlanDetailSerializer(PlanSerializer):
    bases = PlanBasisSerializer(many=True, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    tasks = PlanTaskSerializer(many=True, read_only=True)

    class Meta(PlanSerializer.Meta):
        fields = [
            *PlanSerializer.Meta.fields,
            "parent_agency",
            "place_name",
            "themes",
            "intro",
            "closing",
            "recipients",
            "signature_authority",
            "signer_title",
            "signer_name",
            "issued_pdf_sha256",
            "bases",
            "sections",
            "tasks",
        ]


class EvidenceFileSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(help_text="Tải tệp (ghi vào nhật ký).")

    class Meta:
        model = EvidenceFile
        fields = ["id", "original_name", "content_type", "size", "sha256", "created_at", "download_url"]

    def get_download_url(self, evidence) -> str:
        return reverse("api:evidence_download", args=[evidence.pk])


class ProgressUpdateSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    author_unit = UnitRefSerializer(read_only=True)
    files = EvidenceFileSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressUpdate
        fields = [
            "id",
            "kind",
            "reported_on",
            "percent",
            "previous_percent",
            "text",
            "author",
            "author_unit",
            "files",
            "created_at",
        ]

    def get_author(self, update) -> str:
        return update.author.get_full_name() or update.author.username


class TaskDetailSerializer(TaskSerializer):
    updates = ProgressUpdateSerializer(many=True, read_only=True, help_text="Dòng thời gian, mới nhất trước.")

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "updates"]


class ProgressReportSerializer(serializers.Serializer):
    """A progress report on a task, as the web form takes it: date, percent, what was done, evidence files."""

    reported_on = serializers.DateField(help_text="Ngày báo cáo (YYYY-MM-DD), không sau hôm nay.")
    percent = serializers.IntegerField(min_value=0, max_value=100, help_text="Tiến độ (%), số nguyên 0–100.")
    text = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="Tệp minh chứng: PDF, Word, Excel, ảnh JPG/PNG; mỗi tệp tối đa 10 MB, tối đa 10 tệp.",
    )

    def validate_files(self, files):
        """Check every file by its content, exactly as the web form's evidence field does."""
        from django.core.exceptions import ValidationError

        from plans.forms.tracking import EvidenceField

        try:
            return EvidenceField(required=False).clean(files)
        except ValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class RegistrationSerializer(serializers.ModelSerializer):
    campaign = serializers.SerializerMethodField()
    unit = UnitRefSerializer(read_only=True)
    field = serializers.CharField(source="field.name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "campaign",
            "unit",
            "name",
            "field",
            "kind",
            "subject",
            "origin",
            "status",
            "start_date",
            "end_date",
            "total_score",
            "created_at",
        ]

    def get_campaign(self, registration) -> dict:
        campaign = registration.campaign
        return {"id": campaign.pk, "year": campaign.year, "name": campaign.name}


class RegistrationDetailSerializer(RegistrationSerializer):
    class Meta(RegistrationSerializer.Meta):
        fields = [
            *RegistrationSerializer.Meta.fields,
            "problem",
            "objectives",
            "method",
            "place_scope",
            "participants",
            "resources",
            "person_in_charge",
            "self_assessment",
            "evaluation_comment",
        ]


class ReportSerializer(serializers.ModelSerializer):
    unit = UnitRefSerializer(read_only=True)

    class Meta:
        model = PeriodicReport
        fields = ["id", "unit", "period_kind", "year", "title", "status", "number", "issued_on", "created_at"]


class ReportDetailSerializer(ReportSerializer):
    figures = serializers.JSONField(read_only=True, help_text="Số liệu của báo cáo (cố định khi ban hành).")

    class Meta(ReportSerializer.Meta):
        fields = [
            *ReportSerializer.Meta.fields,
            "results",
            "limitations_and_causes",
            "proposals",
            "figures",
            "figures_at",
            "issued_pdf_sha256",
        ]


class SignedCopyUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Tệp PDF đã ký số của người có thẩm quyền và của cơ quan.")


class SignedCopyCheckSerializer(serializers.Serializer):
    """The verdict on an uploaded signed copy, as the signed-copy page shows it."""

    id = serializers.IntegerField()
    file_name = serializers.CharField()
    sha256 = serializers.CharField()
    accepted = serializers.BooleanField(help_text="Được nhận làm bản ban hành.")
    problems = serializers.ListField(child=serializers.CharField(), help_text="Lý do từ chối.")
    warnings = serializers.ListField(child=serializers.CharField())
    signatures = serializers.ListField(child=serializers.DictField(), help_text="Các chữ ký đọc được trong tệp.")
    uploaded_at = serializers.DateTimeField()
