from django import forms


class SignedCopyForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF đã ký số",
        help_text="Bản đã ký số của người có thẩm quyền và của cơ quan (ví dụ tải về từ hệ thống quản lý văn bản).",
    )
