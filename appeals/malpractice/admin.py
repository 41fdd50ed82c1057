from django.contrib import admin
from django.utils import timezone

from appeals import retention
from appeals.malpractice.models import MalpracticeCase


@admin.register(MalpracticeCase)
class MalpracticeCaseAdmin(admin.ModelAdmin):
    """Read in the admin; changed only through the case's own steps, and deleted only once
    its retention date has passed."""

    list_display = ("pk", "centre", "kind", "category", "status", "closed_on", "retain_until")
    list_filter = ("status", "kind")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        until = retention.deletable_from(obj)
        return until is not None and timezone.localdate() >= until
