"""Reads: each person sees through the API exactly what the pages show them; ETags, cursor pages, fixed query counts."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.api_helpers import api_client_for, client_with, token_for
from tests.factories import IssuedPlanFactory, PlanFactory, TaskFactory


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def foreign_task(world):
    """A task of a plan issued by the other commune."""
    plan = IssuedPlanFactory(issuing_unit=world.other_commune, created_by=world.users["official"])
    return TaskFactory(plan=plan, lead_units=[world.foreign_department])


def test_token_of_another_commune_gets_404_on_a_task(world, task):
    """Given a unit head of Kim Thành, when their token asks for a task of Thượng Hồng, then 404."""
    from tests.factories import UserFactory
    from units.choices import Role

    stranger = UserFactory(unit=world.foreign_department, role=Role.UNIT_HEAD)
    client = api_client_for(stranger)
    assert client.get(reverse("api:task_detail", args=[task.pk])).status_code == 404
    assert client.get(reverse("api:plan_detail", args=[task.plan_id])).status_code == 404
    assert task.pk not in ids(client.get(reverse("api:task_list")))


def test_supervisor_sees_no_drafts(world, plans):
    """Given one plan per status, the supervisor's list holds the issued and completed ones; a draft is 404."""
    client = api_client_for(world.users["supervisor"])
    published = {plans["issued"].pk, plans["completed"].pk}
    listed = ids(client.get(reverse("api:plan_list")))
    assert published <= listed
    assert not listed & {plans[key].pk for key in ("draft", "submitted", "returned", "approved")}
    assert client.get(reverse("api:plan_detail", args=[plans["draft"].pk])).status_code == 404


def test_official_sees_their_communes_drafts_but_not_another_communes(world, plans):
    client = api_client_for(world.users["official"])
    listed = ids(client.get(reverse("api:plan_list")))
    assert plans["draft"].pk in listed and plans["foreign"].pk not in listed
    assert client.get(reverse("api:plan_detail", args=[plans["foreign"].pk])).status_code == 404


def test_unit_head_reads_only_the_tasks_of_their_unit(world, plan, task):
    """Given a task led by the official's department, the unit head (another department) neither lists nor opens it."""
    other = TaskFactory(plan=plan, lead_units=[world.department])
    client = api_client_for(world.users["unit_head"])
    assert ids(client.get(reverse("api:task_list"))) == {task.pk}
    assert client.get(reverse("api:task_detail", args=[other.pk])).status_code == 404


def test_plan_detail_holds_bases_sections_and_tasks(world, plans):
    from plans.models import PlanBasis

    plan = plans["issued"]
    PlanBasis.objects.create(plan=plan, position=1, text="Nghị quyết số 25-NQ/TW")
    body = api_client_for(world.users["leader"]).get(reverse("api:plan_detail", args=[plan.pk])).json()
    assert [basis["text"] for basis in body["bases"]] == ["Nghị quyết số 25-NQ/TW"]
    assert [section["heading"] for section in body["sections"]] == ["MỤC ĐÍCH, YÊU CẦU"]
    assert [row["id"] for row in body["tasks"]] == list(plan.tasks.values_list("pk", flat=True))


def test_filters_of_the_task_list(world, plan, task):
    done = TaskFactory(plan=plan, lead_units=[world.department], status="done")
    client = api_client_for(world.users["official"])
    assert ids(client.get(reverse("api:task_list"), {"status": "done"})) == {done.pk}
    assert ids(client.get(reverse("api:task_list"), {"lead_unit": world.other_department.pk})) == {task.pk}
    # A unit outside the caller's scope is a refused choice, never a peek.
    assert client.get(reverse("api:task_list"), {"lead_unit": world.foreign_department.pk}).status_code == 400


def test_unchanged_list_answers_304_to_its_etag(world, task):
    """Given a first answer's ETag, when asked again with If-None-Match, then 304; after a change, 200 with a new ETag."""
    client = api_client_for(world.users["official"])
    first = client.get(reverse("api:task_detail", args=[task.pk]))
    etag = first["ETag"]
    assert first.status_code == 200 and etag and first["Cache-Control"] == "private, no-cache"
    again = client.get(reverse("api:task_detail", args=[task.pk]), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and not again.content
    task.content = "Nội dung đã sửa"
    task.save()
    changed = client.get(reverse("api:task_detail", args=[task.pk]), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cursor_pages_walk_every_task_once(world, plan):
    """Given 7 tasks and pages of 3, following `next` lists each task exactly once, in three pages."""
    created = {TaskFactory(plan=plan, lead_units=[world.department]).pk for _ in range(7)}
    client = api_client_for(world.users["official"])
    url, seen, pages = reverse("api:task_list") + "?page_size=3", [], 0
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3 and sorted(seen) == sorted(created) and len(seen) == len(set(seen))


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_data(world, plan):
    """Given 2 then 30 tasks (with units, groups and progress), each list and detail costs the same queries."""
    from plans.models import ProgressUpdate

    text = token_for(world.users["official"])
    urls = [reverse(name) for name in ("api:task_list", "api:plan_list", "api:unit_list", "api:registration_list")]

    def add_tasks(count):
        for _ in range(count):
            task = TaskFactory(plan=plan, lead_units=[world.department, world.other_department])
            task.coordinating_units.set([world.other_department])
            ProgressUpdate.objects.create(
                task=task, reported_on=datetime.date(2025, 8, 1), percent=10, author=world.users["unit_head"]
            )
            PlanFactory(issuing_unit=world.commune, created_by=world.users["official"])

    add_tasks(2)
    client = client_with(text)
    client.get(urls[0])  # the token's first use writes its "last used" time, once a minute at most
    detail = reverse("api:task_detail", args=[plan.tasks.first().pk])
    plan_detail = reverse("api:plan_detail", args=[plan.pk])
    before = {url: queries_for(client, url) for url in [*urls, detail, plan_detail]}
    add_tasks(28)
    after = {url: queries_for(client, url) for url in [*urls, detail, plan_detail]}
    assert after == before
    assert before[urls[0]] <= 9, before
