"""The deadline pages: a person's own deadlines (with their reminder choice and calendar
feed), the reminders they were sent, the feed itself (reached by its private token, no
login), and the centre's year plan for its senior people."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from qmr import selectors as core_selectors
from qmr.deadlines import feed, selectors, services
from qmr.deadlines.models import CalendarFeed, Delivery, ReminderSettings
from qmr.feedback import attempt, attempt_form
from qmr.review import access


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(label="How should reminders reach you by e-mail?",
                                 choices=Delivery.choices, widget=forms.RadioSelect)


@login_required
def my_deadlines(request: HttpRequest) -> HttpResponse:
    user = request.user
    chosen = ReminderSettings.objects.filter(person=user).values_list("delivery", flat=True)
    calendar = CalendarFeed.objects.filter(person=user).first()
    return render(request, "deadlines/mine.html", {
        "found": selectors.personal(user, timezone.localdate()),
        "form": DeliveryForm(initial={"delivery": chosen.first() or Delivery.DIGEST}),
        "feed_url": request.build_absolute_uri(reverse("deadlines:feed", args=[calendar.token]))
        if calendar else "",
    })


@login_required
@require_POST
def choose_delivery(request: HttpRequest) -> HttpResponse:
    attempt_form(request, DeliveryForm(request.POST),
                 lambda data: services.choose_delivery(person=request.user, **data),
                 "Your reminder choice is saved.")
    return redirect("deadlines:mine")


@login_required
@require_POST
def new_feed(request: HttpRequest) -> HttpResponse:
    attempt(request, lambda: services.new_feed(person=request.user),
            "Your calendar feed address is below. Any earlier address no longer works.")
    return redirect("deadlines:mine")


@login_required
@require_POST
def revoke_feed(request: HttpRequest) -> HttpResponse:
    attempt(request, lambda: services.revoke_feed(person=request.user),
            "Your calendar feed is stopped: its address no longer works.")
    return redirect("deadlines:mine")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    calendar = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if calendar is None or not calendar.person.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(feed.calendar_for(calendar.person),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    return response


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    return render(request, "deadlines/notifications.html",
                  {"reminders": selectors.sent_to(request.user)})


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    services.mark_read(person=request.user)
    return redirect("deadlines:notifications")


@login_required
def year_plan_home(request: HttpRequest) -> HttpResponse:
    """The menu's link: the year plan of the first centre this person reads it for."""
    centre = access.first_centre(request.user, access.CENTRE_SIDE)
    if centre is None:
        raise Http404("You read no centre's year plan.")
    return redirect("deadlines:year-plan", centre.pk)


@login_required
def year_plan(request: HttpRequest, centre_id: int) -> HttpResponse:
    centre = access.get_centre(request.user, centre_id, access.CENTRE_SIDE)
    years = list(centre.academic_years.order_by("-starts_on"))
    chosen = request.GET.get("year", "")
    year = (core_selectors.get_year(centre, int(chosen)) if chosen.isdigit()
            else core_selectors.current_year(centre) or (years[0] if years else None))
    months = selectors.year_plan(centre, year.starts_on, year.ends_on) if year else []
    return render(request, "deadlines/year_plan.html", {
        "centre": centre, "year": year, "years": years, "months": months,
        "today": timezone.localdate()})


app_name = "deadlines"
urlpatterns = [
    path("", my_deadlines, name="mine"),
    path("reminders/", choose_delivery, name="delivery"),
    path("feed/new/", new_feed, name="feed-new"),
    path("feed/stop/", revoke_feed, name="feed-revoke"),
    path("feed/<str:token>.ics", calendar_feed, name="feed"),
    path("notifications/", notifications, name="notifications"),
    path("notifications/read/", mark_read, name="mark-read"),
    path("year-plan/", year_plan_home, name="year-plan-home"),
    path("centre/<int:centre_id>/year-plan/", year_plan, name="year-plan"),
]
