"""File names of a plan's downloads."""

from plans.models import Plan


def plan_filename(plan: Plan, extension: str) -> str:
    """Return a readable Vietnamese file name: "31-KH-UBND Thực hiện phong trào Dân vận khéo.pdf".

    A plan without a number is named "Dự thảo …". The name is made safe for
    Content-Disposition by danvan.downloads.content_disposition.
    """
    reference = f"{plan.number:02d}-{plan.symbol.replace('/', '-')}" if plan.number else "Dự thảo"
    summary = " ".join(plan.title.replace("“", "").replace("”", "").split())
    return f"{reference} {summary}.{extension}"
