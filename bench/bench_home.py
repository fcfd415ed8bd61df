"""Each role's home page ("Việc chờ tôi") on the demo data at scale 4: median server time and query count.

Run with `.venv/bin/python bench/bench_home.py [SCALE]` (default 4, as issue 14 asks).
Also prints `bare_django_view_median_ms`: the health check, a view that does one query, through
the same middleware and client in the same run, so a slow machine shows as a slow anchor.
Target: each home under 30 ms median, with a query count that does not grow with the data.
"""

import io
import sys

from harness import bench_database, measure_page, report

SCALE = int(sys.argv[1]) if len(sys.argv) > 1 else 4
ROLES = {
    "official": "canbo",
    "unit_head": "truongphong",
    "leader": "lanhdao",
    "supervisor": "giamsat",
    "admin": "admin",
}


def main() -> None:
    from django.core.management import call_command
    from django.urls import reverse

    from tests.conftest import client_for
    from units.models import User

    call_command("seed_demo", scale=SCALE, force=True, stdout=io.StringIO())
    report("home_scale", SCALE)
    clients = {role: client_for(User.objects.get(username=username)) for role, username in ROLES.items()}
    report("bare_django_view_median_ms", measure_page(clients["official"], reverse("healthz"))["median_ms"])
    for role, client in clients.items():
        figures = measure_page(client, reverse("home"))
        report(f"home_{role}_median_ms", figures["median_ms"])
        report(f"home_{role}_queries", figures["queries"])


if __name__ == "__main__":
    with bench_database():
        main()
