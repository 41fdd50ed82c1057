from django import forms

from qmr.models import User
from registrations.programme_review.models import ProgrammeReview


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ProgrammeReview
        fields = list(ProgrammeReview.SECTIONS)
        widgets = {f: forms.Textarea(attrs={"rows": 5}) for f in ProgrammeReview.SECTIONS}


class ReviewActionForm(forms.Form):
    description = forms.CharField(label="What has to be done", widget=forms.Textarea(
        attrs={"rows": 3}))
    owner = forms.ModelChoiceField(label="Who owns it", queryset=User.objects.none(),
                                   error_messages={"required": "Choose who owns the action."})
    due_on = forms.DateField(label="Due by", widget=forms.DateInput(attrs={"type": "date"}),
                             error_messages={"invalid": "Give the date as day, month and year."})

    def __init__(self, *args, staff=None, **kwargs) -> None:  # noqa: ANN001
        super().__init__(*args, **kwargs)
        if staff is not None:
            self.fields["owner"].queryset = staff
