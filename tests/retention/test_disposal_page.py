"""The Quality Nominee's disposal page on the demo centre: records past their time kind by
kind; confirming one disposes of it and leaves an attributed record on the page. Only the
nominee confirms; another centre's nominee does not see the page at all."""

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from assessment.models import EvidenceFile, Submission
from qmr.models import Centre, User
from qmr.retention.models import DisposalRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo")
    return Centre.objects.get(number="48213")


def _page(client, email, centre):
    client.force_login(User.objects.get(email=email))
    return client.get(reverse("retention:disposal-list", args=[centre.pk]))


def test_the_nominee_sees_and_disposes_of_a_hand_in_file(client, demo, committed):
    page = _page(client, "quality@brookfield.example", demo).content.decode()
    assert "Assessment records (3)" in page and "Learner work (3)" in page
    assert "Internal verification records (1)" in page
    assert "Learner work is kept until twelve weeks after the certificates are issued" in page
    file = EvidenceFile.objects.filter(submission__learner__centre_ref="HS21-0001").get()
    name = file.file.name
    with committed():
        response = client.post(reverse("retention:disposal-confirm",
                                       args=[demo.pk, "assessment.learner_work", file.pk]))
    assert response.status_code == 302
    assert not EvidenceFile.objects.filter(pk=file.pk).exists()
    assert not EvidenceFile.history.filter(id=file.pk).exists()  # its copies went with it
    assert not default_storage.exists(name)
    done = DisposalRecord.objects.get()
    assert done.disposed_by.email == "quality@brookfield.example"
    assert done.removed == "The hand-in file; 1 stored file removed."
    page = client.get(response.url).content.decode()
    assert "Learner work (2)" in page and done.reference in page and "Priya Raman" in page


def test_confirming_a_whole_kind_and_loading_the_demo_again_adds_nothing(client, demo):
    _page(client, "quality@brookfield.example", demo)
    client.post(reverse("retention:disposal-confirm-kind", args=[demo.pk, "assessment.records"]))
    assert DisposalRecord.objects.filter(kind="assessment.records").count() == 3
    counts = Submission.objects.count(), EvidenceFile.objects.count()
    call_command("load_demo")
    assert (Submission.objects.count(), EvidenceFile.objects.count()) == counts
    page = client.get(reverse("retention:disposal-list", args=[demo.pk])).content.decode()
    assert "Assessment records (" not in page


def test_the_head_sees_the_list_but_may_not_confirm(client, demo):
    assert _page(client, "head@brookfield.example", demo).status_code == 200
    file = EvidenceFile.objects.filter(submission__learner__centre_ref="HS21-0001").get()
    response = client.post(reverse("retention:disposal-confirm",
                                   args=[demo.pk, "assessment.learner_work", file.pk]))
    assert response.status_code == 403 and EvidenceFile.objects.filter(pk=file.pk).exists()


def test_another_centres_nominee_gets_404(client, demo):
    assert _page(client, "quality@northgate.example", demo).status_code == 404
    file = EvidenceFile.objects.filter(submission__learner__centre_ref="HS21-0001").get()
    response = client.post(reverse("retention:disposal-confirm",
                                   args=[demo.pk, "assessment.learner_work", file.pk]))
    assert response.status_code == 404 and not DisposalRecord.objects.exists()
