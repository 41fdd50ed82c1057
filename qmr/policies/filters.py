"""The library's filter and sort (django-filter), in plain words."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from qmr.policies.models import Policy, PolicyKind, PolicyVersion, VersionStatus

STATUS_CHOICES = [
    ("approved", "Approved"),
    ("never_approved", "Draft, never approved yet"),
    ("new_draft", "New version in draft"),
]


SORTS = [("kind", "Kind of policy"), ("review", "Next review, soonest first")]
ORDER = {"kind": ["kind"], "review": ["current__next_review_on", "title"]}


class LibraryFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="Policy", choices=PolicyKind.choices,
                                       empty_label="All policies")
    status = django_filters.ChoiceFilter(label="Status", choices=STATUS_CHOICES,
                                         method="by_status", empty_label="Any status")
    overdue = django_filters.BooleanFilter(
        label="Only those past their review date", method="by_overdue",
        widget=forms.CheckboxInput)
    sort = django_filters.ChoiceFilter(label="Sort by", choices=SORTS, method="by_sort",
                                       empty_label="Title")

    class Meta:
        model = Policy
        fields = ["kind"]

    def by_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        draft = PolicyVersion.objects.filter(policy=OuterRef("pk"), status=VersionStatus.DRAFT)
        if value == "approved":
            return qs.filter(current__isnull=False)
        if value == "never_approved":
            return qs.filter(current__isnull=True)
        if value == "new_draft":
            return qs.filter(Q(current__isnull=False) & Q(Exists(draft)))
        return qs

    def by_overdue(self, qs: QuerySet, name: str, value: bool) -> QuerySet:
        if not value:
            return qs
        return qs.filter(current__status=VersionStatus.APPROVED,
                         current__next_review_on__lt=timezone.localdate())

    def by_sort(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.order_by(*ORDER.get(value, ["title"]))
