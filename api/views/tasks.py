"""Writes and downloads of task tracking: a progress report with evidence files, and an evidence download.

The report goes through `plans.services.task_report_progress`, the service behind the web form,
so it lands on the task's timeline, in the audit trail and in the plan owner's notifications
exactly as a report made on the task's page does.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api import serializers
from danvan.views import stored_file_response
from plans import selectors, services
from plans.models import EvidenceFile, ProgressUpdate


class TaskProgressView(generics.GenericAPIView):
    """Report progress on a task (multipart form): heads of the lead unit, while the plan runs.

    A task the caller may not see is 404, as on the web; one they see but may not report on is 403.
    """

    serializer_class = serializers.ProgressReportSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.tasks_in_plan_scope(self.request.user).select_related("plan__issuing_unit", "plan__created_by")

    @extend_schema(
        request={"multipart/form-data": serializers.ProgressReportSerializer},
        responses={
            201: serializers.ProgressUpdateSerializer,
            400: OpenApiResponse(description="Dữ liệu không hợp lệ hoặc bị dịch vụ từ chối."),
            403: OpenApiResponse(description="Không có quyền báo cáo tiến độ nhiệm vụ này."),
            404: OpenApiResponse(description="Không tìm thấy nhiệm vụ trong phạm vi của người gọi."),
        },
    )
    def post(self, request, pk):
        task = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm("plans.view_task", task):
            raise Http404
        if not request.user.has_perm("plans.report_task_progress", task):
            raise exceptions.PermissionDenied("Chỉ thủ trưởng đơn vị chủ trì được báo cáo tiến độ nhiệm vụ này.")
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        update = services.task_report_progress(
            task=task,
            by=request.user,
            reported_on=data["reported_on"],
            percent=data["percent"],
            text=data["text"],
            files=data["files"],
        )
        update = ProgressUpdate.objects.timeline().get(pk=update.pk)
        return Response(serializers.ProgressUpdateSerializer(update).data, status=status.HTTP_201_CREATED)


class EvidenceDownloadView(generics.GenericAPIView):
    """Download an evidence file under its uploaded name, audited as on the web. Those who may see its task."""

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        evidence = get_object_or_404(
            EvidenceFile.objects.select_related("update__task__plan__issuing_unit"),
            pk=pk,
            update__task__in=selectors.tasks_in_plan_scope(request.user),
        )
        if not request.user.has_perm("plans.view_task", evidence.update.task):
            raise exceptions.PermissionDenied()
        return stored_file_response(
            obj=evidence, file=evidence.file, filename=evidence.original_name, content_type=evidence.content_type
        )
