"""Celery tasks of appeals: take IDs, fetch again, call a service."""

from celery import shared_task


@shared_task(acks_late=True)
def tell_learner(stage_id: int) -> bool:
    """E-mail the learner a stage's outcome and what they can do next; record it as told."""
    from appeals.decisions import notices
    from appeals.decisions.models import AppealStage

    stage = AppealStage.objects.select_related(
        "appeal__learner__user", "appeal__centre",
        "appeal__decision__submission__assignment").filter(pk=stage_id).first()
    if stage is None or not stage.outcome or stage.learner_told_at:
        return False
    return notices.tell_learner(stage)
