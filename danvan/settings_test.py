"""Settings for the test suite: production settings served over plain HTTP, with a fast hasher.

The live server of the browser tests speaks HTTP, where a browser would drop
`Secure` and `__Host-` cookies; `tests/test_deployment.py` checks the real
production settings separately.
"""

from danvan.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
# One memory cache per test process: the suite empties the cache before every test, and xdist's workers must not
# empty each other's (tests/shared_state/ checks the shared caches across processes). A child process that a test
# gives CACHE_DIR keeps the file cache, as tests/danvan/test_backup.py does.
if not REDIS_URL and not env.str("CACHE_DIR", default=""):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".test-media")  # noqa: F405
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# Jobs run for real in the calling process (the immediate backend); a test that starts a real worker
# gives it TASKS_BACKEND=db (tests/jobs/test_worker_kill.py).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")  # noqa: F405
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}  # noqa: F405
JOBS_EXTRA_MODULES = ["tests.jobs.sample_jobs"]
# A download waits this long before its PDF goes to a background job: long enough that a busy test machine
# never turns a small document into a job; tests of the budget set their own (tests/documents/).
DOCUMENT_INTERACTIVE_SECONDS = env.float("DOCUMENT_INTERACTIVE_SECONDS", default=120)  # noqa: F405
