"""Input for the policy library's pages. Rules live in the services; forms only read input."""

from typing import Any

from django import forms

from qmr.forms import DateInput
from qmr.models import Appointment, User
from qmr.roles import EXTERNAL_ROLES, Role


class DraftForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={
        "required": "Give the policy a title."})
    body = forms.CharField(
        label="Text of the policy", widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": "Write the policy's text."},
        help_text="Plain text with Markdown: a line starting ## is a heading, - a bullet "
                  "point, **words** bold; tables with | between columns.")
    change_summary = forms.CharField(
        label="What changed in this version", widget=forms.Textarea(attrs={"rows": 3}),
        required=False, help_text="Staff read this first when they are asked to read it.")
    audience = forms.MultipleChoiceField(
        label="Who must read it", widget=forms.CheckboxSelectMultiple,
        choices=[(r.value, r.label) for r in Role if r not in EXTERNAL_ROLES],
        error_messages={"required": "Tick at least one role that must read this policy."},
        help_text="Everyone holding one of these roles at the centre is asked to confirm "
                  "they have read the approved version.")
    author = forms.ModelChoiceField(
        label="Written by", queryset=User.objects.none(),
        error_messages={"required": "Choose who wrote this version."},
        help_text="The author may edit this draft and send it for sign-off.")
    approving_committee = forms.CharField(
        max_length=150, required=False, label="Committee that approves it",
        help_text="For example: the senior leadership team, or the governors' curriculum "
                  "committee.")
    review_months = forms.IntegerField(
        label="Review every (months)", min_value=1, max_value=36, error_messages={
            "min_value": "Review at least once every 36 months and at most every month.",
            "max_value": "Review at least once every 36 months and at most every month."})
    next_review_on = forms.DateField(
        label="Next review", required=False, widget=DateInput,
        help_text="Leave empty to review it the number of months above after approval.")
    chair_signs = forms.BooleanField(
        required=False, label="The chair of governors also signs this policy")

    def __init__(self, *args: Any, centre: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = Appointment.objects.active().filter(centre=centre).exclude(
            role__in=[Role.LEARNER, *EXTERNAL_ROLES])
        self.fields["author"].queryset = User.objects.filter(
            pk__in=staff.values("person_id")).order_by("full_name")

    @classmethod
    def initial_for(cls, version: Any) -> dict:
        policy = version.policy
        return {"title": policy.title, "body": version.body,
                "change_summary": version.change_summary, "audience": version.audience,
                "author": version.author_id, "approving_committee": version.approving_committee,
                "review_months": policy.review_months, "next_review_on": version.next_review_on,
                "chair_signs": policy.chair_signs}


class ApproveForm(forms.Form):
    approved_on = forms.DateField(
        label="Approved on", widget=DateInput, required=False,
        help_text="The day the policy was approved. Leave empty for today.")
    chair_name = forms.CharField(max_length=150, required=False,
                                 label="Chair of governors' name")
    chair_signed_on = forms.DateField(label="Date the chair signed", required=False,
                                      widget=DateInput)

    def __init__(self, *args: Any, chair_signs: bool = True, **kwargs: Any) -> None:
        """The chair's fields only for a policy the chair of governors signs too."""
        super().__init__(*args, **kwargs)
        if not chair_signs:
            del self.fields["chair_name"], self.fields["chair_signed_on"]
