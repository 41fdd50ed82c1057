"""Root URLs. Apps are included by dotted path so qmr imports none of them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from qmr import views
from qmr.forms import PasswordChangeForm

app_urls = (
    [
        path("", views.home_page, name="home"),
        path("profile/", views.profile, name="profile"),
        path("centres/<int:centre_id>/settings/", views.centre_settings, name="centre-settings"),
        path("centres/<int:centre_id>/settings/details/", views.centre_details,
             name="centre-details"),
        path("centres/<int:centre_id>/settings/sites/add/", views.site_add, name="site-add"),
        path("centres/<int:centre_id>/settings/years/add/", views.year_add, name="year-add"),
        path("centres/<int:centre_id>/settings/years/<int:year_id>/terms/add/", views.term_add,
             name="term-add"),
        path("centres/<int:centre_id>/settings/certification-block/",
             views.certification_block_set, name="certification-block-set"),
        path("centres/<int:centre_id>/settings/certification-block/release/",
             views.certification_block_release, name="certification-block-release"),
        path("centres/<int:centre_id>/people/", views.people_list, name="people-list"),
        path("centres/<int:centre_id>/people/appoint/", views.appoint, name="people-appoint"),
        path("centres/<int:centre_id>/people/<int:person_id>/", views.person_detail,
             name="person-detail"),
        path("centres/<int:centre_id>/people/<int:person_id>/edit/", views.person_edit,
             name="person-edit"),
        path("appointments/<int:pk>/end/", views.appointment_end, name="appointment-end"),
        path("appointments/<int:pk>/last-day/", views.appointment_last_day,
             name="appointment-last-day"),
    ],
    "qmr",
)

urlpatterns = [
    path("", include(app_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/",
         auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
         name="password_change"),
    path("accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(),
         name="password_reset"),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(),
         name="password_reset_done"),
    path("accounts/password/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/password/reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("healthz/", views.healthz, name="healthz"),
    path("framework/", include("qmr.framework.urls")),
    path("policies/", include("qmr.policies.urls")),
    path("staff/", include("qmr.staff.urls")),
    path("meetings/", include("qmr.meetings.urls")),
    path("review/", include("qmr.review.urls")),
    path("jobs/", include("qmr.jobs.views")),
    path("retention/", include("qmr.retention.views")),
    path("deadlines/", include("qmr.deadlines.views")),
    path("registrations/", include("registrations.urls")),
    path("assessment/", include("assessment.urls")),
    path("verification/", include("verification.urls")),
    path("appeals/", include("appeals.urls")),
    path("admin/", admin.site.urls),
]
