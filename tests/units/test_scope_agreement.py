"""Every list, detail page and form agrees with the person's one `Scope` (units/scope.py).

A city with three communes, each with an office, a department, an official, a unit head
and a leader, plus a supervisor at the city's Sở Nội vụ. For every one of them, each
page is compared with what `user.scope` says, so a second notion of scope cannot creep back.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from models_registry.models import Campaign, Registration
from plans.models import Plan, Task
from plans.rules import PUBLISHED
from reports.models import PeriodicReport
from tests.conftest import client_for
from tests.factories import (
    CampaignFactory,
    CityFactory,
    CommuneFactory,
    DepartmentFactory,
    IssuedPlanFactory,
    PlanFactory,
    RegistrationFactory,
    TaskFactory,
    UserFactory,
)
from units.choices import GOVERNMENT_KINDS, Role
from units.models import Unit, User
from units.scope import EMPTY, scope_of

COMMUNES = 3


@dataclass
class Commune:
    """One commune of the city and what each of its people owns."""

    unit: Unit
    office: Unit
    department: Unit
    people: dict[str, User]
    draft_plan: Plan
    task: Task
    registration: Registration
    recognized: Registration
    report: PeriodicReport


@dataclass
class City:
    unit: Unit
    communes: list[Commune]
    supervisor: User

    def person(self, key: str) -> User:
        if key == "supervisor":
            return self.supervisor
        role, index = key.rsplit("-", 1)
        return self.communes[int(index)].people[role]


def build_commune(city: Unit, index: int) -> Commune:
    commune = CommuneFactory(parent=city, name=f"Ủy ban nhân dân xã Số {index}", place_name=f"Số {index}")
    office = DepartmentFactory(parent=commune, name="Văn phòng HĐND và UBND", abbreviation="VP")
    department = DepartmentFactory(parent=commune, name="Phòng Văn hóa - Xã hội", abbreviation="VHXH")
    people = {
        "official": UserFactory(unit=office, role=Role.OFFICIAL),
        "unit_head": UserFactory(unit=department, role=Role.UNIT_HEAD),
        "leader": UserFactory(unit=commune, role=Role.LEADER),
    }
    draft_plan = PlanFactory(issuing_unit=commune, created_by=people["official"])
    task = TaskFactory(
        plan=IssuedPlanFactory(issuing_unit=commune, created_by=people["official"]), lead_units=[department]
    )
    campaign = CampaignFactory(
        issuing_unit=commune, created_by=people["official"], allow_multiple=True, eligible_units=[office, department]
    )
    registration = RegistrationFactory(
        campaign=campaign, unit=department, created_by=people["unit_head"], status="submitted"
    )
    recognized = RegistrationFactory(
        campaign=campaign, unit=office, created_by=people["official"], status="recognized", recognition_level="commune"
    )
    report = PeriodicReport.objects.create(
        unit=commune,
        period_kind="second_half",
        year=2025,
        title="Kết quả thực hiện công tác dân vận 6 tháng cuối năm 2025",
        results="Đã hoàn thành các nhiệm vụ.",
        created_by=people["official"],
    )
    return Commune(commune, office, department, people, draft_plan, task, registration, recognized, report)


@pytest.fixture
def city(db) -> City:
    unit = CityFactory(name="Thành phố Hải Phòng")
    home_affairs = DepartmentFactory(parent=unit, name="Sở Nội vụ", abbreviation="SNV")
    supervisor = UserFactory(unit=home_affairs, role=Role.SUPERVISOR)
    communes = [build_commune(unit, index) for index in range(COMMUNES)]
    # The city's own plan and campaign: only the supervisor's scope holds them.
    IssuedPlanFactory(issuing_unit=unit, created_by=supervisor)
    CampaignFactory(issuing_unit=unit, created_by=supervisor, eligible_units=[home_affairs])
    return City(unit, communes, supervisor)


PEOPLE = ["supervisor"] + [f"{role}-{i}" for i in range(COMMUNES) for role in ("official", "unit_head", "leader")]
READERS = {Role.OFFICIAL, Role.LEADER, Role.SUPERVISOR}


def ids(queryset_or_list) -> set[int]:
    """Return the ids of objects, or of rows read as values (a list page's rows, issue 19)."""
    return {obj["pk"] if isinstance(obj, dict) else obj.pk for obj in queryset_or_list}


def page_ids(client, name: str, key: str = "page") -> set[int]:
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    return ids(response.context[key].object_list)


def form_choices(client, url: str, field: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return ids(response.context["form"].fields[field].queryset)


@pytest.mark.parametrize("key", PEOPLE)
def test_list_pages_agree_with_the_scope(city, key):
    """Given a person of the city, every list shows exactly the rows their scope holds (less what the role hides)."""
    user = User.objects.get(pk=city.person(key).pk)
    scope, client = user.scope, client_for(user)
    head = user.role == Role.UNIT_HEAD
    # A supervisor sees what a commune has sent onward: no draft or returned document.
    supervisor = user.role == Role.SUPERVISOR

    assert page_ids(client, "units:unit_list") == set(scope.unit_ids)
    assert page_ids(client, "plans:plan_list") == {
        plan.pk
        for plan in Plan.objects.select_related("issuing_unit")
        if scope.contains(plan.issuing_unit) and (not (head or supervisor) or plan.status in PUBLISHED)
    }
    assert page_ids(client, "models_registry:campaign_list") == {
        campaign.pk
        for campaign in Campaign.objects.select_related("issuing_unit")
        if scope.contains_government(campaign.issuing_unit)
    }
    assert page_ids(client, "models_registry:registration_list") == {
        registration.pk
        for registration in Registration.objects.select_related("campaign__issuing_unit")
        if scope.contains_government(registration.campaign.issuing_unit)
        and (not head or registration.unit_id == user.unit_id or registration.status == "recognized")
        and (not supervisor or registration.status not in ("draft", "returned"))
    }
    tracked = list(Task.objects.tracked().select_related("plan__issuing_unit"))
    if head:
        assert page_ids(client, "tasks:unit_tasks") == {
            task.pk
            for task in tracked
            if scope.contains(task.plan.issuing_unit) and task.lead_units.filter(pk=user.unit_id).exists()
        }
    else:
        assert page_ids(client, "tasks:task_list") == {
            task.pk for task in tracked if scope.contains(task.plan.issuing_unit)
        }
    if user.role in READERS:
        assert page_ids(client, "reports:report_list", key="reports") == {
            report.pk
            for report in PeriodicReport.objects.select_related("unit")
            if scope.contains(report.unit) and (not supervisor or report.status == "issued")
        }


@pytest.mark.parametrize("key", PEOPLE)
def test_detail_pages_are_404_outside_the_scope(city, key):
    """Given a person, each commune's plan, task, registration, report and department opens only inside their scope."""
    user = User.objects.get(pk=city.person(key).pk)
    scope, client = user.scope, client_for(user)
    head = user.role == Role.UNIT_HEAD
    for commune in city.communes:
        inside = scope.contains(commune.unit)
        assert scope.contains_government(commune.unit) == inside
        plan = commune.task.plan
        pages = {
            reverse("plans:plan_detail", args=[plan.pk]): 200,
            reverse("units:unit_detail", args=[commune.department.pk]): 200,
            reverse("tasks:task_detail", args=[commune.task.pk]): 404
            if head and user.unit_id != commune.department.pk
            else 200,
            reverse("models_registry:registration_detail", args=[commune.registration.pk]): (
                404 if head and user.unit_id != commune.registration.unit_id else 200
            ),
            # The report is a draft: it stays inside its commune (404 for the supervisor).
            reverse("reports:report_detail", args=[commune.report.pk]): (
                404 if user.role == Role.SUPERVISOR else 200 if user.role in READERS else 403
            ),
        }
        for url, allowed in pages.items():
            assert client.get(url).status_code == (allowed if inside else 404), f"{key}: {url}"


@pytest.mark.parametrize("index", range(COMMUNES))
def test_form_unit_choices_are_the_scope(city, index):
    """Given a commune's official and leader, the unit choices of the plan, task, campaign and replicate forms
    are the units of their scope (less the commune itself where a form asks for units under it)."""
    commune = city.communes[index]
    official = User.objects.get(pk=commune.people["official"].pk)
    scope, client = official.scope, client_for(official)
    units, root = set(scope.unit_ids), {commune.unit.pk}

    assert form_choices(client, reverse("plans:plan_create"), "issuing_unit") == units
    task_add = reverse("plans:task_add", args=[commune.draft_plan.pk])
    assert form_choices(client, task_add, "lead_units") == units
    assert form_choices(client, task_add, "coordinating_units") == units
    assert form_choices(client, reverse("models_registry:campaign_create"), "eligible_units") == units - root
    replicate = reverse("models_registry:registration_replicate", args=[commune.recognized.pk])
    assert form_choices(client, replicate, "units") == units - root - {commune.recognized.unit_id}
    leader = User.objects.get(pk=commune.people["leader"].pk)
    assert form_choices(client_for(leader), replicate, "units") == units - root - {commune.recognized.unit_id}


def test_filter_choices_of_a_supervisor_are_the_city(city):
    """Given the supervisor, the unit filters of the plan and task lists offer every unit of the city."""
    supervisor = User.objects.get(pk=city.supervisor.pk)
    client, units = client_for(supervisor), set(supervisor.scope.unit_ids)
    assert units == set(Unit.objects.values_list("pk", flat=True))
    plan_filter = client.get(reverse("plans:plan_list")).context["filter"]
    assert ids(plan_filter.form.fields["issuing_unit"].queryset) == units
    task_filter = client.get(reverse("tasks:task_list")).context["filter"]
    assert ids(task_filter.form.fields["lead_unit"].queryset) == units


def test_scope_is_computed_once_per_person(city):
    """Given a person, the scope is one object; once its units are read, its questions cost no query."""
    user = User.objects.get(pk=city.communes[0].people["official"].pk)
    assert user.scope is user.scope is scope_of(user)
    assert user.scope.root == city.communes[0].unit
    user.scope.unit_ids  # noqa: B018 - read the tree once
    with CaptureQueriesContext(connection) as queries:
        assert user.scope.contains(city.communes[0].department)
        assert not user.scope.contains(city.communes[1].department)
        assert user.scope.ids_under(city.communes[0].unit) == set(user.scope.unit_ids)
        user.scope.condition("plan__issuing_unit_id")
    assert len(queries) == 0
    assert not any(name.startswith("_") and name != "_state" for name in vars(user)), vars(user).keys()


def test_governments_in_scope_are_the_government_units_in_scope(city):
    """Given the supervisor and a commune leader, `governments()` and `contains_government` agree with `contains`."""
    for user in (city.supervisor, city.communes[1].people["leader"]):
        scope = User.objects.get(pk=user.pk).scope
        in_scope = {unit.pk for unit in Unit.objects.filter(kind__in=GOVERNMENT_KINDS) if scope.contains(unit)}
        assert ids(scope.governments()) == in_scope == set(scope.government_ids)
        assert {u.pk for u in Unit.objects.all() if scope.contains_government(u)} == in_scope


def test_a_person_without_a_workplace_has_an_empty_scope(city):
    """Given an anonymous visitor, a person without a unit and an inactive official, the scope holds nothing."""
    nobody = UserFactory(unit=None, role="")
    retired = UserFactory(unit=city.communes[0].office, role=Role.OFFICIAL, is_active=False)
    for user in (AnonymousUser(), nobody, retired):
        scope = scope_of(user)
        assert scope is EMPTY and scope.root is None
        assert not scope.contains(city.communes[0].office)
        assert not Unit.objects.filter(scope.condition("pk")).exists()
        assert not scope.units().exists() and not scope.governments().exists()
    assert nobody.scope.is_empty


def test_a_city_scope_reaches_deeper_units_by_its_list_of_ids(city):
    """Given villages five levels under the city, the city's condition still holds exactly its units."""
    unit = city.communes[0].department
    for depth in range(3):
        unit = DepartmentFactory(parent=unit, name=f"Tổ dân phố {depth}", active_from=datetime.date(2025, 7, 1))
    scope = User.objects.get(pk=city.supervisor.pk).scope
    assert ids(scope.units()) == set(scope.unit_ids) == set(Unit.objects.values_list("pk", flat=True))
