"""Input for the staff record pages. Rules live in the services; forms only read input."""

from typing import Any

from django import forms

from qmr.forms import DateInput
from qmr.meetings.forms import MAX_FILE_MB, check_size
from qmr.staff.models import INDUCTION_ITEMS, QualificationKind, TrainingKind

DATE_ERRORS = {"invalid": "Give the date as day, month and year, for example 30/01/2027."}
FILE_HELP = f"A document or photo, at most {MAX_FILE_MB} MB."


class _Files(forms.Form):
    def clean(self) -> dict:
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField) and data.get(name):
                try:
                    check_size(data[name])
                except forms.ValidationError as e:
                    self.add_error(name, e)
        return data


class JobDescriptionForm(_Files):
    text = forms.CharField(label="Job description", required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    file = forms.FileField(label="Or attach it", required=False, help_text=FILE_HELP)


class QualificationForm(_Files):
    kind = forms.ChoiceField(choices=QualificationKind.choices, label="Kind")
    title = forms.CharField(max_length=200, required=False,
                            help_text="For example 'Level 4 Award in the Internal Quality "
                            "Assurance of Assessment'.")
    awarded_on = forms.DateField(label="Awarded on", widget=DateInput(), required=False,
                                 error_messages=DATE_ERRORS)
    evidence = forms.FileField(label="Certificate", required=False, help_text=FILE_HELP)


class InductionForm(forms.Form):
    inducted_on = forms.DateField(label="Date of induction", widget=DateInput(),
                                  required=False, error_messages=DATE_ERRORS)
    covered = forms.MultipleChoiceField(label="What it covered", required=False,
                                        choices=list(INDUCTION_ITEMS.items()),
                                        widget=forms.CheckboxSelectMultiple)
    completed_by = forms.ModelChoiceField(queryset=None, label="Given by", required=False,
                                          empty_label="Choose a person")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["completed_by"].queryset = people


class TrainingForm(_Files):
    kind = forms.ChoiceField(choices=TrainingKind.choices, label="Kind",
                             widget=forms.RadioSelect, initial=TrainingKind.CPD)
    title = forms.CharField(label="What", max_length=200, required=False,
                            help_text="For example 'Awarding body update on the new "
                            "specification'.")
    held_on = forms.DateField(label="When", widget=DateInput(), required=False,
                              error_messages=DATE_ERRORS)
    hours = forms.DecimalField(label="Hours", max_digits=5, decimal_places=1, required=False,
                               min_value=0, error_messages={
                                   "invalid": "Give the hours as a number, for example 1.5."})
    evidence = forms.FileField(label="Evidence", required=False, help_text=FILE_HELP)
