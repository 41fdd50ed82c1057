"""The shipped framework is loaded at every migrate and after every flush, idempotently: what
is missing comes back, what an administrator edited is kept."""

import pytest
from django.core.management import call_command

from qmr.framework import loading
from qmr.framework.models import FrameworkVersion, Measure, Objective


def _counts():
    return (FrameworkVersion.objects.count(), Objective.objects.count(), Measure.objects.count())


@pytest.mark.django_db
def test_loading_again_adds_nothing(shipped):
    before = _counts(), Measure.history.count()
    loading.load_shipped()
    assert (_counts(), Measure.history.count()) == before


@pytest.mark.django_db
def test_the_loaded_rows_have_a_created_history(shipped):
    measure = Measure.objects.get(objective__version=shipped, code="QO.3.4")
    created = measure.history.get()
    assert created.history_type == "+"
    assert created.history_change_reason == loading.REASON
    assert created.title == measure.title


@pytest.mark.django_db
def test_a_deleted_measure_comes_back_and_an_edited_one_is_kept(shipped):
    Measure.objects.filter(objective__version=shipped, code="QO.1.4").delete()
    edited = Measure.objects.get(objective__version=shipped, code="QO.1.1")
    edited.title = "Edited by the administrator"
    edited.save(update_fields=["title"])
    loading.load_shipped()
    assert Measure.objects.filter(objective__version=shipped, code="QO.1.4").exists()
    edited.refresh_from_db()
    assert edited.title == "Edited by the administrator"


@pytest.mark.django_db(transaction=True)
def test_the_framework_survives_a_flush():
    """What the live-server tests do between tests: empty every table, then post_migrate."""
    shipped = (2, 20, 100)  # 2016-17 and the current quality assurance, ten objectives each
    assert _counts() == shipped
    call_command("flush", interactive=False, verbosity=0)
    assert _counts() == shipped
    assert set(FrameworkVersion.objects.values_list("slug", flat=True)) == {
        "qmr-2016-17", "btec-qa-2019"}
