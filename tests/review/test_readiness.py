"""Readiness all year: the heat map of every measure, one status per measure from its
providers, fixed records turning a cell in place on the next load, weekly snapshots taken on
first open and by the task, the chart, who sees it, and a query count that does not grow."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from qmr import evidence
from qmr.evidence import Evidence, Status
from qmr.framework.models import Measure
from qmr.models import Centre
from qmr.policies import services as policy_services
from qmr.policies.models import PolicyKind
from qmr.review import readiness, tasks
from qmr.review.models import ReadinessSnapshot
from qmr.review.selectors import version_for_centre
from qmr.roles import Role
from tests.conftest import appoint
from tests.factories import CentreFactory, LearnerFactory, ProgrammeFactory
from tests.policies.conftest import approve

pytestmark = pytest.mark.django_db

ALLOWED = ["head", "slt", "nominee"]
REFUSED = ["exams", "assessor", "iv", "lead_iv", "leader", "learner", "sv", "reviewer",
           "outsider"]


def page_url(centre):
    return reverse("review:readiness", args=[centre.pk])


def cell_url(centre, code):
    return reverse("review:readiness-measure", args=[centre.pk, code])


def cell(html, code):
    """The heat map cell of `code`, as HTML."""
    return html.split(f'<span class="rd-code">{code}</span>')[1].split("</td>")[0]


@pytest.fixture
def only(monkeypatch):
    """Replace every provider with fixed ones: `only({"QO.1.1": "missing", ...})`."""
    def _only(statuses):
        monkeypatch.setattr(evidence, "_providers", {})
        for code, status in statuses.items():
            evidence.register(f"test.{code}", code, f"Check of {code}")(
                lambda centre, code=code, status=status: Evidence(
                    code, f"Check of {code}", status, f"{code} is {status} for the test."))
    return _only


@pytest.mark.parametrize("statuses,combined", [
    ([Status.IN_PLACE, Status.MISSING, Status.WEAK], Status.MISSING),
    ([Status.IN_PLACE, Status.WEAK, Status.NOT_EVIDENCED], Status.WEAK),
    ([Status.IN_PLACE, Status.NOT_EVIDENCED], Status.IN_PLACE),
    ([Status.NOT_EVIDENCED, Status.NOT_EVIDENCED], Status.NOT_EVIDENCED),
    ([Status.IN_PLACE], Status.IN_PLACE),
])
def test_it_combines_providers_worst_first(statuses, combined):
    assert readiness.combine(statuses) == combined


def test_the_grid_shows_every_measure_of_the_version_with_a_status_word(login, world):
    page = login(world["nominee"]).get(page_url(world.centre)).content.decode()
    codes = Measure.objects.filter(objective__version=version_for_centre(world.centre)
                                   ).values_list("code", flat=True)
    assert len(codes) == 50
    for code in codes:
        html = cell(page, code)
        assert cell_url(world.centre, code) in page
        assert any(f"{symbol}</span> {readiness.WORDS[s]}" in html
                   for s, symbol in readiness.SYMBOLS.items()), code
    assert '<th scope="row">QO.10 ' in page and '<th scope="col">Measure 5</th>' in page


def test_the_counts_add_up_to_every_measure(world):
    grid = readiness.readiness_for(world.centre)
    assert sum(grid.counts.values()) == 50
    assert list(grid.counts) == [Status.MISSING, Status.WEAK, Status.NOT_EVIDENCED,
                                 Status.IN_PLACE]


def test_a_policy_never_approved_is_missing_until_it_is_signed_off(login, world):
    draft = policy_services.adopt_template(actor=world["nominee"], centre=world.centre,
                                           kind=PolicyKind.APPEALS)
    client = login(world["nominee"])
    assert "Missing" in cell(client.get(page_url(world.centre)).content.decode(), "QO.1.1")
    why = client.get(cell_url(world.centre, "QO.1.1")).content.decode()
    assert "No policy of the centre has an approved version yet." in why
    assert reverse("policies:policy-detail", args=[draft.policy.pk]) in why
    approve(world, draft)
    assert "In place" in cell(client.get(page_url(world.centre)).content.decode(), "QO.1.1")


def test_a_required_policy_past_its_review_is_missing_until_the_new_version_is_approved(
        login, world):
    draft = policy_services.adopt_template(actor=world["nominee"], centre=world.centre,
                                           kind=PolicyKind.APPEALS)
    first = approve(world, draft, approved_on=timezone.localdate() - timedelta(days=400))
    client = login(world["head"])
    why = client.get(cell_url(world.centre, "QO.1.1")).content.decode()
    assert "Missing" in why and "Appeals policy: review overdue since" in why
    assert "the awarding body requires it reviewed every year" in why
    second = policy_services.start_new_version(actor=world["nominee"], policy=first.policy)
    policy_services.edit_draft(actor=world["nominee"], version=second,
                               change_summary="Reviewed: no change")
    approve(world, second)
    why = client.get(cell_url(world.centre, "QO.1.1")).content.decode()
    assert "✓</span> In place" in why and "review overdue" not in why


def test_an_unknown_measure_is_not_found(login, world):
    assert login(world["nominee"]).get(cell_url(world.centre, "QO.99.1")).status_code == 404


def test_needs_attention_lists_the_three_worst_in_order(world, only):
    only({"QO.10.4": Status.MISSING, "QO.2.5": Status.MISSING, "QO.1.2": Status.WEAK,
          "QO.3.1": Status.IN_PLACE})
    worst = readiness.needs_attention(world.centre)
    assert [m.code for m in worst] == ["QO.2.5", "QO.10.4", "QO.1.2"]
    assert worst[0].reasons == ["QO.2.5 is missing for the test."]


def test_needs_attention_puts_not_evidenced_after_weak_and_never_lists_in_place(world, only):
    only({"QO.1.1": Status.IN_PLACE, "QO.1.2": Status.IN_PLACE, "QO.9.1": Status.WEAK})
    assert [m.code for m in readiness.needs_attention(world.centre, n=2)] == ["QO.9.1",
                                                                               "QO.1.3"]


def test_the_snapshot_is_taken_on_first_open_and_not_twice_the_same_day(login, world):
    client = login(world["nominee"])
    assert not ReadinessSnapshot.objects.exists()
    client.get(page_url(world.centre))
    client.get(page_url(world.centre))
    snapshot = ReadinessSnapshot.objects.get()
    assert snapshot.taken_on == timezone.localdate() and snapshot.centre == world.centre
    assert snapshot.in_place + snapshot.weak + snapshot.missing + snapshot.not_evidenced == 50
    assert len(snapshot.statuses) == 50


def test_a_new_snapshot_is_taken_once_the_last_is_a_week_old(login, world):
    client = login(world["nominee"])
    client.get(page_url(world.centre))
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        client.get(page_url(world.centre))
    assert ReadinessSnapshot.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(days=7)):
        client.get(page_url(world.centre))
    assert ReadinessSnapshot.objects.count() == 2


def test_taking_the_day_again_updates_its_row(world, only):
    only({"QO.1.1": Status.MISSING})
    first = readiness.take_snapshot(world.centre)
    only({"QO.1.1": Status.IN_PLACE})
    again = readiness.take_snapshot(world.centre)
    assert again.pk == first.pk and ReadinessSnapshot.objects.count() == 1
    again.refresh_from_db()
    assert (again.missing, again.in_place, again.statuses["QO.1.1"]) == (0, 1, "in_place")


def test_the_task_snapshots_every_centre_once_even_if_run_twice(world):
    CentreFactory()
    assert tasks.take_readiness_snapshots.delay().get() == Centre.objects.count() == 3
    tasks.take_readiness_snapshots.delay()
    assert sorted(ReadinessSnapshot.objects.values_list("centre_id", flat=True)) == sorted(
        Centre.objects.values_list("pk", flat=True))


def test_the_task_for_a_centre_that_has_gone_does_nothing(world):
    assert tasks.take_readiness_snapshot.delay(10**9).get() is False


def test_the_task_runs_weekly_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["review-readiness-snapshots-weekly"]
    assert entry["task"] == "qmr.review.tasks.take_readiness_snapshots"
    assert entry["schedule"].day_of_week == {1} and entry["schedule"].hour == {6}


def test_the_chart_shows_one_point_per_snapshot(login, world):
    today = timezone.localdate()
    for days in (60, 21, 14, 3):
        readiness.take_snapshot(world.centre, day=today - timedelta(days=days))
    page = login(world["head"]).get(page_url(world.centre)).content.decode()
    assert ReadinessSnapshot.objects.count() == 4  # the one 3 days old is recent enough
    assert page.count('<circle class="chart-point"') == 4
    assert "<title id=\"chart-title\">" in page and "4 weekly snapshots from" in page
    assert f"{today - timedelta(days=60):%-d %B %Y}</th>" in page  # the table alternative


def test_a_snapshot_older_than_a_year_is_left_off_the_chart(login, world):
    readiness.take_snapshot(world.centre, day=timezone.localdate() - timedelta(days=400))
    page = login(world["head"]).get(page_url(world.centre)).content.decode()
    assert page.count('<circle class="chart-point"') == 1 and "One snapshot so far" in page


@pytest.mark.parametrize("persona", ALLOWED)
def test_the_centres_side_reads_readiness(login, world, persona):
    client = login(world[persona])
    assert client.get(page_url(world.centre)).status_code == 200
    assert client.get(cell_url(world.centre, "QO.1.1")).status_code == 200


@pytest.mark.parametrize("persona", REFUSED)
def test_everyone_else_gets_404(login, world, persona):
    client = login(world[persona])
    assert client.get(page_url(world.centre)).status_code == 404
    assert client.get(cell_url(world.centre, "QO.1.1")).status_code == 404
    assert not ReadinessSnapshot.objects.exists()


def test_the_menu_link_leads_to_the_persons_centre(login, world):
    client = login(world["slt"])
    assert b">Readiness</a>" in client.get("/").content
    response = client.get(reverse("review:readiness-home"))
    assert response.status_code == 302 and response.url == page_url(world.centre)


def test_the_menu_has_no_link_for_a_teacher_and_the_redirect_is_404(login, world):
    client = login(world["assessor"])
    assert b">Readiness</a>" not in client.get("/").content
    assert client.get(reverse("review:readiness-home")).status_code == 404


def grow(world, n):
    """n more programmes with learners and assessors, and n more policies (every other one
    approved, the first included: a provider with no approved policy stops early), at A."""
    kinds = [k for k in PolicyKind if not world.centre.policies.filter(kind=k).exists()]
    for i in range(n):
        programme = ProgrammeFactory(centre=world.centre, subject_area=world.subject_area)
        LearnerFactory.create_batch(3, programme=programme)
        appoint(world.centre, f"grown{i}-{programme.pk}@a.example", Role.ASSESSOR, programme)
        draft = policy_services.adopt_template(actor=world["nominee"], centre=world.centre,
                                               kind=kinds[i])
        if i % 2 == 0:
            approve(world, draft, approved_on=date(2025, 1, 6) + timedelta(days=i))


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("url", [page_url, lambda c: cell_url(c, "QO.1.1")])
def test_the_query_count_does_not_grow_with_the_centre(login, world, url):
    client = login(world["nominee"])
    grow(world, 1)
    client.get(url(world.centre))  # the first open takes the week's snapshot
    small = queries(client, url(world.centre))
    grow(world, 6)
    assert queries(client, url(world.centre)) == small


def test_the_measure_page_query_count_is_pinned(login, world):
    client = login(world["nominee"])
    # 1 session  2 user  3 the centre  4 grants  5 consortium arrangements
    # 6 this year's review cycle  7 the centre's academic year  8 the version in force
    # 9 the measure with its objective  10 the policies with their current versions
    assert queries(client, cell_url(world.centre, "QO.1.1")) == 10



def test_the_heat_map_query_count_is_pinned(login, world, only):
    """The page's own queries; each provider's are its own (pinned with theirs), and the
    real ones are counted at two sizes above."""
    only({})
    client = login(world["nominee"])
    client.get(page_url(world.centre))  # the first open takes the week's snapshot
    # 1 session  2 user  3 the centre  4 grants  5 consortium arrangements
    # 6 this year's review cycle  7 the centre's academic year  8 the version in force
    # 9 objectives  10 their measures (prefetched)  11 a snapshot in the last week?
    # 12 the year's snapshots for the chart
    assert queries(client, page_url(world.centre)) == 12
