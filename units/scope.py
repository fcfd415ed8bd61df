"""A person's scope: the government they work in and every unit under it, computed once per request.

Every app asks the same `Scope` which units and governments a person may see or
act for: rules (`contains`, `contains_government`), selectors (`condition`,
`units`, `governments`) and forms (`units`, `units_under`). `User.scope` builds it
on first use, so a request walks the unit tree at most once; `scope_of(user)` is
the safe way in for anyone, including anonymous visitors and people without a
workplace, who get an empty scope.
"""

from functools import cached_property

from django.core.cache import cache
from django.db.models import Q, QuerySet

from danvan import generations
from units.choices import GOVERNMENT_KINDS, UnitKind
from units.models import Unit

# Depth of the unit tree below a city that the join subquery of `Scope.condition` covers (city, district,
# commune, department, village); a deeper tree falls back to the list of ids.
SCOPE_JOIN_DEPTH = 4
# How long the depth of a unit tree stays cached: a unit moved in another process, without a shared cache.
TREE_SECONDS = 60


def has_workplace(user) -> bool:
    """Return whether the person is logged in, active, and has a unit and a role."""
    return bool(user and user.is_authenticated and user.is_active and user.has_workplace)


def government_of(unit: Unit) -> Unit:
    """Return the nearest level of government at or above `unit` (its commune, district or city).

    Walks `parent` ids (one indexed lookup per level, at most three in Vietnam's tree)
    rather than a recursive query over the whole unit table.
    """
    while unit.kind not in GOVERNMENT_KINDS and unit.parent_id is not None:
        unit = Unit.objects.get(pk=unit.parent_id)
    return unit


def subtree_parents(root: Unit) -> dict[int, int | None]:
    """Return `root` and every unit below it as a map of id to parent id, one indexed query per level."""
    parents: dict[int, int | None] = {root.pk: root.parent_id}
    frontier = [root.pk]
    while frontier:
        rows = Unit.objects.filter(parent_id__in=frontier).values_list("pk", "parent_id")
        children = {pk: parent_id for pk, parent_id in rows if pk not in parents}
        parents.update(children)
        frontier = list(children)
    return parents


def subtree_ids(root: Unit) -> set[int]:
    """Return the ids of `root` and every unit below it, one indexed query per level."""
    return set(subtree_parents(root))


def _subtree_by_joins(root_id: int, depth: int) -> QuerySet:
    """Return the ids of `root_id` and the units up to `depth` levels below it: one join per level, no recursion."""
    condition, path = Q(pk=root_id), "parent"
    for _level in range(depth):
        condition |= Q(**{path: root_id})
        path += "__parent"
    return Unit.objects.filter(condition).values("pk")


class Scope:
    """The units one person may see or act for: their government (`root`) and every unit under it.

    An official, unit head or leader works in a commune and reads that commune; a
    supervisor at the city's Sở Nội vụ reads the city and every commune under it.
    The unit tree is read lazily, once, on the first question that needs it.
    """

    def __init__(self, root: Unit | None):
        self.root = root

    @classmethod
    def of(cls, user) -> "Scope":
        """Return the scope of `user`: empty for a person without a unit and a role."""
        return cls(government_of(user.unit) if has_workplace(user) else None)

    def __repr__(self):
        return f"<Scope root={self.root_id}>"

    @property
    def is_empty(self) -> bool:
        return self.root is None

    @property
    def root_id(self) -> int | None:
        return self.root.pk if self.root is not None else None

    # --- units ----------------------------------------------------------------------------------

    @cached_property
    def _parents(self) -> dict[int, int | None]:
        return subtree_parents(self.root) if self.root is not None else {}

    @property
    def unit_ids(self) -> frozenset[int]:
        """Return the ids of every unit in scope (read from the database on first use)."""
        return frozenset(self._parents)

    def contains(self, unit: Unit | None) -> bool:
        """Return whether `unit` lies in scope."""
        return unit is not None and unit.pk in self._parents

    def ids_under(self, unit: Unit | None) -> set[int]:
        """Return the ids of `unit` and the units below it, if `unit` lies in scope (else none)."""
        if not self.contains(unit):
            return set()
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in self._parents.items():
            children.setdefault(parent_id, []).append(pk)
        ids, frontier = {unit.pk}, [unit.pk]
        while frontier:
            frontier = [child for pk in frontier for child in children.get(pk, ()) if child not in ids]
            ids.update(frontier)
        return ids

    def _depth(self) -> int:
        """Return how many levels of units lie below the root (0 for a root without units under it)."""
        depth, frontier = 0, {self.root.pk}
        while True:
            frontier = {pk for pk, parent_id in self._parents.items() if parent_id in frontier and pk not in frontier}
            if not frontier:
                return depth
            depth += 1

    @cached_property
    def _join_subquery(self) -> QuerySet | None:
        """Return the level-by-level join subquery of the units in scope, or None when a unit lies deeper."""
        # When the tree is already read (a rule asked `contains`), its depth costs no query.
        tree_read = "_parents" in self.__dict__
        if self._depth() > SCOPE_JOIN_DEPTH if tree_read else self._too_deep_for_joins():
            return None
        return _subtree_by_joins(self.root.pk, depth=SCOPE_JOIN_DEPTH)

    def _too_deep_for_joins(self) -> bool:
        """Return whether a unit lies more than SCOPE_JOIN_DEPTH levels below the root, asked once per tree change.

        Every list page of a city asks it; the answer changes only with the unit tree, whose
        every change renews the generation in the key (danvan.generations.UNITS).
        """
        (version,) = generations.current(generations.UNITS)
        key = f"scope:too_deep:{self.root.pk}:{version}"
        too_deep = cache.get(key)
        if too_deep is None:
            lookup = "__".join(["parent"] * (SCOPE_JOIN_DEPTH + 1))
            too_deep = Unit.objects.filter(**{lookup: self.root.pk}).exists()
            cache.set(key, too_deep, TREE_SECONDS)
        return too_deep

    def condition(self, lookup: str) -> Q:
        """Return "`lookup` (a unit id) lies in scope" as a condition that is cheap to plan.

        A commune's scope is a dozen units: a literal list. A city's is thousands, which
        PostgreSQL takes longer to plan than to run, so it becomes a subquery joining the
        unit table level by level, used only when no unit lies deeper than it reaches.
        """
        if self.root is None:
            return Q(**{f"{lookup}__in": []})
        if self.root.kind == UnitKind.COMMUNE or self._join_subquery is None:
            return Q(**{f"{lookup}__in": self.unit_ids})
        return Q(**{f"{lookup}__in": self._join_subquery})

    def reaches(self, lookup: str) -> Q | None:
        """Return "the unit at `lookup` (a unit relation) is the root or lies under it", walking up its parents.

        Unlike `condition`, this reads no list of the units in scope: it looks up
        the unit's own parents (a primary-key search per level), so a database
        checking it row by row, in an EXISTS while walking an index in a list's
        order, pays a few lookups per row. None for a commune (use `condition`)
        or a tree deeper than SCOPE_JOIN_DEPTH.
        """
        if self.root is None or self.root.kind == UnitKind.COMMUNE or self._join_subquery is None:
            return None
        condition, path = Q(**{lookup: self.root.pk}), lookup
        for _level in range(SCOPE_JOIN_DEPTH):
            path = f"{path.removesuffix('_id')}__parent_id"
            condition |= Q(**{path: self.root.pk})
        return condition

    def units(self) -> QuerySet[Unit]:
        """Return the units in scope."""
        return Unit.objects.filter(self.condition("pk"))

    def units_under(self, unit: Unit | None) -> QuerySet[Unit]:
        """Return `unit` and the units below it, if `unit` lies in scope (else none)."""
        return Unit.objects.filter(pk__in=self.ids_under(unit))

    # --- governments ------------------------------------------------------------------------------
    # Campaigns and report cycles belong to governments, which sit at most two levels under
    # another (city -> district -> commune before 1/7/2025, city -> commune after): two joins
    # answer these questions without reading the whole tree of a city.

    def _government_tree(self) -> Q:
        root_id = self.root.pk
        return Q(pk=root_id) | Q(parent_id=root_id) | Q(parent__parent_id=root_id)

    def governments(self) -> QuerySet[Unit]:
        """Return the person's government and the governments under it."""
        if self.root is None:
            return Unit.objects.none()
        return Unit.objects.filter(self._government_tree(), kind__in=GOVERNMENT_KINDS)

    @cached_property
    def government_ids(self) -> list[int]:
        """Return the ids of `governments()`: a literal list, which PostgreSQL estimates well."""
        return list(self.governments().values_list("pk", flat=True))

    def government_condition(self, lookup: str) -> Q:
        """Return "`lookup` (a government's id) is a government in scope"."""
        if self.root is None:
            return Q(**{f"{lookup}__in": []})
        if self.root.kind == UnitKind.COMMUNE:
            # A commune has no government under it.
            return Q(**{lookup: self.root.pk})
        return Q(**{f"{lookup}__in": self.governments().values("pk")})

    def contains_government(self, unit: Unit | None) -> bool:
        """Return whether `unit` is the person's government or a government under it."""
        if self.root is None or unit is None or unit.kind not in GOVERNMENT_KINDS:
            return False
        if unit.pk == self.root.pk or unit.parent_id == self.root.pk:
            return True
        return unit.parent_id is not None and Unit.objects.filter(pk=unit.parent_id, parent_id=self.root.pk).exists()

    def governs(self, unit: Unit | None) -> bool:
        """Return whether the nearest government at or above `unit` is the person's own."""
        return self.root is not None and unit is not None and government_of(unit).pk == self.root.pk


EMPTY = Scope(None)


def scope_of(user) -> Scope:
    """Return the scope of `user` (computed once per request, on the user), empty without a workplace."""
    return user.scope if has_workplace(user) else EMPTY
