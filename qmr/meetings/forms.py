"""Input for the meetings pages. Rules live in the services; forms only read input."""

from typing import Any

from django import forms

from qmr.forms import DateInput

MAX_FILE_MB = 20


def check_size(file: Any) -> Any:
    if file and file.size > MAX_FILE_MB * 1024 * 1024:
        raise forms.ValidationError(f"The file is larger than {MAX_FILE_MB} MB: attach a "
                                    f"smaller one, or say where the evidence is kept.")
    return file


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
