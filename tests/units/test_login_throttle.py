"""Login throttling across names and addresses (units/throttle.py) and the client's address behind a proxy."""

import pytest
from django.test import Client
from django.urls import reverse

from danvan.models import AuditAction, AuditEntry
from tests.factories import TEST_PASSWORD
from units import throttle

WAIT = "Đăng nhập sai nhiều lần, hãy thử lại sau"


def login(client, username, password=TEST_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves by hand."""

    class Clock:
        now = 1_000_000.0

        def advance(self, seconds):
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr(throttle, "_now", lambda: clock.now)
    return clock


@pytest.fixture(autouse=True)
def three_free_failures(settings):
    settings.LOGIN_THROTTLE_FREE_FAILURES = 3
    settings.LOGIN_THROTTLE_MAX_SECONDS = 60


def test_one_address_trying_many_names_waits_with_a_vietnamese_message(official, clock):
    """Given three wrong names from one address, the next attempt, even right, waits 2 s; another address does not."""
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ["an", "binh", "chi"]:
        assert login(attacker, name, "sai-mat-khau").status_code == 200
    refused = login(attacker, "canbo")
    assert refused.status_code == 429
    assert f"{WAIT} 2 giây" in refused.content.decode()
    assert refused["Retry-After"] == "2"
    assert login(Client(REMOTE_ADDR="198.51.100.9"), "canbo").status_code == 302
    clock.advance(2)
    assert login(attacker, "canbo").status_code == 302


def test_one_name_tried_from_many_addresses_delays_but_never_locks(official, clock):
    """Given three failures on one name from three addresses, a clean address waits, then gets through."""
    for last in range(1, 4):
        login(Client(REMOTE_ADDR=f"203.0.113.{last}"), "canbo", "sai-mat-khau")
    clean = Client(REMOTE_ADDR="198.51.100.9")
    refused = login(clean, "canbo")
    assert refused.status_code == 429 and f"{WAIT} 2 giây" in refused.content.decode()
    clock.advance(2)
    assert login(clean, "canbo").status_code == 302


def test_delay_doubles_and_stops_at_the_maximum(official, clock, settings):
    settings.LOGIN_THROTTLE_MAX_SECONDS = 16
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    waits = []
    for attempt in range(7):
        name = f"nguoi{attempt}"
        response = login(attacker, name, "sai-mat-khau")
        assert response.status_code == 200
        probe = login(Client(REMOTE_ADDR="203.0.113.7"), "canbo")  # a right password is not counted
        waits.append(int(probe["Retry-After"]) if probe.status_code == 429 else 0)
        clock.advance(waits[-1])
    assert waits == [0, 0, 2, 4, 8, 16, 16]


def test_an_attempt_while_waiting_is_not_counted_and_the_password_not_checked(official, clock):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ["an", "binh", "chi"]:
        login(attacker, name, "sai-mat-khau")
    failed_before = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count()
    for _ in range(20):
        assert login(attacker, "canbo", "sai-mat-khau").status_code == 429
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == failed_before
    clock.advance(2)
    assert login(attacker, "canbo").status_code == 302


def test_a_browser_that_logged_in_before_is_not_delayed_by_strangers(official, clock):
    """The chairman's own browser gets through while strangers spray the name from many addresses."""
    own_browser = Client(REMOTE_ADDR="198.51.100.9")
    assert login(own_browser, "canbo").status_code == 302
    own_browser.post(reverse("logout"))
    for last in range(1, 10):
        login(Client(REMOTE_ADDR=f"203.0.113.{last}"), "canbo", "sai-mat-khau")
    assert login(Client(REMOTE_ADDR="198.51.100.10"), "canbo").status_code == 429
    assert login(own_browser, "canbo").status_code == 302


def test_a_forged_known_login_cookie_is_ignored(official, clock):
    for last in range(1, 4):
        login(Client(REMOTE_ADDR=f"203.0.113.{last}"), "canbo", "sai-mat-khau")
    forger = Client(REMOTE_ADDR="203.0.113.50")
    forger.cookies[throttle.KNOWN_COOKIE] = "canbo"
    assert login(forger, "canbo").status_code == 429


def test_the_admin_login_page_is_throttled_too(official, clock):
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ["an", "binh", "chi"]:
        attacker.post(reverse("admin:login"), {"username": name, "password": "sai-mat-khau"})
    refused = attacker.post(reverse("admin:login"), {"username": "dung", "password": "sai-mat-khau"})
    assert refused.status_code == 429


class TestBehindProxy:
    """BEHIND_PROXY: the client's address comes from X-Forwarded-For through the trusted proxies only."""

    PROXY = "10.0.0.1"

    def client(self, forwarded):
        return Client(REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR=forwarded)

    def test_two_clients_behind_the_proxy_are_counted_apart(self, official, settings, clock):
        settings.TRUSTED_PROXY_COUNT = 1
        settings.LOGIN_THROTTLE_FREE_FAILURES = 100  # the name-and-address lock alone
        first, second = self.client("203.0.113.7"), self.client("198.51.100.9")
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(first, "canbo", "sai-mat-khau")
        assert login(first, "canbo").status_code == 429
        assert login(second, "canbo").status_code == 302
        assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED, ip_address="203.0.113.7").exists()

    def test_only_the_entry_written_by_the_proxy_is_trusted(self, official, settings, clock):
        """A client that writes its own X-Forwarded-For is still counted by the address the proxy saw."""
        settings.TRUSTED_PROXY_COUNT = 1
        for forged in ["1.1.1.1", "2.2.2.2", "3.3.3.3"]:
            login(self.client(f"{forged}, 203.0.113.7"), f"ten-{forged}", "sai-mat-khau")
        assert login(self.client("4.4.4.4, 203.0.113.7"), "canbo").status_code == 429

    def test_without_behind_proxy_a_forged_header_is_ignored(self, official, settings, clock):
        settings.TRUSTED_PROXY_COUNT = 0
        settings.LOGIN_THROTTLE_FREE_FAILURES = 100  # the name-and-address lock alone
        for _ in range(settings.AXES_FAILURE_LIMIT):
            login(self.client("203.0.113.7"), "canbo", "sai-mat-khau")
        assert login(self.client("198.51.100.9"), "canbo").status_code == 429
        assert set(AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).values_list("ip_address", flat=True)) == {
            self.PROXY
        }


@pytest.mark.parametrize(
    ("value", "count"), [("0", 0), ("", 0), ("off", 0), ("on", 1), ("True", 1), ("1", 1), ("2", 2)]
)
def test_behind_proxy_reads_a_count_or_on_off(value, count):
    from danvan.addresses import trusted_proxy_count

    assert trusted_proxy_count(value) == count
