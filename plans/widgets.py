"""Choosers of the plan editor: the numbered section outline and the searchable unit pickers."""

from django import forms

from plans.choices import Numbering
from plans.document import outline
from plans.models import Section

# The marker a sub-section takes by default under a parent of each numbering: I. > 1. > a) > - > +.
CHILD_NUMBERING: dict[str, str] = {
    Numbering.ROMAN: Numbering.ARABIC,
    Numbering.ARABIC: Numbering.LETTER,
    Numbering.DECIMAL: Numbering.LETTER,
    Numbering.LETTER: Numbering.DASH,
    Numbering.DASH: Numbering.PLUS,
    Numbering.PLUS: Numbering.PLUS,
}
# The default by depth, for a parent that prints no marker of its own ("Đoạn văn").
LEVEL_NUMBERING = [Numbering.ROMAN, Numbering.ARABIC, Numbering.LETTER, Numbering.DASH, Numbering.PLUS]
# Non-breaking spaces per level: option labels keep their indentation where a browser would collapse spaces.
INDENT = "\u00a0" * 4


def default_numbering(parent: Section | None, level: int = 0) -> str:
    """Return the numbering a new section under `parent` (at depth `level` + 1) takes by default."""
    if parent is None:
        return Numbering.ROMAN
    return CHILD_NUMBERING.get(parent.numbering, LEVEL_NUMBERING[min(level + 1, len(LEVEL_NUMBERING) - 1)])


class SectionOutline:
    """The sections of a plan in reading order, each with the marker and depth the document prints."""

    def __init__(self, sections: list[Section]):
        self.sections = {section.pk: section for section in sections}
        self.rows: list[tuple[Section, str, int]] = []
        # Numbered by the document's own walk, so the chooser and the printed plan never disagree.
        for paragraph in outline(sections, {}):
            if paragraph.section_pk is not None:
                self.rows.append((self.sections[paragraph.section_pk], paragraph.marker, paragraph.level))
        self.levels = {section.pk: level for section, _marker, level in self.rows}

    def descendants(self, section: Section) -> set[int]:
        """Return the ids of `section` and every section under it (none of them may become its parent)."""
        found, frontier = {section.pk}, [section.pk]
        while frontier:
            current = frontier.pop()
            for child in self.sections.values():
                if child.parent_id == current and child.pk not in found:
                    found.add(child.pk)
                    frontier.append(child.pk)
        return found

    def label(self, section: Section, marker: str, level: int) -> str:
        title = section.heading or section.text[:80]
        return f"{INDENT * level}{marker} {title}".rstrip() if marker else f"{INDENT * level}{title}"

    def choices(self, exclude: set[int] = frozenset()) -> list[tuple[int, str]]:
        """Return (id, indented numbered label) of every section not in `exclude`, in reading order."""
        return [(s.pk, self.label(s, marker, level)) for s, marker, level in self.rows if s.pk not in exclude]

    def child_numbering(self) -> dict[str, str]:
        """Return, by section id, the numbering a new sub-section of it takes by default."""
        return {str(s.pk): default_numbering(s, self.levels[s.pk]) for s, _marker, _level in self.rows}


class OutlineSelect(forms.Select):
    """A parent-section <select> whose options tell the editor's script the numbering of a child."""

    def __init__(self, *args, child_numbering: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_numbering = child_numbering or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"]["data-numbering"] = self.child_numbering.get(str(value), Numbering.ROMAN)
        return option


class UnitPickerSelect(forms.SelectMultiple):
    """A multiple <select> of units or groups that the picker's search box filters (static/js/plan_editor.js).

    Every select of one `picker` ("lead", "coordinating") answers the same search box.
    """

    def __init__(self, picker: str, size: int, attrs=None):
        super().__init__(attrs={"size": size, "data-unit-picker": picker, **(attrs or {})})
