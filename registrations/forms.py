"""Input validation for the registration pages."""

from django import forms

from qmr import uploads
from qmr.forms import DateInput
from qmr.uploads import check_upload
from registrations.models import IdentityDocument, RegistrationFlag

MAX_UPLOAD_MB = 5
CSV_HELP = "a .csv file (save the spreadsheet as 'CSV UTF-8')"


class CsvUploadForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="A .csv file, at most 5 MB.")

    def clean_file(self) -> str:
        upload = check_upload(self.cleaned_data["file"], max_mb=MAX_UPLOAD_MB,
                              types=uploads.CSV, described=CSV_HELP)
        return upload.read().decode("utf-8-sig")


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


class UnitForm(forms.Form):
    number = forms.CharField(max_length=10, label="Unit number")
    title = forms.CharField(max_length=200)
    guided_learning_hours = forms.IntegerField(min_value=1, max_value=1000, initial=60,
                                               label="Guided learning hours")
    mandatory = forms.BooleanField(required=False, initial=True)
    externally_assessed = forms.BooleanField(required=False)


class CriterionForm(forms.Form):
    code = forms.CharField(max_length=10, help_text="P1, M2, D1 ...")
    learning_aim = forms.CharField(max_length=5, required=False, help_text="For example A.")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Wording",
                           help_text="Exactly as in the specification.")


class EntryForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=None, label="Externally assessed unit")
    series = forms.CharField(max_length=30, help_text="For example May/June 2027.")

    def __init__(self, *args: object, learner: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = learner.programme.units.filter(externally_assessed=True)


class TransferForm(forms.Form):
    to_cohort = forms.ModelChoiceField(queryset=None, required=False,
                                       label="To a cohort at this centre")
    to_other_centre = forms.CharField(max_length=200, required=False,
                                      label="Or to another centre (name and number)")
    prior_learning = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                     label="Prior learning to recognise")

    def __init__(self, *args: object, learner: object, **kwargs: object) -> None:
        from registrations.models import Cohort

        super().__init__(*args, **kwargs)
        self.fields["to_cohort"].queryset = Cohort.objects.filter(
            programme__centre=learner.centre).exclude(pk=learner.cohort_id)


class DetailsForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    date_of_birth = forms.DateField(widget=DateInput)
    email = forms.EmailField(required=False, label="E-mail address")
    phone = forms.CharField(max_length=30, required=False)
    estimated_completion_on = forms.DateField(widget=DateInput, required=False,
                                              label="Expected to complete")
    support_needs = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                    label="Learning support needs")
    learning_plan = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False,
                                    label="Individual learning plan")
    corrects_error = forms.BooleanField(
        required=False, label="This corrects an error the learner reported",
        help_text="Recorded in the history with the change (a correction on request).")
