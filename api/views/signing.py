"""Uploading the signed PDF of an issued plan or report (signed in the e-office, for instance) as its issued copy.

The same lookup and service as the signed-copy page (signing.documents.document_for,
signing.uploads.record_signed_copy): leaders and officials of the issuing government only
(404 for anyone else and for a document not issued), the file verified before it is kept,
every verdict recorded, an accepted copy audited with its SHA-256.
"""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api.serializers import SignedCopyCheckSerializer, SignedCopyUploadSerializer
from signing.documents import document_for


class SignedCopyView(generics.GenericAPIView):
    """POST a signed PDF: 201 when it becomes the issued copy, 422 with the reasons when it is refused."""

    kind = ""  # "plan" or "report", set by the URL
    serializer_class = SignedCopyUploadSerializer
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": SignedCopyUploadSerializer},
        responses={
            201: SignedCopyCheckSerializer,
            422: OpenApiResponse(SignedCopyCheckSerializer, description="Chữ ký không hợp lệ: tệp bị từ chối."),
            400: OpenApiResponse(description="Không phải tệp PDF."),
            404: OpenApiResponse(description="Không có văn bản đã ban hành này trong phạm vi của người gọi."),
        },
    )
    def post(self, request, pk):
        kind, document = document_for(request.user, self.kind, pk)
        form = self.get_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        from signing.uploads import record_signed_copy  # here, so only an upload loads pyHanko

        try:
            check = record_signed_copy(
                kind=kind, document=document, upload=form.validated_data["file"], by=request.user
            )
        except ValidationError as error:
            raise serializers.ValidationError({"file": error.messages}) from error
        answer = status.HTTP_201_CREATED if check.accepted else status.HTTP_422_UNPROCESSABLE_ENTITY
        return Response(SignedCopyCheckSerializer(check).data, status=answer)
