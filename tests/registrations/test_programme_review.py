"""Annual programme review: prepared by the Programme Leader, signed off by the senior
manager who leads programme review, locked afterwards; figures computed from the records."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from qmr.errors import DomainError
from qmr.meetings.models import Action
from registrations.programme_review import figures, services
from registrations.programme_review.models import ProgrammeReview

pytestmark = pytest.mark.django_db

WRITTEN = {f: f"What the review says about {f}." for f in ProgrammeReview.SECTIONS}


@pytest.fixture
def review(world, year):
    return services.start_review(actor=world["leader"], programme=world.programme, year=year)


def ready(world, review):
    services.update_review(actor=world["leader"], review=review, **WRITTEN)
    services.add_review_action(actor=world["leader"], review=review, owner=world["iv"],
                               due_on=timezone.localdate() + timedelta(days=20),
                               description="Standardise Distinction marking.")
    return review


def test_it_starts_one_review_per_programme_and_year(world, year, review):
    assert review.started_by == world["leader"]
    with pytest.raises(DomainError, match="already has a review"):
        services.start_review(actor=world["nominee"], programme=world.programme, year=year)
    assert ProgrammeReview.objects.count() == 1


def test_an_assessor_cannot_prepare_it(world, year):
    with pytest.raises(PermissionDenied):
        services.start_review(actor=world["assessor"], programme=world.programme, year=year)
    assert not ProgrammeReview.objects.exists()


def test_the_senior_manager_signs_it_off_and_the_figures_are_frozen(world, cohort, review):
    ready(world, review)
    services.sign_off_review(actor=world["slt"], review=review)
    review.refresh_from_db()
    assert review.signed_off_by == world["slt"]
    assert review.figures_at_sign_off["learners"] == 5


@pytest.mark.parametrize("persona", ["leader", "nominee", "head", "assessor"])
def test_only_the_lead_for_programme_review_signs_off(world, review, persona):
    ready(world, review)
    with pytest.raises(PermissionDenied):
        services.sign_off_review(actor=world[persona], review=review)
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_an_incomplete_review_is_not_signed_off(world, review):
    services.update_review(actor=world["leader"], review=review, strengths="Retention.")
    with pytest.raises(DomainError, match="what learners said"):
        services.sign_off_review(actor=world["slt"], review=review)
    services.update_review(actor=world["leader"], review=review, **WRITTEN)
    with pytest.raises(DomainError, match="action plan"):
        services.sign_off_review(actor=world["slt"], review=review)
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_a_signed_off_review_is_locked(world, review):
    services.sign_off_review(actor=world["slt"], review=ready(world, review))
    with pytest.raises(DomainError, match="locked"):
        services.update_review(actor=world["leader"], review=review, strengths="Changed")
    with pytest.raises(DomainError, match="locked"):
        services.add_review_action(actor=world["leader"], review=review, owner=world["iv"],
                                   due_on=timezone.localdate(), description="Late idea")
    review.refresh_from_db()
    assert review.strengths == WRITTEN["strengths"]
    assert review.actions.count() == 1


def test_the_action_plan_uses_the_centres_action_records(world, review):
    action = ready(world, review).actions.get()
    assert isinstance(action, Action) and action.owner == world["iv"]
    assert action.centre == world.centre


def test_figures_count_withdrawals_and_transfers(world, cohort, review):
    from registrations.models import Learner, LearnerStatus, Transfer

    first, second, *_ = cohort.learners.order_by("pk")
    Learner.objects.filter(pk=first.pk).update(status=LearnerStatus.WITHDRAWN)
    Transfer.objects.create(learner=second, from_programme=world.programme,
                            to_other_centre="Elsewhere", transferred_by=world["exams"])
    Learner.objects.filter(pk=second.pk).update(status=LearnerStatus.TRANSFERRED)
    result = figures.compute(world.programme, review.academic_year)
    assert (result.learners, result.withdrawn, result.transferred) == (5, 1, 1)
    assert result.retention_rate == 75  # 3 of the 4 who did not transfer


def test_last_years_review_and_its_actions_show_on_this_years(world, year, login):
    from qmr import services as qmr_services

    last_year = qmr_services.add_academic_year(actor=None, centre=world.centre, name="2025/26",
                                               starts_on=date(2025, 8, 1),
                                               ends_on=date(2026, 7, 31))
    old = ready(world, services.start_review(actor=world["leader"], programme=world.programme,
                                             year=last_year))
    new = services.start_review(actor=world["leader"], programme=world.programme, year=year)
    page = login(world["assessor"]).get(reverse("registrations:review-detail", args=[new.pk]))
    assert "2025/26 review" in page.text
    assert "Standardise Distinction marking." in page.text
    assert old.actions.get().description in page.text


def test_a_refused_sign_off_says_why_and_changes_nothing(world, review, login):
    client = login(world["slt"])
    response = client.post(reverse("registrations:review-sign-off", args=[review.pk]),
                           follow=True)
    assert "cannot be signed off yet" in response.text
    review.refresh_from_db()
    assert review.signed_off_at is None


def test_the_demos_sport_figures_equal_the_records(db):
    """Computed here with queries of the test's own, straight from the records."""
    from django.core.management import call_command

    from registrations.models import ClaimEntry, Learner, Transfer

    call_command("load_demo")
    review = ProgrammeReview.objects.select_related("programme", "academic_year").get(
        programme__code="BSP3X1", academic_year__starts_on__lte=timezone.localdate(),
        academic_year__ends_on__gte=timezone.localdate())
    programme, year = review.programme, review.academic_year
    in_year = Learner.objects.filter(cohort__programme=programme, cohort__academic_year=year)
    moved = Transfer.objects.filter(from_programme=programme,
                                    transferred_at__date__range=(year.starts_on, year.ends_on))
    claimed = ClaimEntry.objects.filter(learner__in=in_year, claim__confirmed_at__isnull=False)
    shown = figures.compute(programme, year)
    assert shown.learners == in_year.count() + moved.exclude(learner__in=in_year).count() > 0
    assert shown.registered == in_year.filter(registered_on__isnull=False).count()
    assert shown.withdrawn == in_year.filter(status="withdrawn").count()
    assert shown.claimed_full == claimed.filter(report__kind="full").count()
    assert shown.certificates_received == claimed.filter(
        certificate_received_on__isnull=False).count()


def test_evidence_names_programmes_not_reviewed_and_open_actions(world, review):
    from qmr.evidence import Status
    from registrations.programme_review import evidence

    reviews = evidence.programme_reviews(world.centre)
    assert reviews.status == Status.WEAK  # started, not signed off
    assert any("not yet signed off" in r.label for r in reviews.records)
    assert evidence.review_voices(world.centre).status == Status.WEAK
    assert evidence.review_actions(world.centre).status == Status.MISSING  # no plan yet
    ready(world, review)
    services.sign_off_review(actor=world["slt"], review=review)
    assert evidence.programme_reviews(world.centre).status == Status.IN_PLACE
    assert evidence.review_voices(world.centre).status == Status.IN_PLACE
    assert evidence.review_actions(world.centre).status == Status.IN_PLACE
