"""Django admin is for staff only."""

from django.urls import reverse

from tests.conftest import client_for
from tests.factories import UserFactory


def test_admin_refuses_portal_roles(world):
    """Given a leader (not staff), when they open the admin, then they are sent to the admin login."""
    response = client_for(world.users["leader"]).get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_lists_units_and_people_for_superuser(world):
    admin = UserFactory(username="quantri", unit=None, role="", is_staff=True, is_superuser=True)
    client = client_for(admin)
    for name in ["admin:units_unit_changelist", "admin:units_user_changelist", "admin:units_unitgroup_changelist"]:
        assert client.get(reverse(name)).status_code == 200
    response = client.get(reverse("admin:units_unit_change", args=[world.department.pk]))
    assert "Phòng Văn hóa - Xã hội" in response.content.decode()
