from typing import Any

from django import forms

from appeals.decisions.models import Outcome
from qmr.forms import DateInput


class LodgeForm(forms.Form):
    grounds = forms.CharField(
        label="Why do you think the decision is wrong?", widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say why the decision should change."},
        help_text="Name the criteria you think you met and where your work shows it.")


class StageDecisionForm(forms.Form):
    """The outcome and its reasons; when upheld, the corrected result per criterion."""

    outcome = forms.ChoiceField(
        choices=[("", "Choose the outcome"), *Outcome.choices],
        error_messages={"required": "Say whether the appeal is upheld or not."})
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reasons: the learner is told them."},
        help_text="The learner is told these with the outcome.")
    feedback = forms.CharField(
        label="Feedback for the corrected decision", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only if upheld. Leave empty to keep the assessor's feedback.")
    others_in_doubt = forms.BooleanField(
        required=False, label="This puts other learners' results on the assignment in doubt",
        help_text="Only if upheld. The same assessor's decisions for the other learners are "
                  "flagged for review and cannot be claimed until reviewed.")

    def __init__(self, *args: Any, results: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.results = results
        for r in results:
            self.fields[f"c{r.criterion_id}"] = forms.BooleanField(
                required=False, initial=r.achieved,
                label=f"{r.criterion.code} achieved (if upheld)")
        self.order_fields(["outcome", "reasons", *(f"c{r.criterion_id}" for r in results),
                           "feedback", "others_in_doubt"])

    def corrected_results(self) -> dict[int, tuple[bool, str]]:
        return {r.criterion_id: (self.cleaned_data[f"c{r.criterion_id}"], r.feedback)
                for r in self.results}


class SendForm(forms.Form):
    sent_on = forms.DateField(label="Sent to the awarding body on", widget=DateInput,
                              required=False, help_text="Leave empty for today.")
    reference = forms.CharField(label="The awarding body's reference", max_length=60,
                                required=False)


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label="What the review found", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the review found."},
        help_text="Correct the result first on the work's page if it was wrong.")


class ReviewForm(forms.Form):
    findings = forms.CharField(
        label="What the patterns show, and what will change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the patterns show and what will change."},
        help_text="For example: which units or assessors attract appeals, and why; stages that "
                  "ran late; training or briefs to change.")
