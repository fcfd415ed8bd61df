"""URL converters shared by every app."""


class IdConverter:
    """A database id: at most 18 digits, so "/plans/99999999999999999999/" is a 404, not a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)
