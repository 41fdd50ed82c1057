"""Teams and their meetings: who sets them up, who records and who reads them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from qmr.audit import AuditEvent
from qmr.errors import DomainError
from qmr.meetings import selectors, services
from qmr.meetings.models import Meeting, TeamKind
from tests.meetings.helpers import meeting, team

pytestmark = pytest.mark.django_db


def test_the_nominee_sets_up_a_team_with_its_chair_as_member(world):
    t = services.create_team(actor=world["nominee"], centre=world.centre, name="Quality committee",
                             kind=TeamKind.QUALITY_COMMITTEE, members=[world["slt"]],
                             chair=world["head"])
    assert set(t.members.all()) == {world["slt"], world["head"]}
    assert AuditEvent.objects.filter(code="meetings.team.created").count() == 1


def test_a_teacher_cannot_set_up_a_team(world):
    with pytest.raises(PermissionDenied):
        team(world, actor="leader")


def test_a_team_cannot_include_a_learner_or_another_centres_staff(world):
    with pytest.raises(DomainError, match="no staff role"):
        team(world, members=("leader", "learner"))
    with pytest.raises(DomainError, match="no staff role"):
        team(world, members=("leader", "outsider"))


def test_a_member_records_a_meeting_with_attendance(world):
    m = meeting(world, team(world))
    assert (list(m.present.all()), list(m.apologies.all())) == (
        sorted([world["leader"], world["assessor"]], key=lambda p: p.full_name), [world["iv"]])
    assert AuditEvent.objects.filter(code="meetings.meeting.recorded").exists()


def test_the_nominee_records_a_meeting_of_any_team(world):
    assert meeting(world, team(world), actor="nominee").recorded_by == world["nominee"]


def test_someone_outside_the_team_cannot_record_its_meeting(world):
    t = team(world)
    for name in ("head", "lead_iv"):
        with pytest.raises(PermissionDenied):
            meeting(world, t, actor=name)
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("change, words", [
    ({"held_on": timezone.localdate() + timedelta(days=1)}, "in the future"),
    ({"agenda": " "}, "Write the agenda"),
    ({"present": []}, "Tick who was present"),
    ({"apologies": "same"}, "both present and"),
    ({"present": "outsider"}, "only members"),
])
def test_a_meeting_needs_date_agenda_and_attendance_of_members(world, change, words):
    t = team(world)
    kwargs = {"actor": world["leader"], "team": t, "held_on": timezone.localdate(),
              "agenda": "Progress", "present": [world["leader"]], "apologies": []} | change
    if kwargs["apologies"] == "same":
        kwargs["apologies"] = [world["leader"]]
    if kwargs["present"] == "outsider":
        kwargs["present"] = [world["head"]]
    with pytest.raises(DomainError, match=words):
        services.record_meeting(**kwargs)
    assert Meeting.objects.count() == 0


def test_correcting_a_meeting_keeps_its_history(world, login):
    m = meeting(world, team(world))
    services.correct_meeting(actor=world["assessor"], meeting=m, held_on=m.held_on,
                             agenda=m.agenda, present=[world["leader"]],
                             apologies=[world["iv"], world["assessor"]], minutes="Corrected.",
                             decisions=m.decisions)
    m.refresh_from_db()
    assert m.minutes == "Corrected." and m.present.count() == 1
    page = login(world["leader"]).get(reverse("meetings:meeting-detail", args=[m.pk]))
    assert "Went through the tracker." in page.content.decode()  # the old minutes, in history


def test_a_teacher_reads_only_their_own_teams_meetings(world):
    mine, other = team(world), team(world, name="Health team", members=("lead_iv",),
                                    chair=None)
    m = meeting(world, other, actor="lead_iv", present=("lead_iv",), apologies=())
    assert list(selectors.readable_teams(world["assessor"])) == [mine]
    with pytest.raises(Http404):
        selectors.get_meeting_for_user(world["assessor"], m.pk)
    # The external reviewer reads every team's meetings, as the centre's leaders do.
    for name in ("head", "slt", "nominee", "reviewer"):
        assert selectors.get_meeting_for_user(world[name], m.pk) == m
    for name in ("learner", "outsider", "exams"):
        with pytest.raises(Http404):
            selectors.get_meeting_for_user(world[name], m.pk)


def test_a_meeting_sets_an_action_for_a_member_of_staff(world):
    m = meeting(world, team(world))
    action = services.set_meeting_action(actor=world["assessor"], meeting=m,
                                         description="Re-draft the Unit 3 brief",
                                         owner=world["assessor"],
                                         due_on=timezone.localdate() + timedelta(days=14))
    assert (action.meeting, action.centre) == (m, world.centre)


def test_someone_outside_the_team_cannot_set_its_meetings_actions(world):
    m = meeting(world, team(world))
    with pytest.raises(PermissionDenied):
        services.set_meeting_action(actor=world["head"], meeting=m, description="x",
                                    owner=world["leader"], due_on=timezone.localdate())


def test_the_record_a_meeting_form_says_what_is_wrong(world, login):
    t = team(world)
    response = login(world["leader"]).post(reverse("meetings:meeting-add", args=[t.pk]),
                                           {"held_on": "", "agenda": ""})
    assert "Give the date the meeting was held." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_the_record_a_meeting_form_records_it(world, login):
    t = team(world)
    response = login(world["leader"]).post(reverse("meetings:meeting-add", args=[t.pk]), {
        "held_on": timezone.localdate().isoformat(), "agenda": "Progress",
        "present": [world["leader"].pk, world["iv"].pk], "minutes": "m", "decisions": "d"})
    m = Meeting.objects.get()
    assert response.url == reverse("meetings:meeting-detail", args=[m.pk])
    assert m.present.count() == 2


def test_setting_an_action_by_the_page(world, login):
    m = meeting(world, team(world))
    client = login(world["leader"])
    client.post(reverse("meetings:meeting-action-add", args=[m.pk]), {
        "description": "Book the standardisation room", "owner": world["iv"].pk,
        "due_on": (timezone.localdate() + timedelta(days=7)).isoformat()})
    assert m.actions.get().owner == world["iv"]
    page = client.get(reverse("meetings:meeting-detail", args=[m.pk])).content.decode()
    assert "Book the standardisation room" in page


def test_a_teacher_outside_the_team_gets_404_on_its_pages(world, login):
    t = team(world, members=("leader",))
    m = meeting(world, t, present=("leader",), apologies=())
    client = login(world["assessor"])
    for url in (reverse("meetings:team-detail", args=[t.pk]),
                reverse("meetings:meeting-detail", args=[m.pk]),
                reverse("meetings:meeting-add", args=[t.pk])):
        assert client.get(url).status_code == 404


def test_the_head_reads_a_team_but_may_not_record_its_meeting(world, login):
    t = team(world)
    client = login(world["head"])
    assert client.get(reverse("meetings:team-detail", args=[t.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting-add", args=[t.pk])).status_code == 403
