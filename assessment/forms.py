"""Input validation for assessment pages."""

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from assessment.services import ALLOWED_TYPES, MAX_FILE_BYTES
from qmr.forms import DateInput
from qmr.models import Appointment, User
from qmr.roles import ASSESS, ROLE_PERMISSIONS, VERIFY
from qmr.uploads import MB, check_upload
from registrations.models import Criterion, Learner


class AssignmentForm(forms.Form):
    title = forms.CharField(max_length=200)
    criteria = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple,
                                              label="Criteria it targets")
    hand_out_on = forms.DateField(widget=DateInput, label="Hand-out date")
    deadline = forms.DateField(widget=DateInput, label="Submission deadline")
    verify_brief_by = forms.DateField(widget=DateInput, label="Brief verified by")
    assessor = forms.ModelChoiceField(queryset=None)
    internal_verifier = forms.ModelChoiceField(queryset=None)
    scenario = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               label="Vocational scenario")
    tasks = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence_expected = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}),
                                        required=False, label="Evidence expected")

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = Criterion.objects.filter(
            unit__programme=programme, unit__externally_assessed=False).select_related("unit")
        self.fields["criteria"].label_from_instance = lambda c: f"Unit {c.unit.number} {c.code}"
        self.fields["assessor"].queryset = _holding(programme, ASSESS)
        self.fields["internal_verifier"].queryset = _holding(programme, VERIFY)


def _holding(programme: Any, perm: str) -> Any:
    """People whose appointment in force on the programme (or its subject area) grants perm:
    the choices; the service checks the permission itself."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]
    scopes = Q(scope_type=ContentType.objects.get_for_model(programme), scope_id=programme.pk) | Q(
        scope_type=ContentType.objects.get_for_model(programme.subject_area),
        scope_id=programme.subject_area_id)
    people = Appointment.objects.active().filter(scopes, role__in=roles).values("person_id")
    return User.objects.filter(pk__in=people).order_by("full_name")


class SubmitForm(forms.Form):
    files = forms.FileField(label="Your work", help_text="PDF, Word, PowerPoint, Excel, images, "
                            "audio, video or ZIP; at most 25 MB each.")
    declaration = forms.BooleanField(
        label="I declare that this work is my own, and that I have acknowledged every source "
              "and any help I had.",
        error_messages={"required": "Tick the declaration to say the work is your own."})
    ai_tools_used = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                    label="AI tools used, and how (if any)")

    def clean_files(self) -> Any:
        return check_upload(self.cleaned_data["files"], max_mb=MAX_FILE_BYTES // MB,
                            types=ALLOWED_TYPES,
                            described="PDF, Word, PowerPoint, Excel, images, audio, video "
                                      "or ZIP")


class ResubmissionDecisionForm(forms.Form):
    deadline = forms.DateField(widget=DateInput, required=False,
                               label="Resubmission deadline")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             label="Reason (when refusing)")


class ExtensionForm(forms.Form):
    learner = forms.ModelChoiceField(queryset=None)
    new_deadline = forms.DateField(widget=DateInput, label="New deadline")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, assignment: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = Learner.objects.filter(
            cohort__brief_issues__assignment=assignment).order_by("last_name", "first_name")
