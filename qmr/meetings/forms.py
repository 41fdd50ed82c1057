"""Input for the meetings pages. Rules live in the services; forms only read input."""

from typing import Any

from django import forms

from qmr.forms import DateInput
from qmr.uploads import check_document

MAX_FILE_MB = 20


def check_size(file: Any) -> Any:
    """A record's evidence file: a document or photo of at most MAX_FILE_MB."""
    return file and check_document(file, MAX_FILE_MB)


class CloseActionForm(forms.Form):
    evidence = forms.CharField(
        label="What shows it was done", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example where the new document is kept, or what changed and when.")
    file = forms.FileField(label="Evidence file", required=False,
                           help_text=f"A document or photo, at most {MAX_FILE_MB} MB.")

    def clean_file(self) -> Any:
        return check_size(self.cleaned_data.get("file"))


class ActionForm(forms.Form):
    description = forms.CharField(label="What has to be done", required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(queryset=None, label="Who will do it", required=False,
                                   empty_label="Choose a person")
    due_on = forms.DateField(label="Due by", widget=DateInput(), required=False,
                             error_messages={"invalid": "Give the date as day, month and "
                                             "year, for example 30/01/2027."})

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class TeamForm(forms.Form):
    name = forms.CharField(max_length=150, required=False,
                           help_text="For example 'Sport programme team' or 'Quality committee'.")
    kind = forms.ChoiceField(label="Kind of team", choices=())
    members = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    chair = forms.ModelChoiceField(queryset=None, required=False, empty_label="No chair",
                                   help_text="The chair is always one of the members.")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        from qmr.meetings.models import TeamKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = TeamKind.choices
        self.fields["members"].queryset = people
        self.fields["chair"].queryset = people


class MeetingForm(forms.Form):
    held_on = forms.DateField(label="Date held", widget=DateInput(), required=False,
                              error_messages={"invalid": "Give the date as day, month and "
                                              "year, for example 30/01/2027."})
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False,
                             help_text="One item a line: for example learner progress, "
                             "standards verification, quality issues.")
    present = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                             widget=forms.CheckboxSelectMultiple)
    apologies = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                               label="Sent apologies",
                                               widget=forms.CheckboxSelectMultiple)
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    decisions = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                help_text="What the meeting decided. Set actions on the "
                                "meeting's page once it is recorded.")

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = people
        self.fields["apologies"].queryset = people
