"""Cache and sessions in Redis, settings read from the environment, and the reads marked for a replica."""

import json
import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse

from danvan.replicas import REPLICA_PAGES, ReplicaPagesMiddleware, ReplicaRouter, _on_replica, replica_reads
from plans.models import Plan
from tests.conftest import client_for
from tests.shared_state.conftest import REDIS_URL

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "storage": settings.STORAGES["default"]["BACKEND"],
    "bucket": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "session": settings.SESSION_ENGINE,
}))
"""


READ_SHARED_CACHE = """
import django
from django.conf import settings
settings.configure(CACHES={"default": {
    "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "danvan"}})
django.setup()
from django.core.cache import cache
from django.http import HttpResponse
print(cache.get("shared-check"))
"""


def settings_with(**variables) -> dict:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings", "DEBUG": "1", **variables}
    for name in ("S3_BUCKET", "REDIS_URL"):
        if name not in variables:
            environment.pop(name, None)
    output = subprocess.run([sys.executable, "-c", PRINT_SETTINGS], env=environment, capture_output=True, text=True)
    assert output.returncode == 0, output.stderr
    return json.loads(output.stdout.strip().splitlines()[-1])


def test_without_variables_everything_stays_on_the_box():
    assert settings_with() == {
        "storage": "danvan.storage.PortalFileSystemStorage",
        "bucket": None,
        "cache": "django.core.cache.backends.filebased.FileBasedCache",
        "session": "django.contrib.sessions.backends.db",
    }


CACHE_IN_ONE_PROCESS = """
import django
django.setup()
from django.core.cache import cache
import sys
if sys.argv[1] == "set":
    cache.set("shared-check", "đã lưu", 60)
elif sys.argv[1] == "delete":
    cache.delete("shared-check")
print(cache.get("shared-check"))
"""


def test_without_redis_every_process_of_the_box_shares_the_cache(tmp_path):
    """Given no REDIS_URL, when the job worker caches or drops a value (as a new figures generation does), then a web
    worker, another process, reads the change at once; a cache per process would keep serving the old value."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "danvan.settings", "CACHE_DIR": str(tmp_path / "cache")}
    environment.pop("REDIS_URL", None)

    def in_another_process(action: str) -> str:
        command = [sys.executable, "-c", CACHE_IN_ONE_PROCESS, action]
        output = subprocess.run(command, env=environment, capture_output=True, text=True)
        assert output.returncode == 0, output.stderr
        return output.stdout.strip().splitlines()[-1]

    assert in_another_process("set") == "đã lưu"
    assert in_another_process("get") == "đã lưu"
    assert in_another_process("delete") == "None"
    assert in_another_process("get") == "None"


def test_the_variables_move_files_cache_and_sessions_off_the_box():
    assert settings_with(S3_BUCKET="danvan-files", REDIS_URL="redis://10.0.0.5:6379/0") == {
        "storage": "storages.backends.s3.S3Storage",
        "bucket": "danvan-files",
        "cache": "django.core.cache.backends.redis.RedisCache",
        "session": "django.contrib.sessions.backends.cached_db",
    }


def test_a_session_lives_in_redis_and_another_process_sees_the_cache(world, redis_cache):
    """Given Redis as cache, when a person logs in and opens a page, their session is in Redis; a value cached here
    is read by another process, as by another web node."""
    client = client_for(world.users["official"])
    assert client.get(reverse("home")).status_code == 200
    session_keys = [key for key in redis_cache.keys("danvan:*") if b"django.contrib.sessions" in key]
    assert session_keys, redis_cache.keys("*")
    cache.set("shared-check", "từ nút web thứ nhất", 60)
    script = READ_SHARED_CACHE.replace("REDIS_URL", repr(REDIS_URL))
    read = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert read.stdout.strip() == "từ nút web thứ nhất", read.stderr


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
@pytest.mark.parametrize(("inside", "expected"), [(True, "replica"), (False, None)])
def test_marked_reads_go_to_the_replica_and_writes_never(settings, inside, expected):
    settings.DATABASES = {**settings.DATABASES, "replica": settings.DATABASES["default"]}
    router = ReplicaRouter()
    if inside:
        with replica_reads():
            assert router.db_for_read(Plan) == expected
            assert router.db_for_write(Plan) == "default"
    else:
        assert router.db_for_read(Plan) == expected
    assert router.allow_migrate("replica", "plans") is False


def test_only_the_marked_pages_read_from_the_replica(rf):
    """Given the middleware, a GET of the roll-up runs on the replica; another page, or a POST, on the primary."""
    seen = []

    def view(request):
        seen.append((request.method, request.path, _on_replica.get()))
        return HttpResponse()

    middleware = ReplicaPagesMiddleware(view)
    rollup, plans = reverse("reports:rollup"), reverse("plans:plan_list")
    middleware(rf.get(rollup))
    middleware(rf.get(plans))
    middleware(rf.post(rollup))
    assert "reports:rollup" in REPLICA_PAGES
    assert seen == [("GET", rollup, True), ("GET", plans, False), ("POST", rollup, False)]
    assert _on_replica.get() is False
