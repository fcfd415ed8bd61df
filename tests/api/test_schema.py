"""The OpenAPI schema validates, and the API keeps to it: schemathesis finds no 5xx and no answer outside it."""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from tests.api.api_helpers import token_for
from tests.factories import TaskFactory

# Few examples per operation: the contract test must stay under a minute on a shared machine.
MAX_EXAMPLES = 8


def test_schema_validates_as_openapi_3_without_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3.")


def test_schema_and_its_readers_are_served_from_the_portal(client):
    """The schema and both readers answer without a login, and every script they load is the portal's own."""
    assert client.get(reverse("api:schema")).status_code == 200
    for name, asset in (("api:swagger", "swagger-ui-bundle.js"), ("api:redoc", "redoc.standalone.js")):
        page = client.get(reverse(name))
        body = page.content.decode()
        assert page.status_code == 200 and "/static/drf_spectacular_sidecar/" in body and asset in body
        assert "http://" not in body and "https://" not in body
        assert "<script>" not in body  # no inline script: the CSP stays "script-src 'self'"
    assert "'unsafe-inline'" not in client.get(reverse("api:swagger"))["Content-Security-Policy"]


@pytest.fixture
def connection_kept_between_requests():
    """Keep the test's connection open across the WSGI calls, as Django's test client does.

    The portal's WSGI handler closes an obsolete connection at the start and end of each request, and the test's
    connection, inside its transaction, looks obsolete: on PostgreSQL the next request would find it closed.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def test_api_keeps_to_its_schema(world, plans, monkeypatch, connection_kept_between_requests):
    """Given generated calls to every operation with a unit head's token, none answers 5xx or breaks the schema.

    The operations are walked here rather than through `schema.parametrize()`, whose lazy
    fixture loading does not run under pytest 9.
    """
    from django.core.wsgi import get_wsgi_application
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

    from api.throttling import TokenRateThrottle

    monkeypatch.setattr(TokenRateThrottle, "THROTTLE_RATES", {"api": "100000/min"})
    TaskFactory(plan=plans["issued"], lead_units=[world.other_department])
    headers = {"Authorization": f"Bearer {token_for(world.users['unit_head'])}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def keeps_to_the_schema(case):
            case.call_and_validate(headers=headers, checks=checks)

        keeps_to_the_schema()
