"""What was disposed of, by whom, and the monthly list of what is due. A DisposalRecord
names no person: its reference says which record it was in terms certification uses (the
record's number, unit, cohort) so the centre can show what it removed and when."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from qmr.models import Centre


class DisposalRecord(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="disposals")
    kind = models.CharField(max_length=60, help_text="The retention rule it fell under.")
    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    record_id = models.PositiveBigIntegerField()
    reference = models.CharField(max_length=300, help_text="Which record, naming no person.")
    kept_until = models.DateField(help_text="The first day it could go.")
    removed = models.TextField(help_text="What was removed, in words.")
    disposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    disposed_at = models.DateTimeField()

    class Meta:
        ordering = ["-disposed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["record_type", "record_id"],
                                               name="dispose_a_record_once")]

    def __str__(self) -> str:
        return f"{self.reference} (disposed of {self.disposed_at:%d %b %Y})"


class DisposalList(models.Model):
    """The month's list for the Quality Nominee: made once a month by the beat task, and the
    nominee e-mailed once (`notified_at`)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="disposal_lists")
    month = models.DateField(help_text="The first day of the month it was made for.")
    items = models.PositiveIntegerField()
    summary = models.JSONField(default=dict, help_text="How many of each kind were due.")
    created_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["centre", "month"],
                                               name="one_disposal_list_a_month")]

    def __str__(self) -> str:
        return f"Records due for disposal at {self.centre}, {self.month:%B %Y}"
