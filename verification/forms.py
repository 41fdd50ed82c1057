"""Input for verification pages. The rules (a "no" needs a comment, a brief with a failed check
is not fit...) live in the services; forms only read what was entered."""

from datetime import date
from typing import Any

from django import forms

from qmr.forms import DateInput
from verification.briefs import Item
from verification.models import BriefCheck, BriefVerification

YES_NO = [("yes", "Yes"), ("no", "No")]
ACTION_ROWS = 3  # blank rows for actions on the brief form; more can be set by re-checking


class BriefChecklistForm(forms.Form):
    """The awarding body's checklist for a brief: each question answered Yes or No with a
    comment, the outcome, comments to the assessor and actions with target dates."""

    outcome = forms.ChoiceField(
        choices=BriefVerification.Outcome.choices, widget=forms.RadioSelect,
        label="Is the brief fit for purpose?",
        error_messages={"required": "Say whether the brief is fit for purpose."})
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                               label="Comments to the assessor")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in Item:
            self.fields[f"answer_{item}"] = forms.ChoiceField(
                choices=YES_NO, widget=forms.RadioSelect, label=item.label,
                error_messages={"required": "Answer Yes or No."})
            self.fields[f"comment_{item}"] = forms.CharField(
                required=False, label=f"Comment on “{item.label}”",
                widget=forms.Textarea(attrs={"rows": 2}))
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                required=False, label=f"Action {n}", widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"action_{n}_due"] = forms.DateField(
                required=False, label=f"Target date for action {n}", widget=DateInput)

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, bool]]:
        """Each checklist row: question, its answer and comment fields, whether it is a fact."""
        return [(item.label, self[f"answer_{item}"], self[f"comment_{item}"],
                 item in BriefCheck.FACTS) for item in Item]

    def action_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"action_{n}"], self[f"action_{n}_due"])
                for n in range(1, ACTION_ROWS + 1)]

    def clean(self) -> dict:
        data = super().clean()
        for n in range(1, ACTION_ROWS + 1):
            text, due = data.get(f"action_{n}", "").strip(), data.get(f"action_{n}_due")
            if text and due is None and f"action_{n}_due" not in self.errors:
                self.add_error(f"action_{n}_due", "Give the date it must be done by.")
            if due and not text:
                self.add_error(f"action_{n}", "Say what must be done, or clear its date.")
        return data

    def answers(self) -> dict[str, tuple[bool, str]]:
        return {item: (self.cleaned_data[f"answer_{item}"] == "yes",
                       self.cleaned_data[f"comment_{item}"]) for item in Item}

    def actions(self) -> list[tuple[str, date]]:
        return [(self.cleaned_data[f"action_{n}"], self.cleaned_data[f"action_{n}_due"])
                for n in range(1, ACTION_ROWS + 1) if self.cleaned_data[f"action_{n}"].strip()]


class CompleteActionForm(forms.Form):
    completed_on = forms.DateField(widget=DateInput, label="Done on",
                                   error_messages={"required": "Give the day it was done."})
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                           label="What was done")
