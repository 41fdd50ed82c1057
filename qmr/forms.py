"""Input validation for the core's pages. Rules live in services; forms only read input."""

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.db.models import Model

from qmr import permissions
from qmr.models import Centre, Nation
from qmr.roles import Role


def describe_errors(form: forms.Form) -> str:
    """A form's errors in one sentence, for a message after a redirect."""
    return "; ".join(f"{form.fields[name].label or name}: {' '.join(errors)}"
                     if name in form.fields else " ".join(errors)
                     for name, errors in form.errors.items())


class DateInput(forms.DateInput):
    """A browser date picker. Its value must be ISO (YYYY-MM-DD) whatever the language, or a
    pre-filled date would show blank."""

    input_type = "date"

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:  # noqa: A002
        super().__init__(attrs, format=format or "%Y-%m-%d")


class CentreDetailsForm(forms.Form):
    name = forms.CharField(max_length=200)
    nation = forms.ChoiceField(choices=Nation.choices,
                               help_text="Bank holidays of this nation are not working days.")
    international_approval = forms.BooleanField(required=False,
                                                label="Approved to deliver outside the UK")


class CertificationBlockForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}),
                             help_text="As the awarding body gave it.")
    set_on = forms.DateField(widget=DateInput, label="Day the awarding body applied it")


class SiteForm(forms.Form):
    name = forms.CharField(max_length=150, label="Site name")
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AcademicYearForm(forms.Form):
    name = forms.CharField(max_length=20, label="Year", help_text="For example 2026/27.")
    starts_on = forms.DateField(widget=DateInput, label="First day")
    ends_on = forms.DateField(widget=DateInput, label="Last day")


class TermForm(forms.Form):
    name = forms.CharField(max_length=50, label="Term name", help_text="For example Autumn 1.")
    starts_on = forms.DateField(widget=DateInput, label="First day")
    ends_on = forms.DateField(widget=DateInput, label="Last day")


class PersonForm(forms.Form):
    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(label="E-mail address")
    job_title = forms.CharField(max_length=150, required=False)


def scope_choices(centre: Centre) -> list[tuple[str, str]]:
    """Every object of this centre a role can be held on, as "kind:pk" choices."""
    choices = [(f"centre:{centre.pk}", f"The whole centre — {centre.name}")]
    for model, kind in permissions.scope_kinds().items():
        if model is Centre:
            continue
        for obj in model._default_manager.filter(centre=centre):
            choices.append((f"{kind}:{obj.pk}", f"{kind.replace('_', ' ').capitalize()} — {obj}"))
    return choices


class AppointForm(forms.Form):
    full_name = forms.CharField(max_length=150, label="Full name")
    email = forms.EmailField(label="E-mail address",
                             help_text="They log in with this address. An existing person is "
                             "found by it.")
    role = forms.ChoiceField(choices=[("", "Choose a role")] + Role.choices)
    scope = forms.ChoiceField(label="Held for",
                              help_text="The whole centre, one subject area or one programme.")
    starts_on = forms.DateField(widget=DateInput, label="First day", required=False)
    last_day = forms.DateField(widget=DateInput, label="Last day", required=False,
                               help_text="Required for external reviewers and standards "
                               "verifiers: access stops after this day.")

    def __init__(self, *args: Any, centre: Centre, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.centre = centre
        self.fields["scope"].choices = scope_choices(centre)

    def clean_scope(self) -> Model:
        kind, _, pk = self.cleaned_data["scope"].partition(":")
        models = {k: m for m, k in permissions.scope_kinds().items()}
        obj = models[kind]._default_manager.filter(pk=pk).first()
        if obj is None:
            raise forms.ValidationError("Choose what the role is held for.")
        return obj


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form, with labels in the product's words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password2"].label = "Confirm new password"


class LastDayForm(forms.Form):
    last_day = forms.DateField(widget=DateInput, label="New last day")


class EndAppointmentForm(forms.Form):
    reason = forms.CharField(max_length=300, required=False, label="Reason (optional)")
