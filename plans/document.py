"""The printable outline of a plan, shared by the web page, the preview, the PDF and the DOCX.

Every output walks the same list of `Paragraph`s, so they can never disagree,
and tasks are printed from the task rows wherever the plan places them.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from plans.choices import Numbering, TaskLayout
from plans.models import Plan, Section, Task
from plans.numbers import document_number, letter, place_and_date, roman


@dataclass
class Paragraph:
    """One printed paragraph: an optional marker, an optional bold heading, and text."""

    marker: str = ""
    heading: str = ""
    text: str = ""
    level: int = 0
    style: str = "body"  # body | section (bold upper-case title) | basis | field | task
    anchor: str = ""
    section_pk: int | None = None

    @property
    def plain(self) -> str:
        """Return the paragraph as one line of text, as it reads on paper."""
        head = " ".join(part for part in [self.marker, self.heading] if part)
        if head and self.text:
            joiner = " " if self.heading.endswith(":") or not self.heading else ": " if self.style == "field" else "\n"
            return f"{head}{joiner}{self.text}"
        return head or self.text


@dataclass
class PlanDocument:
    plan: Plan
    number_line: str
    date_line: str
    bases: list[Paragraph]
    body: list[Paragraph]
    appendix: list[Task] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    def plain_text(self) -> str:
        """Return the whole document as plain text, in reading order."""
        plan = self.plan
        lines = [plan.parent_agency, plan.issuing_unit.name.upper(), self.number_line, self.date_line]
        lines += [plan.get_doc_type_display().upper(), plan.title]
        lines += [p.plain for p in self.bases]
        if plan.intro:
            lines.append(plan.intro)
        lines += [p.plain for p in self.body]
        if plan.closing:
            lines.append(plan.closing)
        lines += [plan.signature_authority, plan.signer_title, plan.signer_name, "Nơi nhận:"]
        lines += [f"- {r}" for r in plan.recipient_list]
        return "\n".join(line for line in lines if line)


def unit_names(task: Task) -> str:
    """Return the lead units of a task as printed: its verbatim text, or the names of its units and groups.

    For a task of `plan_document`, read `task.lead_names` instead (the same text, from flat queries).
    """
    return task.lead_text or ", ".join(
        [u.name for u in task.lead_units.all()] + [g.name for g in task.lead_groups.all()]
    )


def coordinating_names(task: Task) -> str:
    """Return the coordinating units of a task as printed (`task.coordinator_names` for a task of `plan_document`)."""
    names = [u.name for u in task.coordinating_units.all()] + [g.name for g in task.coordinating_groups.all()]
    return task.coordinating_text or ", ".join(names)


def task_paragraphs(
    task: Task, layout: str, marker: str, level: int, *, own_marker: bool = False, section_pk: int | None = None
) -> list[Paragraph]:
    """Return the paragraphs that print one task in the given layout.

    A duty prints with its own marker, as its source wrote it ("- ...", "+ ..." or a plain
    paragraph), unless `own_marker` says the task stands in for an empty numbered section and
    takes its marker ("4. Đề nghị ...").
    """
    anchor = f"task-{task.pk}"
    if layout == TaskLayout.DUTIES:
        marker = marker if own_marker else task.marker
    head = Paragraph(marker=marker, text=task.content, level=level, style="task", anchor=anchor, section_pk=section_pk)
    if layout == TaskLayout.DUTIES:
        return [head]
    paragraphs = [head]
    fields = [
        ("Cơ quan thực hiện", task.lead_names),
        ("Cơ quan phối hợp", task.coordinator_names),
        ("Hình thức", task.form),
        ("Thời gian thực hiện", task.timeframe_text or task.get_timeframe_kind_display().lower()),
        ("Sản phẩm", task.expected_output),
    ]
    paragraphs += [
        Paragraph(marker="-", heading=label, text=value, level=level + 1, style="field")
        for label, value in fields
        if value
    ]
    return paragraphs


def _marker(section: Section, index: int, parent_number: str) -> tuple[str, str]:
    """Return (printed marker, number used by decimal children) for the index-th sibling of its numbering."""
    match section.numbering:
        case Numbering.ROMAN:
            return f"{roman(index)}.", roman(index)
        case Numbering.ARABIC:
            return f"{index}.", str(index)
        case Numbering.DECIMAL:
            number = f"{parent_number}.{index}" if parent_number else str(index)
            return f"{number}.", number
        case Numbering.LETTER:
            return f"{letter(index)})", letter(index)
        case Numbering.DASH:
            return "-", parent_number
        case Numbering.PLUS:
            return "+", parent_number
    return "", parent_number


def outline(sections: list[Section], tasks_by_section: dict[int, list[Task]]) -> list[Paragraph]:
    """Return the body paragraphs of the section tree, numbering each level automatically."""
    children = defaultdict(list)
    for section in sections:
        children[section.parent_id].append(section)
    paragraphs: list[Paragraph] = []

    def walk(parent_id, level: int, parent_number: str):
        counters: dict[str, int] = defaultdict(int)
        for section in children[parent_id]:
            counters[section.numbering] += 1
            marker, number = _marker(section, counters[section.numbering], parent_number)
            tasks = tasks_by_section.get(section.pk, [])
            if tasks and not (section.heading or section.text):
                # An empty section only numbers its task ("a) <task>"), as the documents print it.
                first, *rest = tasks
                paragraphs.extend(
                    task_paragraphs(first, section.task_layout, marker, level, own_marker=True, section_pk=section.pk)
                )
                for task in rest:
                    paragraphs.extend(task_paragraphs(task, section.task_layout, "", level))
                walk(section.pk, level + 1, number)
                continue
            style = "section" if section.numbering == Numbering.ROMAN else "body"
            paragraphs.append(
                Paragraph(
                    marker=marker,
                    heading=section.heading,
                    text=section.text,
                    level=level,
                    style=style,
                    anchor=f"section-{section.pk}",
                    section_pk=section.pk,
                )
            )
            walk(section.pk, level + 1, number)
            for index, task in enumerate(tasks, start=1):
                paragraphs.extend(task_paragraphs(task, section.task_layout, f"{letter(index)})", level + 1))

    walk(None, 0, "")
    return paragraphs


def related_names(units, groups, **tasks) -> dict[int, str]:
    """Return {task id: "unit, …, group, …"} for the tasks `tasks` selects, from two flat queries on their link tables.

    Units come first in their tree order, then groups by name, as `unit_names` prints
    them from prefetched objects: a plan of 500 tasks built four related managers per
    task and filled them one object at a time, most of the page's cost (issue 19).
    `units` and `groups` are the `through` models, e.g. `Task.lead_units.through`; `tasks`
    filters their rows (`task__plan=plan`, `task_id__in=ids`).
    """
    rows = [
        *units.objects.filter(**tasks).order_by("unit__position", "unit__name").values_list("task_id", "unit__name"),
        *groups.objects.filter(**tasks).order_by("unitgroup__name").values_list("task_id", "unitgroup__name"),
    ]
    names: dict[int, list[str]] = defaultdict(list)
    for task_id, name in rows:
        names[task_id].append(name)
    return {task_id: ", ".join(labels) for task_id, labels in names.items()}


def plan_tasks(plan: Plan) -> list[Task]:
    """Return the plan's tasks in order, each with `lead_names` and `coordinator_names` as printed, in five queries.

    Ordered within the plan (the model's ordering starts with the plan, a join for
    nothing here), without the fields no output prints: reading 500 tasks' timestamps
    cost as much as the rest of the document.
    """
    tasks = list(
        plan.tasks.order_by("position", "pk").defer("search_text", "created_at", "updated_at", "last_reported_on")
    )
    leads = related_names(Task.lead_units.through, Task.lead_groups.through, task__plan=plan)
    coordinators = related_names(Task.coordinating_units.through, Task.coordinating_groups.through, task__plan=plan)
    for task in tasks:
        task.lead_names = task.lead_text or leads.get(task.pk, "")
        task.coordinator_names = task.coordinating_text or coordinators.get(task.pk, "")
    return tasks


def plan_document(plan: Plan) -> PlanDocument:
    """Build the printable outline of `plan` in a fixed number of queries."""
    sections = list(plan.sections.all())
    tasks = plan_tasks(plan)
    by_section = defaultdict(list)
    printed_sections = {s.pk for s in sections if s.task_layout}
    appendix = []
    for task in tasks:
        if task.section_id in printed_sections:
            by_section[task.section_id].append(task)
        elif plan.has_appendix:
            appendix.append(task)
    bases = [Paragraph(text=basis.text, style="basis") for basis in plan.bases.all()]
    return PlanDocument(
        plan=plan,
        number_line=document_number(plan.number, plan.symbol),
        date_line=place_and_date(plan.place_name, plan.issued_on),
        bases=bases,
        body=outline(sections, by_section),
        appendix=appendix,
        tasks=tasks,
    )
