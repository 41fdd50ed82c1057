from django.contrib import admin
from django.utils import timezone

from appeals import retention
from appeals.decisions.models import Appeal, AppealSettings


@admin.register(AppealSettings)
class AppealSettingsAdmin(admin.ModelAdmin):
    list_display = ("centre", "lodge_within_days", "assessor_days", "verifier_days",
                    "senior_days", "awarding_body_days")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """Read in the admin; changed only through the appeal's own steps, and deleted only once
    its retention date has passed."""

    list_display = ("learner", "centre", "status", "lodged_at", "closed_on", "retain_until")
    list_filter = ("status",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        until = retention.deletable_from(obj)
        return until is not None and timezone.localdate() >= until
