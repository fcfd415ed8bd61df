"""Home page per role and the unit directory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.factories import DepartmentFactory


def test_home_shows_unit_role_and_units_of_the_commune(world, official):
    content = client_for(official).get(reverse("home")).content.decode()
    assert "Phòng Văn hóa - Xã hội" in content
    assert "Cán bộ, chuyên viên" in content
    assert "Ủy ban nhân dân xã Thượng Hồng" in content
    assert "Kim Thành" not in content


def test_leader_home_shows_position(world, leader):
    content = client_for(leader).get(reverse("home")).content.decode()
    assert "Chủ tịch UBND xã" in content
    assert "Lãnh đạo UBND" in content


def test_supervisor_rollup_lists_every_commune_of_the_city(world, supervisor):
    """The supervisor's home lists work waiting (tests/reports/test_home.py); every commune is on the roll-up."""
    content = client_for(supervisor).get(reverse("reports:rollup")).content.decode()
    assert "Ủy ban nhân dân xã Thượng Hồng" in content
    assert "Ủy ban nhân dân xã Kim Thành" in content


def test_directory_is_scoped_to_the_commune(world, official):
    content = client_for(official).get(reverse("units:unit_list")).content.decode()
    assert "Văn phòng HĐND và UBND" in content
    assert "Phòng Kinh tế" not in content  # belongs to Kim Thành


@pytest.mark.parametrize("query", ["van hoa xa hoi", "VĂN HÓA", "Văn hoá"])
def test_directory_search_ignores_diacritics_and_case(world, official, query):
    content = client_for(official).get(reverse("units:unit_list"), {"q": query}).content.decode()
    assert "Phòng Văn hóa - Xã hội" in content
    assert "Văn phòng HĐND và UBND" not in content


def test_directory_search_is_literal(world, official):
    response = client_for(official).get(reverse("units:unit_list"), {"q": "' OR 1=1 --"})
    assert response.status_code == 200
    assert "Không có đơn vị nào khớp" in response.content.decode()


@pytest.mark.parametrize("page", ["-1", "abc", "999"])
def test_directory_bad_page_numbers_are_clamped(world, official, page):
    assert client_for(official).get(reverse("units:unit_list"), {"page": page, "sort": "password"}).status_code == 200


def test_directory_query_count_does_not_grow_with_units(world, official):
    client = client_for(official)
    url = reverse("units:unit_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(40):
        DepartmentFactory(parent=world.commune, name=f"Phòng Thêm {index}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_unit_detail_shows_people_and_children(world, official, leader):
    content = client_for(official).get(reverse("units:unit_detail", args=[world.commune.pk])).content.decode()
    assert "Hà Thị Thủy" in content
    assert "Phòng Văn hóa - Xã hội" in content


def test_unit_names_are_escaped(world, official):
    DepartmentFactory(parent=world.commune, name="<script>alert(1)</script>")
    content = client_for(official).get(reverse("units:unit_list")).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
