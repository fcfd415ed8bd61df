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
    assert json.loads(response.content) == {"status": "ok", "database": True, "media": True}


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


PRODUCTION_PROBE = """
import json
from django.conf import settings
from django.test import Client
# No collectstatic here: plain static URLs instead of the manifest's hashed names.
settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
response = Client(HTTP_HOST="danvan.example.gov.vn").get("/accounts/login/", secure=True)
cookies = {name: {"secure": bool(c["secure"]), "path": c["path"], "domain": c["domain"], "httponly": bool(c["httponly"])}
           for name, c in response.cookies.items()}
plain = Client(HTTP_HOST="danvan.example.gov.vn").get("/accounts/login/")
print(json.dumps({"status": response.status_code, "cookies": cookies, "hsts": response.get("Strict-Transport-Security"),
                  "plain_status": plain.status_code, "plain_location": plain.get("Location"),
                  "session": [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY]}))
"""


def test_production_cookies_are_host_only_https_and_hsts_is_sent():
    """Given the production settings, the login page over HTTPS sets `__Host-` cookies and HSTS; HTTP is redirected."""
    env = {
        **production_environment(),
        "SECRET_KEY": "k3Y-" + "x9Q!pL7#vR2@mN5$" * 4,
        "ALLOWED_HOSTS": "danvan.example.gov.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRODUCTION_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    csrf = probe["cookies"]["__Host-csrftoken"]
    assert csrf == {"secure": True, "path": "/", "domain": "", "httponly": False}
    assert probe["session"] == ["__Host-sessionid", True, True]
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["plain_status"] == 301 and probe["plain_location"].startswith("https://danvan.example.gov.vn/")


def test_a_server_error_with_debug_off_shows_the_friendly_page_and_is_logged(official, monkeypatch, caplog, settings):
    """Given DEBUG off, when a page fails, the person sees the Vietnamese 500 page and the traceback is logged."""
    from reports.views import HomeView

    def broken(self, **kwargs):
        raise RuntimeError("sự cố thử nghiệm")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    settings.DEBUG = False
    client = client_for(official)
    client.raise_request_exception = False
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Đã có lỗi xảy ra" in page and "sự cố thử nghiệm" not in page and "Traceback" not in page
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.levelname == "ERROR" and record.exc_info[0] is RuntimeError
