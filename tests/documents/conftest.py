"""A realistic plan to print: bases, numbered sections, tasks in the body and in the appendix."""

import datetime

import pytest

from plans.choices import Numbering, PlanStatus, TaskLayout
from plans.models import PlanBasis, Section
from tests.factories import PlanFactory, TaskFactory

BASES = [
    "Căn cứ Kết luận số 43-KL/TW ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết số 25-NQ/TW "
    "về “Tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới”;",
    "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị ban hành Quy chế công tác dân vận của hệ thống chính trị",
    "Căn cứ Hướng dẫn số 12-HD/BTGDVTU ngày 06/8/2025 của Ban Tuyên giáo và Dân vận Thành ủy về thực hiện phong trào "
    "thi đua “Dân vận khéo” năm 2025.",
]


def build_plan(world, *, status=PlanStatus.DRAFT, title=None, appendix=True):
    """Create the plan the document tests print; issued ones get number 31 of 12/9/2025."""
    issued = status in (PlanStatus.ISSUED, PlanStatus.COMPLETED)
    plan = PlanFactory(
        issuing_unit=world.commune,
        created_by=world.users["official"],
        status=status,
        number=31 if issued else None,
        year=2025 if issued else None,
        issued_on=datetime.date(2025, 9, 12) if issued else None,
        title=title or "Thực hiện phong trào “Dân vận khéo” trong hoạt động của Ủy ban nhân dân xã năm 2025",
        intro=(
            "Ủy ban nhân dân xã Thượng Hồng ban hành Kế hoạch thực hiện phong trào “Dân vận khéo” trong hoạt động "
            "của Ủy ban nhân dân xã năm 2025, cụ thể như sau:"
        ),
        closing=(
            "Trên đây là Kế hoạch thực hiện phong trào “Dân vận khéo” năm 2025 của Ủy ban nhân dân xã. "
            "Yêu cầu các phòng, đơn vị nghiêm túc triển khai thực hiện."
        ),
        recipients="UBND thành phố (để b/c);\nTT Đảng ủy, HĐND xã (để b/c);\nCác phòng, đơn vị thuộc xã;\nLưu: VT, VHXH.",
        has_appendix=appendix,
    )
    for position, text in enumerate(BASES):
        PlanBasis.objects.create(plan=plan, position=position, text=text)

    def section(parent=None, **fields):
        position = Section.objects.filter(plan=plan, parent=parent).count()
        return Section.objects.create(plan=plan, parent=parent, position=position, **fields)

    aims = section(numbering=Numbering.ROMAN, heading="Mục đích, yêu cầu")
    purpose = section(aims, numbering=Numbering.ARABIC, heading="Mục đích")
    section(
        purpose,
        numbering=Numbering.DASH,
        text=(
            "Nâng cao nhận thức, trách nhiệm của cán bộ, công chức trong lãnh đạo, chỉ đạo và tổ chức thực hiện "
            "phong trào thi đua “Dân vận khéo”."
        ),
    )
    section(
        purpose,
        numbering=Numbering.DASH,
        text=(
            "Phát huy vai trò, trách nhiệm và sức mạnh tổng hợp của cả hệ thống chính trị; huy động các tầng lớp "
            "Nhân dân tích cực tham gia thực hiện các nhiệm vụ chính trị của địa phương."
        ),
    )
    requirement = section(aims, numbering=Numbering.ARABIC, heading="Yêu cầu")
    section(
        requirement,
        numbering=Numbering.DASH,
        heading="Chủ thể thực hiện:",
        text="Các phòng, đơn vị sự nghiệp trực thuộc Ủy ban nhân dân xã.",
    )
    content = section(
        numbering=Numbering.ROMAN,
        heading="Nội dung, nhiệm vụ",
        text="Tập trung vào các nhiệm vụ trọng tâm sau:",
        task_layout=TaskLayout.BLOCKS,
    )
    TaskFactory(
        plan=plan,
        section=content,
        position=1,
        content="Tuyên truyền, quán triệt Kế hoạch đến toàn thể cán bộ, công chức, viên chức.",
        lead_text="Phòng Văn hóa - Xã hội",
        coordinating_text="Các phòng, đơn vị thuộc xã",
        timeframe_text="Tháng 9/2025",
        expected_output="Hội nghị quán triệt",
    )
    organisation = section(numbering=Numbering.ROMAN, heading="Tổ chức thực hiện", task_layout=TaskLayout.DUTIES)
    section(
        organisation,
        numbering=Numbering.ARABIC,
        heading="Phòng Văn hóa - Xã hội",
        text="Tham mưu Ủy ban nhân dân xã theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch.",
    )
    TaskFactory(
        plan=plan,
        section=organisation,
        position=2,
        content="Các phòng, đơn vị đăng ký ít nhất 01 mô hình “Dân vận khéo”.",
        lead_text="Các phòng, đơn vị",
    )
    if appendix:
        for position, (task, lead, when, output) in enumerate(
            [
                ("Đăng ký mô hình “Dân vận khéo” năm 2025", "Các phòng, đơn vị", "Trước 30/9/2025", "Phiếu đăng ký"),
                (
                    "Sơ kết, đánh giá, nhân rộng mô hình hiệu quả",
                    "Phòng Văn hóa - Xã hội",
                    "Tháng 12/2025",
                    "Báo cáo sơ kết",
                ),
            ],
            start=3,
        ):
            TaskFactory(
                plan=plan, position=position, content=task, lead_text=lead, timeframe_text=when, expected_output=output
            )
    return plan


@pytest.fixture
def draft_plan(world):
    return build_plan(world)


@pytest.fixture
def issued_plan(world):
    return build_plan(world, status=PlanStatus.ISSUED)
