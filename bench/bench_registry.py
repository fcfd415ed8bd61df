"""Campaign coverage page and registration list at 30,000 registrations: query count, median and p95 server time.

Run with `make bench` or `.venv/bin/python bench/bench_registry.py [SCALE]`.

How the database is set up: `bench/harness.py` loads the settings module
`danvan.settings_test` and creates a throw-away test database with Django's test
runner machinery (`create_test_db`, which runs every migration): SQLite in memory by
default, or a temporary PostgreSQL database when DATABASE_URL points at PostgreSQL.
The data are the demo data at scale: `units.demo.seed_units(scale=SCALE)` adds
25 synthetic communes per scale step (twelve units each, six of them departments
and service units), and `models_registry.demo.seed_registry(scale=SCALE)` gives each
of them a campaign per year 2021-2025 with five registrations in mixed states,
by bulk_create. The default SCALE of 48 makes 48 x 25 x 5 x 5 = 30,000 synthetic
registrations, plus the Thượng Hồng 2025 campaign built through the services.
The database is dropped at the end. Pages are requested with Django's test client
(no network), so the times are server time: URL routing, middleware, views,
queries and templates.

Targets (issue 6): every list page under 30 ms median and 60 ms p95 for one client
on a 2-core machine with PostgreSQL.
"""

import sys
import time

from harness import bench_database, connection, measure_page, report, report_page, settle

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 48


def build(scale: int):
    from models_registry.demo import seed_registry
    from models_registry.models import Campaign, Registration
    from units.demo import seed_units

    started = time.perf_counter()
    seed_units(password="bench-only-password", scale=scale)
    created = seed_registry(scale=scale)
    report("build_seconds", time.perf_counter() - started)
    report("registrations", Registration.objects.count())
    report("synthetic_registrations", created.get("scale_registrations", 0))
    report("campaigns", Campaign.objects.count())
    return Campaign.objects.get(issuing_unit__name="Ủy ban nhân dân xã Thượng Hồng", year=2025)


def main():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    with bench_database():
        campaign = build(SCALE)
        settle()
        report("database", connection.vendor)
        users = {u.username: u for u in get_user_model().objects.filter(username__in=["canbo", "giamsat"])}
        clients = {}
        for username, user in users.items():
            clients[username] = Client()
            clients[username].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        registrations = reverse("models_registry:registration_list")
        report_page("coverage_page", measure_page(clients["canbo"], campaign.get_absolute_url()))
        # The supervisor of the city sees every registration: the list pages through all 30,000.
        report_page("registration_list", measure_page(clients["giamsat"], registrations))
        report_page("registration_list_commune", measure_page(clients["canbo"], registrations))
        report_page(
            "registration_list_filtered",
            measure_page(clients["giamsat"], f"{registrations}?year=2024&status=recognized&sort=name"),
        )
        report_page("registration_list_search", measure_page(clients["giamsat"], f"{registrations}?q=mot+cua"))
        report_page("campaign_list", measure_page(clients["giamsat"], reverse("models_registry:campaign_list")))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    report("total_seconds", time.perf_counter() - started)
