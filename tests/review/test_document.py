"""The Centre Engagement Document: prepared by the Quality Nominee, its re-declaration signed
by the Head of Centre alone, submitted only when complete, then locked; a change after that
is a new, attributed version with the old one still readable."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from qmr.errors import DomainError
from qmr.review import document_rules, services
from qmr.review.models import ApprovalDeclaration, EngagementDocument

pytestmark = pytest.mark.django_db


def started(world, review):
    return services.start_document(actor=world["nominee"], cycle=review.cycle)


def fill(world, document, **overrides):
    document = EngagementDocument.objects.get(pk=document.pk)
    arguments = {
        "changes": "A new IV policy was approved in July.", "terms_accepted": True,
        "statements": {s.objective_id: ("Clear procedures.", "Some late reviews.")
                       for s in document.statements.all()},
        "declared": {a.code: ("continuing", "") for a in document.approvals.all()},
        **overrides}
    return services.save_document(actor=world["nominee"], document=document, **arguments)


def test_the_draft_lists_every_objective_and_each_programme_to_re_declare(world, review):
    document = started(world, review)
    assert document.statements.count() == 10
    assert list(document.approvals.values_list("code", flat=True)) == [world.programme.code]
    gaps = document_rules.unfinished(document)
    assert "Describe the changes since the last review (or say there were none)." in gaps
    assert gaps[-1] == "The Head of Centre has not signed the re-declaration."


def test_prepared_signed_and_submitted_then_locked(world, review):
    document = fill(world, started(world, review))
    services.sign_declaration(actor=world["head"], document=document)
    document = services.submit_document(actor=world["nominee"], document=document)
    assert document.is_locked and document.submitted_by == world["nominee"]
    assert document.history.first().history_user == world["nominee"]
    with pytest.raises(DomainError, match="locked"):
        fill(world, document, changes="Changed after submitting")
    document.refresh_from_db()
    assert document.changes == "A new IV policy was approved in July."


def test_an_unsigned_document_is_refused(world, review):
    document = fill(world, started(world, review))
    with pytest.raises(DomainError, match="The Head of Centre has not signed"):
        services.submit_document(actor=world["nominee"], document=document)
    document.refresh_from_db()
    assert document.state == "draft" and document.submitted_at is None


def test_an_incomplete_document_is_refused_even_when_signed(world, review):
    document = fill(world, started(world, review))
    services.sign_declaration(actor=world["head"], document=document)
    statement = document.statements.first()
    fill(world, document, statements={statement.objective_id: ("Strong.", "")})
    with pytest.raises(DomainError, match=f"{statement.objective.code}: give its strengths and "
                                          "weaknesses"):
        services.submit_document(actor=world["nominee"], document=document)
    assert EngagementDocument.objects.get().state == "draft"


@pytest.mark.parametrize("persona", ["nominee", "slt", "assessor", "reviewer"])
def test_only_the_head_of_centre_signs(world, review, persona):
    document = fill(world, started(world, review))
    with pytest.raises(PermissionDenied, match="Only the Head of Centre"):
        services.sign_declaration(actor=world[persona], document=document)
    document.refresh_from_db()
    assert document.signed_at is None


def test_an_incomplete_declaration_cannot_be_signed(world, review):
    document = fill(world, started(world, review), terms_accepted=False)
    with pytest.raises(DomainError, match="recognition terms and conditions still hold"):
        services.sign_declaration(actor=world["head"], document=document)


def test_changing_the_declaration_after_signing_takes_the_signature_away(world, review):
    document = fill(world, started(world, review))
    services.sign_declaration(actor=world["head"], document=document)
    fill(world, document, changes="Reworded, the declaration untouched.")
    assert EngagementDocument.objects.get().signed_by == world["head"]
    code = world.programme.code
    fill(world, document, declared={code: (ApprovalDeclaration.Status.CEASED, "Last intake")})
    assert EngagementDocument.objects.get().signed_at is None


def test_a_change_after_submission_is_a_new_attributed_version(world, review):
    document = fill(world, started(world, review))
    services.sign_declaration(actor=world["head"], document=document)
    first = services.submit_document(actor=world["nominee"], document=document)
    with pytest.raises(DomainError, match="Say why"):
        services.revise_document(actor=world["nominee"], document=first, reason=" ")
    second = services.revise_document(actor=world["nominee"], document=first,
                                      reason="A programme closed in January")
    assert (second.number, second.state, second.created_by) == (2, "draft",
                                                                world["nominee"])
    assert second.signed_at is None and second.changes == first.changes
    assert second.statements.count() == 10
    fill(world, second, changes="Sport L2 closed.")
    first.refresh_from_db()
    assert first.changes == "A new IV policy was approved in July." and first.is_locked


def test_the_pages_prepare_sign_and_submit(client, world, review):
    client.force_login(world["nominee"])
    client.post(reverse("review:document-start", args=[review.cycle.pk]))
    document = EngagementDocument.objects.get()
    page = reverse("review:document", args=[document.pk])
    data = {"changes": "None this year.", "terms_accepted": "on",
            f"status-{world.programme.code}": "continuing"}
    for s in document.statements.all():
        data[f"strengths-{s.objective_id}"] = "Good."
        data[f"weaknesses-{s.objective_id}"] = "Some gaps."
    client.post(page, data)
    response = client.post(reverse("review:document-submit", args=[document.pk]), follow=True)
    assert "The Head of Centre has not signed the re-declaration." in response.content.decode()
    client.force_login(world["head"])
    assert "Sign as Head of Centre" in client.get(page).content.decode()
    client.post(reverse("review:document-sign", args=[document.pk]))
    client.force_login(world["nominee"])
    response = client.post(reverse("review:document-submit", args=[document.pk]), follow=True)
    assert "This version is now locked" in response.content.decode()
    assert EngagementDocument.objects.get().is_locked
    response = client.post(page, {**data, "changes": "Edited after"}, follow=True)
    assert "cannot be changed here" in response.content.decode()
    assert EngagementDocument.objects.get().changes == "None this year."


def test_a_teacher_sees_none_of_the_draft_and_the_reviewer_only_what_was_submitted(
        client, world, review):
    document = started(world, review)
    page = reverse("review:document", args=[document.pk])
    for persona in ("assessor", "iv", "leader", "reviewer"):
        client.force_login(world[persona])
        assert client.get(page).status_code == 404
    document = fill(world, document)
    services.sign_declaration(actor=world["head"], document=document)
    services.submit_document(actor=world["nominee"], document=document)
    client.force_login(world["reviewer"])
    assert client.get(page).status_code == 200
    client.force_login(world["assessor"])
    assert client.get(page).status_code == 404


def test_on_the_current_cycle_the_same_screen_is_the_annual_quality_declaration(client, world):
    from tests.review.conftest import open_review

    review = open_review(world, slug="btec-qa-2019")
    document = services.start_document(actor=world["nominee"], cycle=review.cycle)
    assert [s.key for s in document_rules.sections(document)] == [
        "progress", "changes", "declaration"]
    assert document_rules.deadline(document).isoformat() == "2026-10-14"
    client.force_login(world["nominee"])
    page = client.get(reverse("review:document", args=[document.pk])).content.decode()
    assert "Annual Quality Declaration 2026/27" in page
    assert "14 October 2026, the end of the declaration window" in page
    assert "Strengths and weaknesses" not in page
