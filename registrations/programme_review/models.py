"""The annual review of a programme (QO.4): what learners, staff and stakeholders said, what
went well and what to improve, and an action plan followed to closure. Its figures are never
typed in: they are computed from the registration and certification records
(`figures.py`), and frozen into the review when the senior manager signs it off."""

from django.conf import settings
from django.db import models

from qmr.audit import AuditedQuerySet
from qmr.models import audited_history

USER = settings.AUTH_USER_MODEL


class ProgrammeReview(models.Model):
    programme = models.ForeignKey("registrations.Programme", on_delete=models.PROTECT,
                                  related_name="reviews")
    academic_year = models.ForeignKey("qmr.AcademicYear", on_delete=models.PROTECT,
                                      related_name="+")
    learner_voice = models.TextField(
        "what learners said", blank=True,
        help_text="Surveys, learner representatives, focus groups: what they told you.")
    staff_voice = models.TextField("what staff said", blank=True)
    stakeholder_views = models.TextField(
        "what employers and other stakeholders said", blank=True,
        help_text="Employers, parents, universities, placement providers.")
    strengths = models.TextField(blank=True)
    areas_to_improve = models.TextField(blank=True)
    actions = models.ManyToManyField("meetings.Action", related_name="programme_reviews",
                                     blank=True)
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    signed_off_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    figures_at_sign_off = models.JSONField(
        null=True, blank=True, editable=False,
        help_text="The figures as they stood when the review was signed off.")

    objects = AuditedQuerySet.as_manager()
    history = audited_history()

    class Meta:
        ordering = ["-academic_year__starts_on", "programme__title"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "academic_year"],
                                    name="one_programme_review_per_year"),
        ]

    def __str__(self) -> str:
        return f"Programme review of {self.programme} ({self.academic_year})"

    SECTIONS = ("learner_voice", "staff_voice", "stakeholder_views", "strengths",
                "areas_to_improve")

    @property
    def missing_sections(self) -> list[str]:
        return [str(self._meta.get_field(f).verbose_name) for f in self.SECTIONS
                if not getattr(self, f).strip()]

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None
