"""The admin shows the retention guard's refusal as a message, never a server error.

Deleting a record before its time raises `DomainError` from the guard (guard.py) inside the
admin's delete view or its "delete selected" action. `RetainedAdmin` turns that into the
message and leaves everything as it was. `cover(rule)` gives it to the admin of every guarded
model, including admins the apps wrote before this registry existed, and registers a
read-only admin for a listed record that has none, so a superuser can delete one whose time
has passed there too. It runs when the rule is registered, after the app's own admin."""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin import actions
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy

from qmr.errors import DomainError
from qmr.retention.models import DisposalList, DisposalRecord


@admin.action(permissions=["delete"],
              description=gettext_lazy("Delete selected %(verbose_name_plural)s"))
def delete_selected(modeladmin: Any, request: Any, queryset: Any) -> Any:
    """Django's own action, with the guard's refusal shown and nothing deleted."""
    try:
        with transaction.atomic():
            return actions.delete_selected(modeladmin, request, queryset)
    except DomainError as e:
        modeladmin.message_user(request, f"Nothing was deleted. {e}", messages.ERROR)
        return None


class RetainedAdmin:
    """Mixed into a ModelAdmin: a refused deletion comes back to the record with the
    reason. The delete view's own transaction has already been undone when it arrives."""

    def delete_view(self, request: Any, object_id: str, extra_context: Any = None) -> Any:
        try:
            return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]
        except DomainError as e:
            self.message_user(request, str(e), messages.ERROR)  # type: ignore[attr-defined]
            opts = self.model._meta  # type: ignore[attr-defined]
            return HttpResponseRedirect(reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[object_id]))


class RetainedRecordAdmin(RetainedAdmin, admin.ModelAdmin):
    """Read in the admin; changed only through the product's own steps."""

    actions = [delete_selected]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def cover(rule: Any) -> None:
    for model in rule.guarded:
        existing = admin.site._registry.get(model)
        if existing is None:
            if model is rule.model:
                admin.site.register(model, RetainedRecordAdmin)
            continue
        if isinstance(existing, RetainedAdmin):
            continue
        admin.site.unregister(model)
        cls = type(existing)
        admin.site.register(model, type(f"Retained{cls.__name__}", (RetainedAdmin, cls),
                                        {"actions": [*(cls.actions or []), delete_selected]}))


@admin.register(DisposalRecord)
class DisposalRecordAdmin(admin.ModelAdmin):
    """Who disposed of what, when: kept as it was written."""

    list_display = ("disposed_at", "centre", "kind", "reference", "disposed_by")
    list_filter = ("kind",)

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(DisposalList)
class DisposalListAdmin(admin.ModelAdmin):
    list_display = ("month", "centre", "items", "notified_at")

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
