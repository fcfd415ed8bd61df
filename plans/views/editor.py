"""The plan editor's parts: bases, sections and tasks added, edited, moved and deleted in place.

Each view answers an htmx request (`request.htmx`, django-htmx) with a fragment: the part's
form to load into the edit page, or after a write a message in place of the form and the
lists of parts replaced by id (out of band), with the `planChanged` event that makes the
preview reload. A request without htmx gets the same
form as a page of its own and a redirect to the edit page, so the editor works without JavaScript.

An edit of a part carries the part's version: a save made after someone else's answers 409
with both versions (includes/stale_edit.html) above the form, which keeps what the person typed.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_htmx.http import trigger_client_event

from danvan.versioning import StaleEditError
from danvan.views import PortalMixin, error_text, stale_edit
from plans import selectors, services
from plans.forms import BasisEditForm, BasisForm, ReferenceForm, SectionForm, TaskForm
from plans.models import Plan, PlanBasis, ReferenceDocument, Section, Task
from plans.views.authoring import PlanMixin, editor_context

PART_MODELS = {"basis": PlanBasis, "section": Section, "task": Task}
# The card of the edit page that lists each kind of part, where the page opens after a change without JavaScript.
ANCHORS = {"basis": "bases", "section": "sections", "task": "tasks"}
# The event the edit page's preview listens to (plan_edit.html), sent with every answer that changed the plan.
PLAN_CHANGED = "planChanged"
# The fields of each kind of part shown side by side when an edit is refused as stale (the text a person writes).
CONFLICT_FIELDS = {
    "basis": ["text"],
    "section": ["heading", "text"],
    "task": ["content", "lead_text", "coordinating_text", "form", "timeframe_text", "expected_output"],
}
# The units and groups of a task, shown by name beside each other when they differ.
CONFLICT_RELATIONS = {"task": ["lead_units", "lead_groups", "coordinating_units", "coordinating_groups"]}


def _names(items) -> str:
    """Return units or groups as one line of their names, in a fixed order so two sets compare as text."""
    return ", ".join(sorted(str(item) for item in items))


class PartsMixin(PlanMixin):
    """Answer an editor request: the refreshed parts after a write, or a form fragment."""

    permission = "plans.change_plan"

    def parts(self, *, notice: str = "", error: str = "", status: int = 200, anchor: str = "", refresh: bool = False):
        """Return the refreshed lists of parts (htmx) or a redirect to the edit page, after a write.

        After an error the lists are left as they are, unless `refresh` (they changed under the person).
        """
        if not self.request.htmx:
            if error:
                messages.error(self.request, error)
            elif notice:
                messages.success(self.request, notice)
            return redirect(f"{reverse('plans:plan_edit', args=[self.plan.pk])}#{anchor}")
        plan = Plan.objects.select_related("issuing_unit").get(pk=self.plan.pk)
        context = {**editor_context(plan), "notice": notice, "error": error, "refresh": refresh}
        response = render(self.request, "plans/_parts_changed.html", context, status=status)
        return response if error else trigger_client_event(response, PLAN_CHANGED)

    def fragment_or_page(self, fragment: str, page: str, context: dict, status: int = 200):
        """Render the form as a fragment for the editor (htmx) or inside a page of its own."""
        context = {"plan": self.plan, "inline": bool(self.request.htmx), "fragment": fragment, **context}
        return render(self.request, fragment if self.request.htmx else page, context, status=status)


class PartFormView(PartsMixin, View):
    """Add or edit one section or task, or edit a basis, of an editable plan (htmx fragment, or a page). Plan authors."""

    kind: str = ""

    def get_form(self, data=None):
        instance = None
        if "part" in self.kwargs:
            instance = get_object_or_404(PART_MODELS[self.kind], plan=self.plan, pk=self.kwargs["part"])
        if self.kind == "basis":  # a new basis has its own form and view (BasisAddView)
            return BasisEditForm(data, instance=instance, auto_id="basis_%s")
        if self.kind == "task":
            return TaskForm(data, instance=instance, plan=self.plan, user=self.request.user, auto_id="task_%s")
        parent = None
        if instance is None and self.request.GET.get("parent", "").isdigit():
            parent = self.plan.sections.filter(pk=self.request.GET["parent"]).first()
        # Ids of their own: the edit page also holds the header form, whose "parent" is the plan's.
        return SectionForm(data, instance=instance, plan=self.plan, parent=parent, auto_id="section_%s")

    def render_form(self, form, status=200, conflict=None):
        return self.fragment_or_page(
            "plans/_part_form.html",
            "plans/part_form.html",
            {"form": form, "kind": self.kind, "conflict": conflict},
            status,
        )

    def render_conflict(self, form, error: StaleEditError):
        """Answer 409: the part as saved by the other person beside what was sent, above the form as it was sent.

        The form now carries the stored version, so the person can merge the two in the form
        and save again knowingly; the fields that differ are shown (all of them if none does).
        """
        saved = type(form.instance).objects.get(pk=form.instance.pk)
        sent = form.cleaned_data
        fields = CONFLICT_FIELDS[self.kind]
        differing = [name for name in fields if getattr(saved, name) != sent.get(name)]
        relations = []
        for name in CONFLICT_RELATIONS.get(self.kind, []):
            theirs, mine = _names(getattr(saved, name).all()), _names(sent.get(name, []))
            if theirs != mine:
                relations.append((form.fields[name].label, theirs, mine))
        conflict = stale_edit(error, saved, sent, differing if differing or relations else fields, form)
        conflict["rows"] += relations
        conflict["merge"] = True
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = saved.version
        return self.render_form(form, status=409, conflict=conflict)

    def get(self, request, pk, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, pk, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = {name: value for name, value in form.cleaned_data.items() if name != "version"}
        try:
            if form.instance.pk:
                services.part_update(plan=self.plan, form=form, expected_version=form.cleaned_data["version"])
            elif self.kind == "section":
                services.section_add(plan=self.plan, **data)
            else:
                relations = {
                    name: data.pop(name)
                    for name in ["lead_units", "lead_groups", "coordinating_units", "coordinating_groups"]
                }
                services.task_add(plan=self.plan, **data, **relations)
        except StaleEditError as error:
            return self.render_conflict(form, error)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(form, status=400)
        notices = {"basis": "Đã lưu căn cứ.", "section": "Đã lưu mục.", "task": "Đã lưu nhiệm vụ."}
        return self.parts(notice=notices[self.kind], anchor=ANCHORS[self.kind])


class BasisAddView(PartsMixin, View):
    """Add a legal basis, picked from the catalogue or typed (htmx fragment, or a page). Plan authors."""

    def render_form(self, form, status=200, selected: ReferenceDocument | None = None):
        return self.fragment_or_page(
            "plans/_basis_form.html",
            "plans/basis_form.html",
            {
                "form": form,
                "reference_form": ReferenceForm(auto_id="ref_%s"),
                "references": [selected] if selected else None,
                "selected": selected,
            },
            status,
        )

    def get(self, request, pk):
        # A reference just added to the catalogue without JavaScript comes back selected (ReferenceCreateView).
        reference = request.GET.get("reference", "")
        selected = ReferenceDocument.objects.filter(pk=reference).first() if reference.isdigit() else None
        return self.render_form(BasisForm(initial={"reference": selected}, auto_id="basis_%s"), selected=selected)

    def post(self, request, pk):
        form = BasisForm(request.POST, auto_id="basis_%s")
        if form.is_valid():
            reference = form.cleaned_data["reference"]
            try:
                services.basis_add(
                    plan=self.plan,
                    opening=form.cleaned_data["opening"],
                    text=form.cleaned_data["text"],
                    references=[reference] if reference else [],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return self.parts(notice="Đã thêm căn cứ.", anchor="bases")
        return self.render_form(form, status=400, selected=form.cleaned_data.get("reference"))


class PartDeleteView(PartsMixin, View):
    """Remove a basis, section or task, after confirmation. Plan authors; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk, kind, part):
        if kind not in PART_MODELS:
            raise Http404("Không có loại mục này.")
        item = get_object_or_404(PART_MODELS[kind], plan=self.plan, pk=part)
        version = request.POST.get("version", "")
        try:
            services.part_delete(
                plan=self.plan, part=item, expected_version=int(version) if version.isdigit() else None
            )
        except StaleEditError as error:
            return self.parts(error=error_text(error), status=409, anchor=ANCHORS[kind], refresh=True)
        except ValidationError as error:
            return self.parts(error=error_text(error), status=400, anchor=ANCHORS[kind])
        return self.parts(notice="Đã xóa.", anchor=ANCHORS[kind])


class PartMoveView(PartsMixin, View):
    """Move a basis, section or task up or down among its siblings. Plan authors; POST only."""

    http_method_names = ["post"]

    def post(self, request, pk, kind, part, direction):
        if kind not in PART_MODELS or direction not in {"up", "down"}:
            raise Http404("Không có loại mục hay hướng chuyển này.")
        item = get_object_or_404(PART_MODELS[kind], plan=self.plan, pk=part)
        try:
            services.part_move(plan=self.plan, part=item, step=-1 if direction == "up" else 1)
        except ValidationError as error:
            return self.parts(error=error_text(error), status=400, anchor=ANCHORS[kind])
        return self.parts(notice="Đã đổi thứ tự.", anchor=ANCHORS[kind])


class ReferenceSearchView(PortalMixin, View):
    """Catalogue documents matching `q`, as <option>s for the basis picker (htmx). Any role."""

    permission = "plans.view_references"

    def get(self, request):
        references = selectors.reference_search(request.GET.get("q", ""))
        return render(request, "plans/_reference_options.html", {"references": references})


class ReferenceCreateView(PortalMixin, View):
    """Add a document to the shared catalogue inline, from the basis form, and select it there. Officials.

    With htmx the answer replaces the basis form's picker, the new document selected; without,
    the browser goes back to the basis form (`next`) with the document selected.
    """

    permission = "plans.add_reference"
    http_method_names = ["post"]

    def post(self, request):
        form = ReferenceForm(request.POST, auto_id="ref_%s")
        if form.is_valid():
            try:
                with transaction.atomic():
                    reference = form.save()
            except IntegrityError:  # another tab added the same document since the form was checked
                form.add_error("number_symbol", "Văn bản này vừa được thêm vào danh mục: hãy chọn nó thay vì tạo mới.")
            else:
                back = request.POST.get("next", "")
                if not request.htmx and url_has_allowed_host_and_scheme(back, {request.get_host()}):
                    return redirect(f"{back}?reference={reference.pk}")
                return render(
                    request,
                    "plans/_reference_created.html",
                    {"reference": reference, "references": [reference]},
                )
        context = {"reference_form": form, "next": request.POST.get("next", "")}
        return render(request, "plans/_reference_form.html", context, status=400)
