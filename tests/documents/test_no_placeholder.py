"""The official document never prints words that are not in the source: an unknown lead unit is left out."""

import pytest
from django.core.exceptions import ValidationError

from plans import services
from plans.choices import PlanStatus
from plans.document import plan_document
from plans.exports.printed import printed_plan
from plans.models import Plan
from tests.factories import PlanFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_with_unled_task(world):
    plan = PlanFactory(issuing_unit=world.commune, created_by=world.users["official"], status=PlanStatus.SUBMITTED)
    section = SectionFactory(plan=plan, numbering="roman", heading="Nội dung", task_layout="blocks")
    TaskFactory(plan=plan, section=section, content="Tổ chức hội nghị sơ kết phong trào.", lead_text="")
    return plan


def test_a_task_without_a_lead_prints_no_lead_line(submitted_with_unled_task):
    text = "\n".join(block.text for block in printed_plan(plan_document(submitted_with_unled_task)).body)
    assert "Tổ chức hội nghị sơ kết phong trào." in text
    assert "Cơ quan thực hiện" not in text and "Chưa xác định" not in text


def test_approval_waits_until_every_task_has_a_lead(submitted_with_unled_task, leader):
    """Given a submitted plan with a task nobody leads, approving it is refused with the task named."""
    with pytest.raises(ValidationError) as refused:
        services.plan_approve(plan=submitted_with_unled_task, by=leader)
    assert "Tổ chức hội nghị sơ kết phong trào." in refused.value.messages[0]
    assert "chưa có cơ quan thực hiện" in refused.value.messages[0]
    assert Plan.objects.get(pk=submitted_with_unled_task.pk).status == PlanStatus.SUBMITTED
    submitted_with_unled_task.tasks.update(lead_text="Phòng Văn hóa - Xã hội")
    plan = Plan.objects.get(pk=submitted_with_unled_task.pk)
    assert services.plan_approve(plan=plan, by=leader).status == PlanStatus.APPROVED
