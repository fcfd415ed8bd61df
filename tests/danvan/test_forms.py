"""Dates typed as dd/mm/yyyy and text normalized, for every form of the portal."""

import datetime
import unicodedata

import pytest
from django import forms
from django.utils import formats

from danvan.forms import Form


class SampleForm(Form):
    title = forms.CharField(max_length=20)
    body = forms.CharField(widget=forms.Textarea, required=False)
    day = forms.DateField()


def bound(**data):
    return SampleForm(data={"title": "Kế hoạch", "day": "05/03/2025", **data})


def test_day_first_date_is_read_as_day_first():
    """Given "05/03/2025", the form reads 5 March, not 3 May (Django's vi locale has no input formats)."""
    form = bound()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2025, 3, 5)


@pytest.mark.parametrize("text", ["31/02/2025", "29/02/2025", "00/01/2025", "32/12/2025", "2025-13-01", "1/1/25"])
def test_impossible_dates_are_refused_in_vietnamese(text):
    form = bound(day=text)
    assert not form.is_valid()
    assert form.errors["day"] == ["Nhập một ngày hợp lệ."]


@pytest.mark.parametrize("text", ["01/01/0001", "31/12/9999", "31/12/1999"])
def test_dates_outside_2000_2100_are_refused(text):
    form = bound(day=text)
    assert not form.is_valid()
    assert "2000" in form.errors["day"][0]


def test_iso_date_is_still_accepted():
    form = bound(day="2025-03-05")
    assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2025, 3, 5)


def test_dates_are_shown_day_first():
    assert formats.date_format(datetime.date(2025, 3, 5), "SHORT_DATE_FORMAT") == "05/03/2025"
    assert bound().fields["day"].widget.format == "%d/%m/%Y"


def test_text_is_stored_nfc_and_length_counted_after_nfc():
    """Given NFD Vietnamese at the length limit in NFC, the form accepts it and returns NFC."""
    nfc = "Kế hoạch dân vận 25"
    nfd = unicodedata.normalize("NFD", nfc)
    assert len(nfd) > 20 >= len(nfc)
    form = bound(title=nfd)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == nfc


def test_invisible_and_bidi_characters_are_stripped():
    form = bound(title="31\u200b/KH\ufeff-UB\u202eND")
    assert form.is_valid()
    assert form.cleaned_data["title"] == "31/KH-UBND"


def test_one_line_fields_lose_line_breaks_but_text_areas_keep_them():
    form = bound(title="x\r\nSet-Cookie: a", body="dòng 1\r\ndòng 2")
    assert form.is_valid()
    assert form.cleaned_data["title"] == "x Set-Cookie: a"
    assert form.cleaned_data["body"] == "dòng 1\ndòng 2"


def test_blank_text_is_required_error():
    form = bound(title="   ")
    assert not form.is_valid()
    assert "title" in form.errors


def test_null_character_is_refused():
    form = bound(title="a\x00b")
    assert not form.is_valid()
