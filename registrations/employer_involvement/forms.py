from django import forms

from registrations.employer_involvement.models import EmployerActivity
from registrations.models import Learner, Unit

DATE = {"invalid": "Give the date as day, month and year.",
        "required": "Give the date of the activity."}


class ActivityForm(forms.ModelForm):
    class Meta:
        model = EmployerActivity
        fields = ["title", "employer", "held_on", "description", "units"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}),
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "units": forms.CheckboxSelectMultiple}
        error_messages = {"title": {"required": "Say what the activity is."},
                          "employer": {"required": "Name the employer."},
                          "held_on": DATE}

    def __init__(self, *args, programme=None, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = (Unit.objects.filter(programme=programme)
                                         if programme is not None else Unit.objects.none())


class ParticipationForm(forms.Form):
    learners = forms.ModelMultipleChoiceField(
        label="Learners", queryset=Learner.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one learner."})
    took_part = forms.TypedChoiceField(
        label="Did they take part?", coerce=lambda v: v == "yes",
        choices=[("yes", "They took part"), ("no", "They did not take part")],
        widget=forms.RadioSelect, initial="yes",
        error_messages={"required": "Say whether they took part."})
    notes = forms.CharField(label="Notes", required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="For example what they did, or why they missed it.")

    def __init__(self, *args, learners=None, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        if learners is not None:
            self.fields["learners"].queryset = learners


class VerifyForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was the activity meaningful?", choices=EmployerActivity.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the activity was meaningful."})
    notes = forms.CharField(label="Notes", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="What you looked at and what you found.")
