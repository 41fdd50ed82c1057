"""Input for the annual review's pages. Rules live in the services; forms only read input."""

from typing import Any

from django import forms

from qmr.forms import DateInput
from qmr.review.models import ApprovalDeclaration, Judgement, ReviewAction, VisitMode
from qmr.uploads import check_document

TEXT = {"rows": 3}


class OpenCycleForm(forms.Form):
    academic_year = forms.ModelChoiceField(queryset=None, label="Academic year",
                                           empty_label=None)
    version = forms.ModelChoiceField(
        queryset=None, label="Framework and cycle", empty_label=None,
        help_text="The Quality Management Review visit with a Centre Engagement Document, or "
                  "the Annual Quality Declaration with standards verification.")

    def __init__(self, *args: Any, years: Any, versions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].queryset = years
        self.fields["version"].queryset = versions


class AllocateForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        queryset=None, label="Reviewer", empty_label=None,
        help_text="Their appointment at the centre: access ends by itself after its last day.")

    def __init__(self, *args: Any, reviewers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = reviewers
        self.fields["reviewer"].label_from_instance = lambda a: (
            f"{a.person} (access until {a.last_day:%d %B %Y})")


class VisitForm(forms.Form):
    mode = forms.ChoiceField(label="Kind of review", choices=VisitMode.choices)
    held_on = forms.DateField(label="Date", required=False, widget=DateInput(),
                              help_text="Between 1 October and 30 April.")
    agenda = forms.CharField(widget=forms.Textarea(attrs=TEXT), required=False)
    wants_to_meet = forms.CharField(
        label="Practitioners and learners the reviewer wants to meet", required=False,
        widget=forms.Textarea(attrs=TEXT))

    def __init__(self, *args: Any, has_visit: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [c for c in VisitMode.choices
                                       if (c[0] == VisitMode.CHECK_IN) != has_visit]


class NoteForm(forms.Form):
    commentary = forms.CharField(widget=forms.Textarea(attrs=TEXT), required=False,
                                 label="The Quality Nominee's commentary")


class AttachForm(forms.Form):
    title = forms.CharField(max_length=200, label="Document title")
    file = forms.FileField(label="File")

    def clean_file(self) -> Any:
        return check_document(self.cleaned_data["file"])


class JudgementForm(forms.Form):
    verdict = forms.ChoiceField(choices=Judgement.Verdict.choices, widget=forms.RadioSelect,
                                label="Judgement")
    comments = forms.CharField(widget=forms.Textarea(attrs=TEXT), required=False)


class ActionForm(forms.Form):
    kind = forms.ChoiceField(choices=ReviewAction.Kind.choices, label="Kind")
    objective = forms.ModelChoiceField(queryset=None, label="Objective", empty_label=None)
    description = forms.CharField(widget=forms.Textarea(attrs=TEXT),
                                  label="What the centre has to do")
    due_on = forms.DateField(label="Due by", required=False, widget=DateInput(),
                             help_text="Essential Actions only: within three months of the "
                                       "visit.")

    def __init__(self, *args: Any, objectives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=None, label="Owner", empty_label=None)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class CloseForm(forms.Form):
    evidence = forms.CharField(widget=forms.Textarea(attrs=TEXT),
                               label="What shows it was done")
    file = forms.FileField(required=False, label="Evidence file")

    def clean_file(self) -> Any:
        file = self.cleaned_data.get("file")
        return file and check_document(file)


class TextForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Update")


class ReasonForm(forms.Form):
    reason = forms.CharField(max_length=300, label="Why a new version is needed")


class NotesForm(forms.Form):
    notes = forms.CharField(widget=forms.Textarea(attrs=TEXT),
                            label="What the awarding body decided instead")


class DocumentForm(forms.Form):
    """Every section of a draft, its fields named after the rows they fill."""

    changes = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False,
                              label="Changes to systems and procedures since the last review")
    terms_accepted = forms.BooleanField(
        required=False, label="The centre's recognition terms and conditions still hold")
    recognition_notes = forms.CharField(
        widget=forms.Textarea(attrs=TEXT), required=False,
        label="Changes to the centre's recognition to tell the awarding body about")

    def __init__(self, *args: Any, document: Any, **kwargs: Any) -> None:
        initial = {"changes": document.changes, "terms_accepted": document.terms_accepted,
                   "recognition_notes": document.recognition_notes}
        self.progress_rows = list(document.progress.all())
        self.statement_rows = list(document.statements.all())
        self.approval_rows = list(document.approvals.all())
        for p in self.progress_rows:
            initial[f"progress-{p.action_id}"] = p.text
        for s in self.statement_rows:
            initial[f"strengths-{s.objective_id}"] = s.strengths
            initial[f"weaknesses-{s.objective_id}"] = s.weaknesses
        for a in self.approval_rows:
            initial[f"status-{a.code}"] = a.status
            initial[f"notes-{a.code}"] = a.notes
        super().__init__(*args, initial=initial, **kwargs)
        for p in self.progress_rows:
            self.fields[f"progress-{p.action_id}"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs=TEXT),
                label=f"{p.action.get_kind_display()} ({p.action.objective.code}): "
                      f"{p.action.description}")
        for s in self.statement_rows:
            self.fields[f"strengths-{s.objective_id}"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs=TEXT),
                label=f"{s.objective.code} {s.objective.title}: strengths")
            self.fields[f"weaknesses-{s.objective_id}"] = forms.CharField(
                required=False, widget=forms.Textarea(attrs=TEXT),
                label=f"{s.objective.code} {s.objective.title}: weaknesses")
        for a in self.approval_rows:
            self.fields[f"status-{a.code}"] = forms.ChoiceField(
                required=False, label=f"{a.code} {a.title}",
                choices=[("", "Choose…"), *ApprovalDeclaration.Status.choices])
            self.fields[f"notes-{a.code}"] = forms.CharField(
                required=False, max_length=300, label=f"{a.code}: what changed (optional)")

    @property
    def progress_fields(self) -> list:
        return [(p, self[f"progress-{p.action_id}"]) for p in self.progress_rows]

    @property
    def statement_fields(self) -> list:
        return [(s.objective, self[f"strengths-{s.objective_id}"],
                 self[f"weaknesses-{s.objective_id}"]) for s in self.statement_rows]

    @property
    def approval_fields(self) -> list:
        return [(a, self[f"status-{a.code}"], self[f"notes-{a.code}"])
                for a in self.approval_rows]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "changes": data["changes"], "terms_accepted": data["terms_accepted"],
            "recognition_notes": data["recognition_notes"],
            "progress": {p.action_id: data[f"progress-{p.action_id}"]
                         for p in self.progress_rows},
            "statements": {s.objective_id: (data[f"strengths-{s.objective_id}"],
                                            data[f"weaknesses-{s.objective_id}"])
                           for s in self.statement_rows},
            "declared": {a.code: (data[f"status-{a.code}"], data[f"notes-{a.code}"])
                         for a in self.approval_rows},
        }
