"""Template context shared by every page."""

from units.choices import Role


def navigation(request):
    """Expose the current user's role name and workplace to the base layout."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_workplace:
        return {"nav_role": None}
    return {
        "nav_role": user.role,
        "nav_role_label": Role(user.role).label,
        "nav_unread": user.notifications.filter(read_at__isnull=True).count(),
    }
