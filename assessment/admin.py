from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessment.models import AssessmentPolicy, GradingScheme, RetakeRule


@admin.register(AssessmentPolicy)
class AssessmentPolicyAdmin(SimpleHistoryAdmin):
    """The centre's resubmission window (10 term-time working days by default, up to 15 under
    the awarding body's later guidance) and whether AI tools are allowed."""

    list_display = ["centre", "resubmission_working_days", "ai_tools_allowed"]


@admin.register(RetakeRule)
class RetakeRuleAdmin(SimpleHistoryAdmin):
    list_display = ["programme", "allowed", "max_band"]


@admin.register(GradingScheme)
class GradingSchemeAdmin(SimpleHistoryAdmin):
    """Unit points and overall thresholds per specification: the awarding body changes them."""

    list_display = ["programme", "minimum_points"]
