"""Fixtures of the "Dân vận khéo" tests: a campaign of the test commune and a draft of the unit head's unit."""

import datetime

import pytest
from django.utils import timezone

from models_registry import services

TODAY = timezone.localdate()

REGISTRATION_FIELDS = {
    "name": "Một cửa thân thiện, gần dân",
    "kind": "model",
    "subject": "collective",
    "origin": "new",
    "problem": "Người dân phải đi lại nhiều lần khi làm thủ tục hành chính.",
    "objectives": "Giảm số lần người dân phải đi lại; tăng mức hài lòng.",
    "method": "Bố trí quầy hướng dẫn, hỗ trợ kê khai hồ sơ; thực hiện “4 xin, 4 luôn”.",
    "place_scope": "Bộ phận một cửa của UBND xã",
    "participants": "Công chức bộ phận một cửa; người dân, doanh nghiệp đến giao dịch",
    "resources": "Kinh phí thường xuyên; máy tra cứu thông tin",
    "start_date": datetime.date(2025, 10, 1),
    "end_date": datetime.date(2025, 12, 31),
    "person_in_charge": "Trần Văn Minh",
    "contact": "0225 3888 999",
}
INDICATORS = [
    {"name": "Tỷ lệ hồ sơ giải quyết đúng hạn", "measure": "%", "baseline": "92", "target": "98"},
    {"name": "Người dân được hướng dẫn kê khai", "measure": "lượt", "baseline": "", "target": "1.500"},
]


@pytest.fixture
def field(db):
    from models_registry.services import default_fields

    return next(f for f in default_fields() if f.name == "Dịch vụ hành chính công")


@pytest.fixture
def campaign(world, official):
    """The commune's campaign, open for another month; eligible: the two departments of the test commune."""
    return services.campaign_create(
        by=official,
        name="Phong trào thi đua “Dân vận khéo” năm 2025",
        year=2025,
        registration_deadline=TODAY + datetime.timedelta(days=30),
        report_deadline=TODAY + datetime.timedelta(days=90),
    )


@pytest.fixture
def draft(campaign, unit_head, field):
    """A draft registration of the unit head's unit with two indicators."""
    return services.registration_create(
        campaign=campaign, by=unit_head, indicators=INDICATORS, field=field, **REGISTRATION_FIELDS
    )
