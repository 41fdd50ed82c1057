"""Input validation for the registration pages."""

from django import forms

from qmr.forms import DateInput
from registrations.models import IdentityDocument, RegistrationFlag

MAX_UPLOAD = 5 * 1024 * 1024


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="A .csv file, at most 5 MB.")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 5 MB.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Choose a .csv file (save the spreadsheet as CSV).")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file is not readable text: save it as 'CSV UTF-8'.") from None


class EnrolForm(forms.Form):
    centre_ref = forms.CharField(max_length=30, label="Centre's learner reference")
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    date_of_birth = forms.DateField(widget=DateInput)
    enrolled_on = forms.DateField(widget=DateInput, label="Admitted on")
    email = forms.EmailField(required=False, label="E-mail address")
    identity_document = forms.ChoiceField(
        choices=[("", "Not checked yet")] + IdentityDocument.choices, required=False,
        label="Identity checked with", help_text="You are recorded as the person who checked.")


class ChangesForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What needs changing",
                           required=False)


class WithdrawalForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    last_day = forms.DateField(widget=DateInput, label="Last day on the programme")


class FlagForm(forms.Form):
    kind = forms.ChoiceField(choices=RegistrationFlag.Kind.choices, label="The registration is")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}),
                                  label="What is wrong")
