"""The layout rules of the README that code review alone would let slip: which module may import which."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ("danvan", "units", "plans", "models_registry", "reports")


def app_modules():
    """Yield the path of every Python module of the apps, migrations left out."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def imported_modules(tree: ast.AST):
    """Yield the dotted name of every module an AST imports, at the top or inside a function."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_service_imports_a_form_module():
    """Given every services.py and services/ module, then none imports a forms module: a helper both need lives
    outside forms (e.g. plans/progress.py), so a script or the API can call a service without the form layer."""
    offenders = []
    for path in app_modules():
        relative = path.relative_to(ROOT)
        if relative.name != "services.py" and "services" not in relative.parts[:-1]:
            continue
        names = imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{relative}: {name}" for name in names if name.split(".")[-1] == "forms"]
    assert offenders == []


def test_models_name_the_user_model_through_the_setting():
    """Given the apps' code, then no relation names the user model by its literal label: it goes through
    settings.AUTH_USER_MODEL, which the settings module alone spells out."""
    label = settings.AUTH_USER_MODEL
    offenders = []
    for path in app_modules():
        if path == ROOT / "danvan" / "settings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offenders += [
            f"{path.relative_to(ROOT)}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.lower() == label.lower()
        ]
    assert offenders == []
