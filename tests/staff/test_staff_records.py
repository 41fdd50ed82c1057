"""Staff records: who writes each part, who reads them, and what is refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from qmr.audit import AuditEvent
from qmr.errors import DomainError
from qmr.staff import selectors, services
from qmr.staff.models import INDUCTION_ITEMS, Qualification, Training
from tests.staff.helpers import training, year

pytestmark = pytest.mark.django_db


def test_a_teacher_records_their_own_cpd_in_the_year_it_fell_in(world):
    t = training(world)
    assert (t.person, t.recorded_by, t.academic_year) == (world["assessor"],
                                                          world["assessor"], year(world))
    assert AuditEvent.objects.filter(code="staff.training.added").count() == 1


def test_the_nominee_records_anyones_training(world):
    assert training(world, actor="nominee", kind="standardisation").recorded_by == \
        world["nominee"]


def test_a_teacher_cannot_record_a_colleagues_training(world):
    with pytest.raises(PermissionDenied):
        training(world, person="iv", actor="assessor")
    assert Training.objects.count() == 0


@pytest.mark.parametrize("change, words", [
    ({"hours": "0"}, "Give the hours"),
    ({"held_on": date(2026, 12, 25)}, "in the future"),
    ({"held_on": date(2020, 1, 6)}, "none of the centre's academic years"),
])
def test_training_needs_hours_a_past_date_and_an_academic_year(world, change, words):
    with pytest.raises(DomainError, match=words):
        training(world, **change)


def test_no_record_for_a_learner_or_someone_of_another_centre(world):
    year(world)
    for who in ("learner", "outsider"):
        with pytest.raises(DomainError, match="no staff role"):
            services.add_training(actor=world["nominee"], centre=world.centre,
                                  person=world[who], kind="cpd", title="x",
                                  held_on=date(2026, 10, 1), hours=Decimal(1))


def test_the_nominee_records_qualifications_induction_and_job_description(world):
    services.add_qualification(actor=world["nominee"], centre=world.centre,
                               person=world["iv"], kind="verifier", title="Level 4 IQA award",
                               awarded_on=date(2019, 6, 1),
                               evidence=SimpleUploadedFile("c.pdf", b"%PDF"))
    induction = services.record_induction(actor=world["head"], centre=world.centre,
                                          person=world["iv"], inducted_on=date(2026, 9, 2),
                                          covered=list(INDUCTION_ITEMS),
                                          completed_by=world["nominee"])
    job = services.save_job_description(actor=world["nominee"], centre=world.centre,
                                        person=world["iv"], text="Verifies Sport units.")
    assert induction.complete and job.text == "Verifies Sport units."
    assert Qualification.objects.get().evidence.name.endswith(".pdf")


def test_a_teacher_cannot_write_their_own_qualifications(world):
    with pytest.raises(PermissionDenied):
        services.add_qualification(actor=world["iv"], centre=world.centre, person=world["iv"],
                                   kind="assessor", title="x", awarded_on=date(2020, 1, 1))


def test_an_induction_must_say_what_it_covered_and_who_gave_it(world):
    kwargs = {"actor": world["nominee"], "centre": world.centre, "person": world["iv"],
              "inducted_on": timezone.localdate()}
    with pytest.raises(DomainError, match="Tick what"):
        services.record_induction(covered=[], completed_by=world["nominee"], **kwargs)
    with pytest.raises(DomainError, match="who gave"):
        services.record_induction(covered=["role"], completed_by=None, **kwargs)


def test_a_job_description_needs_text_or_a_file(world):
    with pytest.raises(DomainError, match="Type the job description"):
        services.save_job_description(actor=world["nominee"], centre=world.centre,
                                      person=world["iv"], text=" ")


def test_who_reads_a_staff_record(world):
    c, p = world.centre.pk, world["assessor"].pk
    # The external reviewer reads staff records too (the evidence pack links to them).
    for name in ("assessor", "head", "slt", "nominee", "reviewer"):
        assert selectors.get_staff_person_for_user(world[name], c, p)[1] == world["assessor"]
    for name in ("iv", "leader", "lead_iv", "exams", "learner", "sv", "outsider"):
        with pytest.raises(Http404):
            selectors.get_staff_person_for_user(world[name], c, p)


def test_a_teacher_reading_a_colleagues_record_gets_404_and_nothing_changes(world, login):
    training(world)
    client = login(world["iv"])
    url = reverse("staff:record", args=[world.centre.pk, world["assessor"].pk])
    assert client.get(url).status_code == 404
    response = client.post(reverse("staff:training-add", args=[world.centre.pk,
                                                               world["assessor"].pk]),
                           {"kind": "cpd", "title": "x", "held_on": "2026-10-01", "hours": "2"})
    assert response.status_code == 404
    assert Training.objects.count() == 1


def test_the_record_page_shows_training_by_year_with_its_history(world, login):
    training(world, hours="2.5")
    page = login(world["nominee"]).get(reverse("staff:record", args=[
        world.centre.pk, world["assessor"].pk])).content.decode()
    assert "2026/27: 2.5 hours" in page and "Awarding body update" in page
    assert "History" in page


def test_recording_training_by_the_page_shows_what_is_wrong(world, login):
    year(world)
    client = login(world["assessor"])
    url = reverse("staff:training-add", args=[world.centre.pk, world["assessor"].pk])
    response = client.post(url, {"kind": "cpd", "title": "Visit", "held_on": "2026-10-01",
                                 "hours": ""}, follow=True)
    assert "Give the hours it took" in response.content.decode()
    client.post(url, {"kind": "cpd", "title": "Visit", "held_on": "2026-10-01", "hours": "1.5",
                      "evidence": SimpleUploadedFile("note.pdf", b"%PDF")})
    t = Training.objects.get()
    assert t.hours == Decimal("1.5")
    assert client.get(reverse("staff:file", args=["training", t.pk])).status_code == 200
    assert login(world["iv"]).get(reverse("staff:file", args=["training", t.pk])
                                  ).status_code == 404


def test_the_staff_list_shows_hours_induction_and_awards(world, login):
    training(world, hours="4")
    services.add_qualification(actor=world["nominee"], centre=world.centre,
                               person=world["assessor"], kind="assessor", title="TAQA",
                               awarded_on=date(2018, 7, 1))
    people = {p.pk: p for p in selectors.staff_list(world.centre, year(world))}
    me = people[world["assessor"].pk]
    assert (me.cpd_hours, me.inducted, me.qualification_count, me.assessor_award) == (
        Decimal("4"), False, 1, True)
    assert people[world["iv"].pk].cpd_hours == 0
    assert world["learner"].pk not in people
    page = login(world["head"]).get(reverse("staff:staff-list", args=[world.centre.pk]))
    assert "None recorded" in page.content.decode()


def test_a_teacher_gets_403_on_the_staff_list(world, login):
    url = reverse("staff:staff-list", args=[world.centre.pk])
    assert login(world["assessor"]).get(url).status_code == 403

