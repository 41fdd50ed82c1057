from typing import Any

from django import forms

from appeals.malpractice import selectors
from appeals.malpractice.models import (
    LEARNER_CATEGORIES,
    LEARNER_SANCTIONS,
    STAFF_CATEGORIES,
    STAFF_SANCTIONS,
    Category,
    Finding,
    Kind,
    MalpracticeCase,
    Sanction,
)
from qmr.forms import DateInput
from qmr.uploads import check_document
from registrations.models import Learner, Programme, Unit

TEXT = {"rows": 3}


class RaiseForm(forms.Form):
    learner = forms.ModelChoiceField(
        Learner.objects.none(), required=False, label="Against a learner",
        help_text="Choose a learner, or a member of staff below: one, not both.")
    staff_member = forms.ModelChoiceField(
        None, required=False, label="Against a member of staff")
    programme = forms.ModelChoiceField(
        Programme.objects.none(), required=False, label="Programme",
        help_text="For a learner, their programme if left empty. Leave empty for a centre-wide "
                  "staff case.")
    unit = forms.ModelChoiceField(Unit.objects.none(), required=False, label="Unit")
    category = forms.ChoiceField(
        label="What kind of malpractice is alleged",
        choices=[("", "Choose"),
                 (Kind.LEARNER.label, [(c.value, c.label) for c in Category
                                       if c in LEARNER_CATEGORIES]),
                 (Kind.STAFF.label, [(c.value, c.label) for c in Category
                                     if c in STAFF_CATEGORIES])],
        error_messages={"required": "Choose the kind of malpractice alleged."})
    allegation = forms.CharField(
        label="What is alleged", widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what is alleged."})
    how_discovered = forms.CharField(label="How it came to light", required=False,
                                     widget=forms.Textarea(attrs=TEXT))
    witnesses = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXT))
    candidates_informed = forms.CharField(
        label="How learners were told the rules", required=False,
        widget=forms.Textarea(attrs=TEXT))
    effect_on_candidates = forms.CharField(
        label="Whether learners were advantaged or disadvantaged (staff cases)",
        required=False, widget=forms.Textarea(attrs=TEXT))
    investigation_plan = forms.CharField(label="The planned investigation", required=False,
                                         widget=forms.Textarea(attrs=TEXT))
    declaration_signed = forms.BooleanField(
        required=False, label="The learner signed a declaration that the work is their own")

    def __init__(self, *args: Any, centre: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["learner"].queryset = Learner.objects.filter(centre=centre).order_by(
            "last_name", "first_name")
        self.fields["staff_member"].queryset = selectors.staff_choices(centre)
        programmes = Programme.objects.filter(centre=centre).order_by("title")
        self.fields["programme"].queryset = programmes
        self.fields["unit"].queryset = Unit.objects.filter(programme__centre=centre) \
            .select_related("programme").order_by("programme__title", "number")


class InvestigatorForm(forms.Form):
    investigator = forms.ModelChoiceField(
        None, label="Investigator", error_messages={"required": "Choose the investigator."},
        help_text="For a case against a member of staff, someone with no part in their "
                  "programme team or subject area.")

    def __init__(self, *args: Any, case: MalpracticeCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = selectors.investigator_choices(case)


class StaffForm(forms.Form):
    staff_member = forms.ModelChoiceField(
        None, label="The member of staff the case is against",
        error_messages={"required": "Choose the member of staff."})

    def __init__(self, *args: Any, case: MalpracticeCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = selectors.staff_choices(case.centre)


class ToldForm(forms.Form):
    told_on = forms.DateField(label="Told on", widget=DateInput, required=False,
                              help_text="Leave empty for today.")

    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class ResponseForm(forms.Form):
    response = forms.CharField(label="What the person said", widget=forms.Textarea(attrs=TEXT),
                               error_messages={"required": "Write down their response."})
    response_on = forms.DateField(label="Responded on", widget=DateInput, required=False,
                                  help_text="Leave empty for today.")

    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="File", error_messages={"required": "Choose the file."})
    name = forms.CharField(label="Name", max_length=200, required=False,
                           help_text="Leave empty to use the file's name.")

    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean_file(self) -> Any:
        return check_document(self.cleaned_data["file"])


class FindingForm(forms.Form):
    finding = forms.ChoiceField(choices=[("", "Choose"), *Finding.choices], label="Finding",
                                error_messages={"required": "Say whether it is proven."})
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea(attrs=TEXT),
                              error_messages={"required": "Give the reasons."})

    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class SanctionForm(forms.Form):
    sanction = forms.ChoiceField(label="Sanction",
                                 error_messages={"required": "Choose the sanction."})

    def __init__(self, *args: Any, case: MalpracticeCase, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = LEARNER_SANCTIONS if case.kind == Kind.LEARNER else STAFF_SANCTIONS
        self.fields["sanction"].choices = [("", "Choose")] + [
            (s.value, s.label) for s in Sanction if s in allowed]


class ReportForm(forms.Form):
    reported_on = forms.DateField(label="Reported on", widget=DateInput, required=False,
                                  help_text="Leave empty for today.")
    reference = forms.CharField(label="The awarding body's reference", max_length=60,
                                required=False)

    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class CloseForm(forms.Form):
    def __init__(self, *args: Any, case: MalpracticeCase | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
