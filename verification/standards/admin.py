"""The sample-size table is the awarding body's and changes: an administrator keeps it here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from verification.standards.models import SampleSize


@admin.register(SampleSize)
class SampleSizeAdmin(SimpleHistoryAdmin):
    list_display = ["control_level", "cohort_from", "learners", "units"]
