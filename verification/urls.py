from django.urls import path

from verification import views

app_name = "verification"

urlpatterns = [
    path("briefs/<int:pk>/verify/", views.brief_verify, name="brief-verify"),
    path("programmes/<int:pk>/", views.programme_iv, name="programme-iv"),
    path("programmes/<int:pk>/sample/", views.take_sample, name="take-sample"),
    path("mine/", views.my_verifications, name="my-verifications"),
    path("overview/", views.overview, name="overview"),
    path("areas/<int:pk>/lead-iv/", views.lead_iv_register, name="lead-iv-register"),
    path("areas/<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("lead-ivs/<int:pk>/standardised/", views.lead_iv_standardised,
         name="lead-iv-standardised"),
    path("work/<int:pk>/", views.verify_decision, name="verify-decision"),
    path("verifications/<int:pk>/actions/", views.action_raise, name="action-raise"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
]
