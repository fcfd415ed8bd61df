"""Real servers on loopback for the shared-state tests: an S3-compatible store (moto's stand-alone server) and Redis.

Each fixture starts or reaches its server and skips with the reason when it cannot, except on CI
(CI=true), where the servers are part of the machine and a missing one fails the run.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def unavailable(reason: str):
    if ON_CI:
        pytest.fail(reason)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    """Start moto's S3-compatible server on a free loopback port; yield its endpoint URL."""
    moto = Path(sys.executable).with_name("moto_server")
    if not moto.exists():
        unavailable("moto_server is not installed (requirements-dev.txt)")
    port = free_port()
    process = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        unavailable("moto_server did not start within 30 s")
    yield endpoint
    process.terminate()
    process.wait(10)


@pytest.fixture
def s3_storage(s3_server, settings):
    """Point the default storage at a fresh bucket of the S3 server, as S3_BUCKET and friends would."""
    import boto3

    bucket = f"danvan-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3", endpoint_url=s3_server, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server,
                "access_key": "test",
                "secret_key": "test",
                "region_name": "us-east-1",
                "addressing_style": "path",
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    return client, bucket


@pytest.fixture
def redis_cache(settings):
    """Put the cache and the sessions in Redis (database 15, emptied), as REDIS_URL would."""
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        unavailable(f"Redis is not reachable at {REDIS_URL}")
    connection.flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield connection
    connection.flushdb()
