"""The limits a file must keep to, and the messages shared by more than one reader."""

from __future__ import annotations

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_PDF_PAGES = 300

TEXT_EXTENSIONS = (".txt", ".md")
MACRO_EXTENSIONS = (".docm", ".dotm", ".xlsm", ".pptm")

NO_TEXT_LAYER = "Tệp PDF không có lớp văn bản (có thể là bản scan); hãy nhận dạng ký tự (OCR) trước khi nhập."
CORRUPT_DOCX = "Tệp .docx bị hỏng hoặc không đầy đủ; hãy mở bằng Word, lưu lại rồi nhập lại."
ENCRYPTED_WORD = (
    "Tệp Word đã được đặt mật khẩu hoặc ở định dạng .doc cũ; hãy mở bằng Word, bỏ mật khẩu và "
    "lưu thành .docx rồi nhập lại."
)
