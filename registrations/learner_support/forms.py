from django import forms

from registrations.learner_support.models import InductionItem

DATE = {"widget": forms.DateInput(attrs={"type": "date"}),
        "error_messages": {"invalid": "Give the date as day, month and year.",
                           "required": "Give the date."}}


class InductionForm(forms.Form):
    covered = forms.MultipleChoiceField(
        label="What the induction covered", choices=InductionItem.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing the induction covered."})
    held_on = forms.DateField(label="Date of the induction", **DATE)


class LearningPlanForm(forms.Form):
    targets = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Write the learner's targets."})
    support = forms.CharField(label="Support agreed", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="Any additional support, and who provides it.")
    agreed_on = forms.DateField(label="Agreed on", **DATE)


class TutorialReviewForm(forms.Form):
    held_on = forms.DateField(label="Date of the review", **DATE)
    progress = forms.CharField(label="How the learner is getting on",
                               widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": "Say how the learner is getting on."})
    targets = forms.CharField(label="Targets agreed", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Write the targets agreed."})
