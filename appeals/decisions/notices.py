"""What the learner is told of each stage's outcome."""

from django.core.mail import send_mail
from django.urls import reverse

from appeals.decisions import services
from appeals.decisions.models import AppealStage, Outcome, Stage


def next_steps(stage: AppealStage) -> str:
    if stage.outcome == Outcome.UPHELD:
        return "Your result has been corrected: you can see it with your work."
    if stage.number == Stage.AWARDING_BODY:
        return "The awarding body's decision is final."
    return (f"If you are still not satisfied you can take it to stage {stage.number + 1}; "
            f"otherwise accept the outcome. Both are on your appeal's page.")


def tell_learner(stage: AppealStage) -> bool:
    """E-mail the outcome to the learner's account; False when the learner has none."""
    user = stage.appeal.learner.user
    if user is None or not user.email:
        return False
    appeal = stage.appeal
    url = reverse("appeals:appeal-detail", args=[appeal.pk])
    send_mail(
        subject=f"Your appeal: {stage.get_number_display()} decided",
        message=(f"Your appeal against the decision on "
                 f"{appeal.decision.submission.assignment} has an outcome at "
                 f"{stage.get_number_display().lower()}: "
                 f"{stage.get_outcome_display().lower()}.\n\nReasons: {stage.reasons}\n\n"
                 f"{next_steps(stage)}\n\nYour appeal: {url}\n"),
        from_email=None, recipient_list=[user.email])
    return services.mark_told(stage)
