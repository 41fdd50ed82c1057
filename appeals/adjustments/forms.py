from typing import Any

from django import forms

from appeals.adjustments.models import AdjustmentKind, ConsiderationKind
from assessment.models import Assignment
from qmr.forms import DateInput
from qmr.uploads import check_upload
from registrations.models import Learner

CONSIDERATION_TYPES = frozenset({"pdf", "jpg", "jpeg", "png"})


class _ForProgramme(forms.Form):
    learner = forms.ModelChoiceField(queryset=Learner.objects.none(),
                                     error_messages={"required": "Choose the learner."})
    assignment = forms.ModelChoiceField(queryset=Assignment.objects.none(),
                                        label="Assessment",
                                        error_messages={"required": "Choose the assessment."})

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = Learner.objects.filter(programme=programme).order_by(
            "last_name", "first_name")
        self.fields["assignment"].queryset = Assignment.objects.filter(
            plan__programme=programme).order_by("deadline")


class AdjustmentForm(_ForProgramme):
    kind = forms.ChoiceField(label="Adjustment", choices=AdjustmentKind.choices)
    details = forms.CharField(label="What exactly", max_length=500,
                              help_text="For example: 25% extra time; a reader for the brief.",
                              error_messages={"required": "Say exactly what the adjustment is."})
    evidence = forms.CharField(
        label="Evidence of need", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What shows the need, and that it is the learner's usual way of working.",
        error_messages={"required": "Say what shows the need for it."})


class ConsiderationForm(_ForProgramme):
    kind = forms.ChoiceField(label="What happened", choices=ConsiderationKind.choices)
    assessed_on = forms.DateField(label="Day of the assessment", widget=DateInput,
                                  error_messages={"required": "Give the day of the assessment."})
    circumstances = forms.CharField(
        label="Circumstances", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happened and how it affected the learner's work.",
        error_messages={"required": "Describe what happened."})
    evidence = forms.FileField(label="Evidence", required=False,
                               help_text="A doctor's note or a letter, for example (PDF, "
                                         "JPEG or PNG, 25 MB at most).")

    def clean_evidence(self) -> Any:
        file = self.cleaned_data.get("evidence")
        return file and check_upload(file, max_mb=25, types=CONSIDERATION_TYPES,
                                     described="a PDF, JPEG or PNG file")


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("", "Choose"), ("authorise", "Authorise"),
                                          ("refuse", "Refuse")],
                                 error_messages={"required": "Authorise or refuse it."})
    reasons = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Give the reasons."})


class DateForm(forms.Form):
    on = forms.DateField(label="On", widget=DateInput, required=False,
                         help_text="Leave empty for today.")
