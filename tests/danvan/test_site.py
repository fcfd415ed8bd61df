"""The shell of the site: health check, error pages, deployment settings, home pages."""

import json
import os
import subprocess
import sys

from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for


def test_healthz_reports_the_database(db):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": True}


def test_unknown_url_shows_vietnamese_404(official):
    response = client_for(official).get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_huge_id_is_404_not_a_database_error(official):
    response = client_for(official).get("/units/99999999999999999999/")
    assert response.status_code == 404


def test_foreign_host_gets_400(db):
    assert Client(HTTP_HOST="evil.example").get("/healthz").status_code == 400


def test_person_without_workplace_is_told_to_contact_the_administrator(world):
    response = client_for(world.users["no_workplace"]).get(reverse("home"))
    assert response.status_code == 403
    assert "liên hệ quản trị viên" in response.content.decode()


def production_environment(**variables) -> dict[str, str]:
    """Return this process's environment without test-only switches, plus `variables`."""
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY"}}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "DEBUG": "0",
        "DATABASE_URL": "sqlite:///:memory:",
        **variables,
    }


def test_check_deploy_passes_with_production_variables():
    """With DEBUG off and the documented production variables, `check --deploy` prints no warning."""
    env = {
        **production_environment(),
        "SECRET_KEY": "k3Y-" + "x9Q!pL7#vR2@mN5$" * 4,
        "ALLOWED_HOSTS": "danvan.example.gov.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_check_deploy_refuses_the_development_secret_key():
    env = production_environment()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "danvan.E001" in result.stderr


def test_csp_header_forbids_inline_script(official):
    response = client_for(official).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
