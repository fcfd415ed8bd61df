"""Errors raised while reading or parsing an imported document.

Every error carries a Vietnamese `message` that can be shown to the user as is.
"""


class DocumentImportError(Exception):
    """Base class: the document cannot be imported; `message` says why, in Vietnamese."""

    default_message = "Không nhập được văn bản."

    def __init__(self, message: str | None = None):
        self.message = message or self.default_message
        super().__init__(self.message)


class UnreadableDocumentError(DocumentImportError):
    """The file is empty, corrupt, encrypted or has no text layer."""

    default_message = "Không đọc được tệp."


class UnsupportedFormatError(DocumentImportError):
    """The file type is not one the importer reads, or its content does not match its extension."""

    default_message = "Định dạng tệp không được hỗ trợ; chỉ nhận tệp .docx, .pdf, .txt hoặc .md."


class UnsafeDocumentError(DocumentImportError):
    """The file is rejected before it is opened: zip bomb, macros, embedded objects, DTDs."""

    default_message = "Tệp bị từ chối vì lý do an toàn."


class LegacyEncodingError(DocumentImportError):
    """The text is typed in a legacy Vietnamese encoding (TCVN3, VNI) or is mis-decoded UTF-8."""

    default_message = (
        "Văn bản có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode. "
        "Hãy chuyển sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại."
    )


class NotAPlanError(DocumentImportError):
    """The text is empty or is another kind of document (báo cáo, quyết định...)."""

    default_message = "Văn bản này không phải là một kế hoạch."
