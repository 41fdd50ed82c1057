"""The visit, the reviewer's judgements and actions, the report's due date, closing actions
with evidence, and the limits on the reviewer: their centre only, and nothing after their last
day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qmr.errors import DomainError
from qmr.framework.models import Objective
from qmr.models import Appointment
from qmr.review import services
from qmr.review.models import BlockRecommendation, Judgement, ReviewAction, ReviewVisit
from tests.review.conftest import open_review

pytestmark = pytest.mark.django_db
AFTER_VISIT = datetime(2027, 3, 12, 10, tzinfo=ZoneInfo("Europe/London"))


def objectives(review):
    return list(Objective.objects.filter(version=review.cycle.definition.version_id)
                .order_by("number"))


def judge_all(world, review, verdicts=None):
    for o in objectives(review):
        services.record_judgement(actor=world["reviewer"], cycle=review.cycle, objective=o,
                                  verdict=(verdicts or {}).get(o.code, "effective"))


def test_the_report_is_due_ten_working_days_after_the_visit(review):
    assert review.visit.report_due_on == date(2027, 3, 24)


def test_a_visit_in_july_is_refused_and_nothing_changes(world, review):
    with pytest.raises(DomainError, match="between 01 October 2026 and 30 April 2027"):
        services.arrange_visit(actor=world["nominee"], visit=review.visit,
                               held_on=date(2027, 7, 7), mode="visit")
    review.visit.refresh_from_db()
    assert review.visit.held_on == date(2027, 3, 10)


def test_a_visit_after_the_reviewers_last_day_is_refused(world, review):
    Appointment.objects.filter(pk=review.reviewer_appointment.pk).update(
        ends_at=datetime(2027, 2, 1, tzinfo=ZoneInfo("Europe/London")))
    with pytest.raises(DomainError, match="access ends on 31 January 2027"):
        services.arrange_visit(actor=world["nominee"], visit=review.visit,
                               held_on=date(2027, 3, 3), mode="visit")


def test_an_essential_action_due_in_five_months_is_refused(world, review):
    with pytest.raises(DomainError, match="within 3 months of the visit: by 10 June 2027"):
        services.add_review_action(actor=world["reviewer"], cycle=review.cycle, kind="essential",
                                   objective=objectives(review)[2], description="Fix it",
                                   due_on=date(2027, 8, 10))
    assert not ReviewAction.objects.exists()


def test_only_the_allocated_reviewer_judges(world, review):
    for persona in ("nominee", "head", "assessor"):
        with pytest.raises(PermissionDenied):
            services.record_judgement(actor=world[persona], cycle=review.cycle,
                                      objective=objectives(review)[0], verdict="effective")
    assert not Judgement.objects.exists()


def test_the_report_needs_the_visit_and_every_judgement(world, review):
    with pytest.raises(DomainError, match="hold the visit first"):
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
    with time_machine.travel(AFTER_VISIT, tick=True):
        services.record_judgement(actor=world["reviewer"], cycle=review.cycle,
                                  objective=objectives(review)[0], verdict="effective")
        with pytest.raises(DomainError, match="QO.2, QO.3"):
            services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        assert not ReviewVisit.objects.get().report_submitted


def test_insufficient_evidence_on_qo3_recommends_a_block_that_blocks_nothing_yet(world, review):
    with time_machine.travel(AFTER_VISIT, tick=True):
        judge_all(world, review, {"QO.3": "insufficient", "QO.5": "insufficient"})
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        rec = BlockRecommendation.objects.get()
        assert rec.objective.code == "QO.3" and rec.state == "recommended"
        assert not world.centre.certification_blocks.exists()
        with pytest.raises(DomainError, match="cannot change"):
            services.record_judgement(actor=world["reviewer"], cycle=review.cycle,
                                      objective=rec.objective, verdict="effective")
        with pytest.raises(PermissionDenied, match="Head of Centre"):
            services.confirm_block(actor=world["nominee"], recommendation=rec)
        services.confirm_block(actor=world["head"], recommendation=rec)
        rec.refresh_from_db()
        assert rec.state == "confirmed" and rec.block.released_on is None


def test_actions_are_owned_and_closed_with_evidence(client, world, review):
    with time_machine.travel(AFTER_VISIT, tick=True):
        action = services.add_review_action(
            actor=world["reviewer"], cycle=review.cycle, kind="essential",
            objective=objectives(review)[3], description="Close programme review actions.",
            due_on=date(2027, 6, 1))
        judge_all(world, review)
        services.submit_report(actor=world["reviewer"], cycle=review.cycle)
        client.force_login(world["nominee"])
        home = client.get("/").content.decode()
        assert "Close programme review actions." in home and "no owner named yet" in home
        client.post(reverse("review:action-assign", args=[action.pk]),
                    {"owner": world["leader"].pk})
        action.refresh_from_db()
        assert action.owner == world["leader"]
        response = client.post(reverse("review:action-close", args=[action.pk]),
                               {"evidence": " "}, follow=True)
        assert "What shows it was done" in response.content.decode()
        assert ReviewAction.objects.get().is_open
        client.post(reverse("review:action-close", args=[action.pk]),
                    {"evidence": "All twelve actions closed; minutes of 2 May."})
        action.refresh_from_db()
        assert not action.is_open and action.closed_by == world["nominee"]
        services.send_progress_update(actor=world["nominee"], cycle=review.cycle,
                                      text="Every Essential Action is closed.")
        assert review.cycle.progress_updates.count() == 1


def test_a_reviewer_reads_their_centres_pack_and_nothing_of_another(client, world, review):
    other = open_review_elsewhere(world)
    client.force_login(world["reviewer"])
    assert client.get(reverse("review:pack-objective", args=[review.cycle.pk, 3])).status_code \
        == 200
    for name, args in (("review:pack", [other.pk]), ("review:pack-objective", [other.pk, 3]),
                       ("review:cycle", [other.pk]), ("review:report", [other.pk])):
        assert client.get(reverse(name, args=args)).status_code == 404


def test_a_reviewer_reads_nothing_after_their_last_day(client, world, review):
    client.force_login(world["reviewer"])
    pack = reverse("review:pack-objective", args=[review.cycle.pk, 3])
    assert client.get(pack).status_code == 200
    with time_machine.travel(datetime(2027, 8, 1, 9, tzinfo=ZoneInfo("Europe/London"))):
        client.force_login(world["reviewer"])  # a fresh login: the old session has expired
        assert client.get(pack).status_code == 404
        assert client.get(reverse("review:cycle", args=[review.cycle.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            services.record_judgement(actor=world["reviewer"], cycle=review.cycle,
                                      objective=objectives(review)[0], verdict="effective")


def open_review_elsewhere(world):
    """A cycle at centre B, opened by its own Quality Nominee."""
    from qmr.framework.models import FrameworkVersion
    from tests.review.conftest import make_year

    year = make_year(world.other_centre, 2026)
    return services.open_cycle(actor=world["outsider"], centre=world.other_centre,
                               academic_year=year,
                               version=FrameworkVersion.objects.get(slug="qmr-2016-17"))


def test_the_reviewer_records_judgements_and_actions_through_the_pages(client, world, review):
    with time_machine.travel(AFTER_VISIT, tick=True):
        client.force_login(world["reviewer"])
        for o in objectives(review):
            client.post(reverse("review:judgement-save", args=[review.cycle.pk, o.number]),
                        {f"o{o.number}-verdict": "not_all_effective" if o.number == 8
                         else "effective", f"o{o.number}-comments": "Seen in the records."})
        response = client.post(reverse("review:action-add", args=[review.cycle.pk]), {
            "kind": "essential", "objective": objectives(review)[7].pk,
            "description": "Feedback must say what to do to improve.",
            "due_on": (date(2027, 3, 10) + timedelta(days=150)).isoformat()}, follow=True)
        assert "within 3 months of the visit" in response.content.decode()
        client.post(reverse("review:action-add", args=[review.cycle.pk]), {
            "kind": "essential", "objective": objectives(review)[7].pk,
            "description": "Feedback must say what to do to improve.",
            "due_on": "2027-06-01"})
        response = client.post(reverse("review:report-submit", args=[review.cycle.pk]),
                               follow=True)
        assert "The report is submitted" in response.content.decode()
    assert Judgement.objects.filter(verdict="not_all_effective").count() == 1
    assert ReviewAction.objects.get().due_on == date(2027, 6, 1)


def test_opening_a_second_cycle_for_the_year_is_refused(world, review):
    with pytest.raises(DomainError, match="already open"):
        services.open_cycle(actor=world["nominee"], centre=world.centre,
                            academic_year=review.cycle.academic_year,
                            version=review.cycle.definition.version)


def test_the_current_cycle_has_a_check_in_and_a_declaration(world):
    review = open_review(world, slug="btec-qa-2019")
    assert review.visit.mode == "check_in"
    from qmr.review import stages

    titles = [s.stage.title for s in stages.progress(review.cycle)]
    assert titles[0] == "Annual Quality Declaration" and "Centre check-in" in titles
