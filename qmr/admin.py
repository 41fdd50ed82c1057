from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from qmr.audit import AuditEvent
from qmr.models import (
    AcademicYear,
    Appointment,
    Centre,
    CertificationBlock,
    CollaborativeArrangement,
    Site,
    SubjectArea,
    Term,
    User,
)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active", "is_staff"]
    search_fields = ["full_name", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "job_title"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]


for model in (Centre, Site, AcademicYear, Term, SubjectArea, CollaborativeArrangement):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    """Read-only: appointments change only through the services, which keep grants in step."""

    list_display = ["person", "role", "centre", "starts_on", "ends_at"]
    list_filter = ["role", "centre"]

    def has_add_permission(self, request):  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "code", "actor", "summary"]
    list_filter = ["code"]

    def has_add_permission(self, request):  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001
        return False


@admin.register(CertificationBlock)
class CertificationBlockAdmin(SimpleHistoryAdmin):
    """Read-only: blocks are set and released through `qmr.blocks`, which records who and when."""

    list_display = ["centre", "set_on", "released_on", "reason"]
    list_filter = ["centre"]

    def has_add_permission(self, request):  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None):  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None):  # noqa: ANN001
        return False
