from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from qmr.policies.models import Policy, PolicyVersion


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "centre", "kind", "review_months", "current"]
    list_filter = ["kind", "centre"]
    readonly_fields = ["current"]


@admin.register(PolicyVersion)
class PolicyVersionAdmin(SimpleHistoryAdmin):
    """Read-only: versions change only through the library's steps."""

    list_display = ["policy", "number", "status", "approved_on", "next_review_on"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
