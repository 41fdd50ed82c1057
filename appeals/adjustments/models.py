"""Reasonable adjustments agreed before an assessment, and special consideration asked for
after one. Both are kept three years after they were recorded."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from assessment.models import Assignment
from qmr.audit import AuditedQuerySet
from qmr.models import Centre, audited_history
from registrations.models import Learner

USER = settings.AUTH_USER_MODEL
RETAIN_YEARS = 3


class AdjustmentKind(models.TextChoices):
    EXTRA_TIME = "extra_time", "Extra time"
    READER = "reader", "A reader"
    SCRIBE = "scribe", "A scribe"
    WORD_PROCESSOR = "word_processor", "A word processor"
    ASSISTIVE = "assistive", "Assistive technology"
    REST_BREAKS = "rest_breaks", "Supervised rest breaks"
    SEPARATE_ROOM = "separate_room", "A separate room"
    FORMAT = "format", "Material in another format"
    OTHER = "other", "Another adjustment"


class ReasonableAdjustment(models.Model):
    """Agreed for one learner and one assessment before the learner hands the work in; the
    assessor and the IV see it on the work's page."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="adjustments")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT, related_name="adjustments")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT,
                                   related_name="adjustments")
    kind = models.CharField(max_length=20, choices=AdjustmentKind.choices)
    details = models.TextField("what exactly", help_text="For example: 25% extra time.")
    evidence = models.TextField("evidence of need",
                                help_text="What shows the need: an assessment report, the "
                                          "learner's usual way of working.")
    agreed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField(default=timezone.localdate)
    retain_until = models.DateField(editable=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-agreed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.learner} on {self.assignment}"


class ConsiderationKind(models.TextChoices):
    ILLNESS = "illness", "Illness at the time of the assessment"
    INJURY = "injury", "Injury at the time of the assessment"
    BEREAVEMENT = "bereavement", "Bereavement"
    DISTURBANCE = "disturbance", "Disturbance during the assessment"
    ABSENCE = "absence", "Absent from the assessment for an acceptable reason"


# Calendar days after the assessment by which a request must reach the awarding body. Held as
# data: the awarding body publishes them, and a centre's series may differ.
AWARDING_BODY_DAYS = {
    ConsiderationKind.ILLNESS: 14, ConsiderationKind.INJURY: 14,
    ConsiderationKind.BEREAVEMENT: 14, ConsiderationKind.DISTURBANCE: 14,
    ConsiderationKind.ABSENCE: 30,
}


class ConsiderationStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the Head of Centre"
    AUTHORISED = "authorised", "Authorised"
    REFUSED = "refused", "Refused"


class SpecialConsideration(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT,
                               related_name="special_considerations")
    learner = models.ForeignKey(Learner, on_delete=models.PROTECT,
                                related_name="special_considerations")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT,
                                   related_name="special_considerations")
    kind = models.CharField(max_length=20, choices=ConsiderationKind.choices)
    assessed_on = models.DateField("day of the assessment")
    circumstances = models.TextField("what happened")
    evidence = models.FileField("evidence", upload_to="appeals/consideration/%Y/", blank=True)
    requested_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=12, choices=ConsiderationStatus.choices,
                              default=ConsiderationStatus.REQUESTED)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    learner_told_on = models.DateField(null=True, blank=True)
    sent_to_awarding_body_on = models.DateField(null=True, blank=True)
    due_at_awarding_body = models.DateField(editable=False)
    retain_until = models.DateField(editable=False)

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Special consideration for {self.learner} on {self.assignment}"

    @property
    def sent_late(self) -> bool:
        return bool(self.sent_to_awarding_body_on
                    and self.sent_to_awarding_body_on > self.due_at_awarding_body)
