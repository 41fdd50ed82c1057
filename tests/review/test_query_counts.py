"""The review's pages cost the same number of queries for a centre of 30 learners and one of
3,000: the pack's objective pages, its contents and print view, the cycle, the document and
the report."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qmr.jobs.models import Job
from qmr.review import documents, services
from registrations import services as registrations
from registrations.models import Learner
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def grow(world, review, learners):
    """Another programme with a cohort of `learners` learners, a document to re-declare it."""
    programme = ProgrammeFactory(centre=world.centre, subject_area=world.subject_area)
    cohort = registrations.create_cohort(
        actor=world["exams"], programme=programme, academic_year=review.cycle.academic_year,
        name=f"Year 12 {programme.pk}", starts_on=date(2026, 9, 2),
        expected_end_on=date(2028, 7, 1))
    Learner.objects.bulk_create([
        Learner(centre=world.centre, programme=programme, cohort=cohort,
                centre_ref=f"G{programme.pk}-{i}", first_name="Grown", last_name=f"Learner {i}",
                date_of_birth=date(2010, 1, 1)) for i in range(learners)])


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def pages(review, document):
    pk = review.cycle.pk
    return [reverse("review:cycle", args=[pk]), reverse("review:pack", args=[pk]),
            reverse("review:visit", args=[pk]),
            reverse("review:centre", args=[review.cycle.centre_id]) + "?all=1",
            reverse("review:pack-print", args=[pk]), reverse("review:report", args=[pk]),
            reverse("review:document", args=[document.pk]),
            *[reverse("review:pack-objective", args=[pk, n]) for n in range(1, 11)]]


@pytest.mark.parametrize("persona", ["nominee", "reviewer"])
def test_review_pages_do_not_grow_with_the_centre(client, world, review, persona):
    document = services.start_document(actor=world["nominee"], cycle=review.cycle)
    if persona == "reviewer":
        services.save_document(actor=world["nominee"], document=document, changes="None.",
                               terms_accepted=True, declared={
                                   a.code: ("continuing", "") for a in document.approvals.all()},
                               statements={s.objective_id: ("Good.", "Gaps.")
                                           for s in document.statements.all()})
        services.sign_declaration(actor=world["head"], document=document)
        services.submit_document(actor=world["nominee"], document=document)
    job = Job.objects.create(kind=documents.PACK, title="Evidence pack (PDF)",
                             centre=world.centre, requested_by=world["nominee"],
                             params={"cycle": review.cycle.pk})
    urls = [*pages(review, document), reverse("jobs:detail", args=[job.pk])]
    if persona == "reviewer":  # an action the reviewer is writing (the centre sees it later)
        objective = review.cycle.definition.version.objectives.get(number=8)
        action = services.add_review_action(actor=world["reviewer"], cycle=review.cycle,
                                            kind="essential", objective=objective,
                                            description="Feedback", due_on=date(2027, 5, 3))
        urls.append(reverse("review:action", args=[action.pk]))
    client.force_login(world[persona])
    grow(world, review, 30)
    small = {url: count(client, url) for url in urls}
    grow(world, review, 2970)
    large = {url: count(client, url) for url in urls}
    assert large == small
