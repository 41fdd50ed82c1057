"""A new year's version starts as a copy of the last: every objective and measure, the source
untouched, history and an event recorded; only administrators may do it."""

import pytest
from django.core.exceptions import PermissionDenied

from qmr.audit import AuditEvent
from qmr.errors import DomainError
from qmr.framework import loading, services
from qmr.framework.models import FrameworkVersion, Measure, Objective

pytestmark = pytest.mark.django_db
SHIPPED = len(loading.SHIPPED)  # the versions the product ships; a refusal adds none

NAME = "Quality Management Review 2017-18"


def _snapshot(version):
    objectives = list(Objective.objects.filter(version=version).order_by("number").values(
        "number", "code", "title", "statement", "blocks_certification"))
    measures = list(Measure.objects.filter(objective__version=version)
                    .order_by("objective__number", "number")
                    .values("objective__code", "number", "code", "title", "summary",
                            "suggested_evidence"))
    return objectives, measures


def _copy(actor, source, **kw):
    return services.copy_version(actor=actor, source=source, **{
        "name": NAME, "first_year": 2017, **kw})


def test_it_copies_every_objective_and_measure(admin_user, shipped):
    copy = _copy(admin_user, shipped)
    assert _snapshot(copy) == _snapshot(shipped)
    assert (copy.name, copy.slug, copy.first_year, copy.last_year) == (
        NAME, "quality-management-review-2017-18", 2017, None)
    assert copy.status == FrameworkVersion.Status.DRAFT
    assert copy.notes == "Started as a copy of Quality Management Review 2016-17."


def test_it_leaves_the_source_untouched(admin_user, shipped):
    before = _snapshot(shipped), FrameworkVersion.objects.filter(pk=shipped.pk).values().get()
    measure_pks = set(Measure.objects.filter(objective__version=shipped).values_list("pk"))
    copy = _copy(admin_user, shipped)
    Measure.objects.filter(objective__version=copy, code="QO.1.1").update(title="Changed")
    assert (_snapshot(shipped),
            FrameworkVersion.objects.filter(pk=shipped.pk).values().get()) == before
    assert set(Measure.objects.filter(objective__version=shipped).values_list("pk")) \
        == measure_pks


def test_it_records_who_copied_it(admin_user, shipped):
    copy = _copy(admin_user, shipped)
    event = AuditEvent.objects.get(code="framework.version.copied")
    assert (event.actor, event.object_id, event.data) == (admin_user, str(copy.pk),
                                                          {"source": shipped.pk})
    assert copy.history.get().history_user == admin_user
    assert Measure.history.filter(history_user=admin_user).count() == 50


def test_a_centre_role_cannot_copy(world, shipped):
    with pytest.raises(PermissionDenied):
        _copy(world["nominee"], shipped)
    assert FrameworkVersion.objects.count() == SHIPPED


@pytest.mark.parametrize("kw, message", [
    ({"name": "Quality Management Review 2016-17"}, "already a framework version called"),
    ({"name": "  "}, "Give the new version a name"),
    ({"first_year": 2016}, "must start after 2016/17"),
    ({"slug": "qmr-2016-17"}, "is taken by another version"),
])
def test_it_refuses_a_clash_or_a_year_not_after_the_source(admin_user, shipped, kw, message):
    with pytest.raises(DomainError, match=message):
        _copy(admin_user, shipped, **kw)
    assert FrameworkVersion.objects.count() == SHIPPED


def test_the_admin_action_asks_for_the_name_and_year_then_copies(client, admin_user, shipped):
    client.force_login(admin_user)
    url = "/admin/framework/frameworkversion/"
    data = {"action": "copy_as_new_version", "_selected_action": [shipped.pk]}
    form = client.post(url, data)
    assert b"Start the new version" in form.content
    assert form.context["form"].initial["first_year"] == 2017
    done = client.post(url, {**data, "apply": "1", "name": NAME, "first_year": "2017"})
    assert done.status_code == 302
    copy = FrameworkVersion.objects.get(name=NAME)
    assert _snapshot(copy) == _snapshot(shipped)


def test_the_admin_action_shows_a_refusal_and_copies_nothing(client, admin_user, shipped):
    client.force_login(admin_user)
    response = client.post("/admin/framework/frameworkversion/", {
        "action": "copy_as_new_version", "_selected_action": [shipped.pk], "apply": "1",
        "name": NAME, "first_year": "2015"})
    assert "must start after 2016/17" in response.content.decode()
    assert FrameworkVersion.objects.count() == SHIPPED
