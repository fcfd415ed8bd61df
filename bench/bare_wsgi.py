"""The bare Django list (bench/bare_anchor.py) as a WSGI application, for gunicorn in bench/bench_anchors.py.

The portal's settings with the bare URLconf and the middleware of a new Django project:
the same database, session table and secret, so one session cookie works on both servers.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings_test")

from bare_anchor import DEFAULT_MIDDLEWARE
from django.conf import settings
from django.core.wsgi import get_wsgi_application

settings.MIDDLEWARE = DEFAULT_MIDDLEWARE
settings.ROOT_URLCONF = "bare_anchor"
application = get_wsgi_application()
