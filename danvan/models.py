"""Abstract bases shared by the models of every app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.text import normalize_text


class CleanTextModel(models.Model):
    """A model whose text fields are stored NFC-normalized, however they were written."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        for field in self._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)):
                value = getattr(self, field.attname)
                if isinstance(value, str):
                    single_line = not isinstance(field, models.TextField)
                    setattr(self, field.attname, normalize_text(value.replace("\x00", ""), single_line=single_line))
        super().save(*args, **kwargs)


class TimeStampedModel(CleanTextModel):
    """A model that records when each row was created and last changed."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True
