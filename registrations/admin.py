from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from registrations.models import AwardingBodyYear, Criterion, Programme, Unit


@admin.register(AwardingBodyYear)
class AwardingBodyYearAdmin(SimpleHistoryAdmin):
    """The awarding body's dates change every year: an administrator keeps them here."""

    list_display = ["academic_year", "registration_cutoff", "centre_registration_deadline",
                    "deletions_by", "results_by"]


for model in (Programme, Unit, Criterion):
    admin.site.register(model, SimpleHistoryAdmin)
