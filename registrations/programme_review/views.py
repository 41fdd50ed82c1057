"""Programme review pages. Thin: selector (404 for the unseen) -> form -> service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from qmr.feedback import attempt
from qmr.history import entries
from qmr.meetings.selectors import staff_of
from qmr.selectors import current_year
from registrations import selectors as programme_selectors
from registrations.programme_review import figures, forms, selectors, services
from registrations.programme_review.models import ProgrammeReview


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    year, state = request.GET.get("year", ""), request.GET.get("state", "")
    return render(request, "registrations/review_list.html", {
        "reviews": selectors.reviews_for_user(request.user, year=year, state=state),
        "missing": selectors.programmes_without_review(request.user),
        "year": year, "state": state,
    })


@login_required
@require_POST
def review_start(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_selectors.get_programme_for_user(request.user, pk)
    if not services.may_prepare(request.user, programme):
        raise PermissionDenied("Only the Programme Leader or the Quality Nominee may do this.")
    year = current_year(programme.centre)
    if year is None:
        messages.error(request, "The centre has no academic year for today: add it first.")
        return redirect("registrations:review-list")
    review = None

    def start() -> None:
        nonlocal review
        review = services.start_review(actor=request.user, programme=programme, year=year)

    if attempt(request, start, f"The {year} review of {programme} is open."):
        return redirect("registrations:review-detail", review.pk)
    return redirect("registrations:review-list")


def _context(request: HttpRequest, review: ProgrammeReview, **extra: object) -> dict:
    data = (figures.from_dict(review.figures_at_sign_off) if review.figures_at_sign_off
            else figures.compute(review.programme, review.academic_year))
    may_prepare = not review.signed_off and services.may_prepare(request.user, review.programme)
    return {
        "review": review, "figures": data, "previous": selectors.previous_review(review),
        "may_prepare": may_prepare,
        "may_sign_off": not review.signed_off and services.may_sign_off(request.user, review),
        "form": extra.get("form") or forms.ReviewForm(instance=review),
        "action_form": extra.get("action_form") or (
            forms.ReviewActionForm(staff=staff_of(review.programme.centre))
            if may_prepare else None),
        "history": entries(ProgrammeReview.history.filter(id=review.pk)),
    }


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    return render(request, "registrations/review_detail.html", _context(request, review))


@login_required
@require_POST
def review_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not services.may_prepare(request.user, review.programme):
        raise PermissionDenied("Only the Programme Leader or the Quality Nominee may do this.")
    form = forms.ReviewForm(request.POST)
    if form.is_valid() and attempt(request, lambda: services.update_review(
            actor=request.user, review=review, **form.cleaned_data), "The review was saved."):
        return redirect("registrations:review-detail", review.pk)
    return render(request, "registrations/review_detail.html",
                  _context(request, review, form=form), status=400)


@login_required
@require_POST
def review_action_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not services.may_prepare(request.user, review.programme):
        raise PermissionDenied("Only the Programme Leader or the Quality Nominee may do this.")
    form = forms.ReviewActionForm(request.POST, staff=staff_of(review.programme.centre))
    if form.is_valid() and attempt(request, lambda: services.add_review_action(
            actor=request.user, review=review, **form.cleaned_data), "The action was added."):
        return redirect("registrations:review-detail", review.pk)
    return render(request, "registrations/review_detail.html",
                  _context(request, review, action_form=form), status=400)


@login_required
@require_POST
def review_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_user(request.user, pk)
    if not services.may_sign_off(request.user, review):
        raise PermissionDenied("Only the senior manager who leads programme review may sign "
                               "it off.")
    attempt(request, lambda: services.sign_off_review(actor=request.user, review=review),
            "The review is signed off; its figures are kept as they stand today.")
    return redirect("registrations:review-detail", review.pk)
