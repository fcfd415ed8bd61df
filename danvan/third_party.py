"""Let the Vietnamese catalogue reach the labels of third-party apps shown in the admin.

django-otp writes its model names, field help and admin headings as plain English
strings, and no app of django-otp or django-axes names itself, so the admin showed
"TOTP devices", "Otp_Totp" or "Identity" whatever the language. Here each such
string becomes a lazy translation of itself: the English text stays the message id
(context "third-party"), `locale/vi/LC_MESSAGES/django.po` holds the Vietnamese.

The names of the default permissions ("Can add access attempt"), which Django writes
into the database in English, are rewritten in Vietnamese after each migrate.

Only the live labels change. A field's `verbose_name` is read from `_verbose_name`
for migrations, and a lazy help text equals its English text while makemigrations
runs untranslated, so the apps' migrations see no change.
"""

from django.apps import apps
from django.contrib import admin
from django.db.models.signals import post_migrate
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import override, pgettext, pgettext_lazy

# The catalogue's context for these labels: short English words ("name", "key", "State")
# translated here must not change the same words elsewhere.
CONTEXT = "third-party"

# App label -> its name in the admin (message ids, translated in the catalogue).
APP_NAMES = {
    "axes": "Login attempts",
    "otp_totp": "Authenticator apps",
    "otp_static": "Backup codes",
}
# Django's default permissions, by codename prefix -> the verb of their Vietnamese name.
PERMISSION_VERBS = {"add": "Thêm", "change": "Sửa", "delete": "Xóa", "view": "Xem"}
# Models whose names, field names and help texts are plain strings.
PLAIN_MODELS = ["otp_totp.TOTPDevice", "otp_static.StaticDevice", "otp_static.StaticToken"]


def lazy(text):
    """Return `text` as a lazy translation of itself; leave empty or already lazy texts alone."""
    if not text or isinstance(text, Promise):
        return text
    return pgettext_lazy(CONTEXT, str(text))


def translate_fieldsets(get_fieldsets):
    """Wrap a ModelAdmin's get_fieldsets so its headings ("Identity", "Timestamps") are translated."""

    def get_translated_fieldsets(request, obj=None):
        return [(pgettext(CONTEXT, name) if name else name, options) for name, options in get_fieldsets(request, obj)]

    return get_translated_fieldsets


def translate_qrcode_link(qrcode_link):
    """Wrap django-otp's QR code column, whose link text is the literal "qrcode"."""

    def translated(model_admin, device):
        link = qrcode_link(model_admin, device)
        return mark_safe(link.replace(">qrcode<", f">{escape(pgettext(CONTEXT, 'QR code'))}<")) if link else link

    translated.short_description = pgettext_lazy(CONTEXT, "QR Code")
    return translated


def label_third_party_apps() -> None:
    """Make the admin labels of django-axes and django-otp translatable."""
    for label, name in APP_NAMES.items():
        if label in apps.app_configs:
            apps.get_app_config(label).verbose_name = pgettext_lazy(CONTEXT, name)
    for dotted in PLAIN_MODELS:
        model = apps.get_model(dotted)
        meta = model._meta
        if "verbose_name_plural" not in meta.original_attrs:  # Django's default, a lazy "{verbose_name}s"
            meta.verbose_name_plural = f"{meta.verbose_name}s"
        meta.verbose_name = lazy(meta.verbose_name)
        meta.verbose_name_plural = lazy(meta.verbose_name_plural)
        for field in meta.get_fields():
            if getattr(field, "concrete", False):
                field.verbose_name = lazy(field.verbose_name)
                field.help_text = lazy(field.help_text)
        model_admin = admin.site._registry.get(model)
        if model_admin is None:
            continue
        model_admin.get_fieldsets = translate_fieldsets(model_admin.get_fieldsets)
        if model_admin.search_help_text:
            model_admin.search_help_text = pgettext_lazy(CONTEXT, "Search by the user's username or email.")
        admin_class = type(model_admin)
        if "qrcode_link" in vars(admin_class):
            admin_class.qrcode_link = translate_qrcode_link(admin_class.qrcode_link)


def name_permissions(sender, using="default", **kwargs) -> None:
    """Name the default permissions of the migrated app's models in Vietnamese: "Thêm kế hoạch", "Xem nhóm"."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    models = {model._meta.model_name: model for model in sender.get_models()}
    if not models:
        return
    permissions = Permission.objects.using(using).filter(
        content_type__in=ContentType.objects.db_manager(using)
        .get_for_models(*models.values(), for_concrete_models=False)
        .values()
    )
    changed = []
    with override("vi"):
        for permission in permissions.select_related("content_type"):
            verb, _, model_name = permission.codename.partition("_")
            model = models.get(model_name)
            if verb not in PERMISSION_VERBS or model is None or model_name != permission.content_type.model:
                continue
            name = f"{PERMISSION_VERBS[verb]} {model._meta.verbose_name}"[:255]
            if permission.name != name:
                permission.name = name
                changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])


def setup() -> None:
    """Translate the third-party labels now, and the permission names after every migrate."""
    label_third_party_apps()
    post_migrate.connect(name_permissions, dispatch_uid="danvan.third_party.name_permissions")
