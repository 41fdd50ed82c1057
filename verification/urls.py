from django.urls import path

from verification import brief_views, views
from verification.standards import urls as standards_urls

app_name = "verification"

urlpatterns = [
    path("briefs/<int:pk>/", brief_views.brief_iv, name="brief-iv"),
    path("briefs/<int:pk>/pdf/", brief_views.brief_iv_pdf, name="brief-iv-pdf"),
    path("briefs/<int:pk>/verify/", brief_views.brief_verify, name="brief-verify"),
    path("brief-verifications/<int:pk>/sign/", brief_views.brief_sign, name="brief-sign"),
    path("brief-verifications/<int:pk>/countersign/", brief_views.brief_countersign,
         name="brief-countersign"),
    path("brief-actions/<int:pk>/done/", brief_views.brief_action_complete,
         name="brief-action-complete"),
    path("programmes/<int:pk>/", views.programme_iv, name="programme-iv"),
    path("programmes/<int:pk>/sample/", views.take_sample, name="take-sample"),
    path("mine/", views.my_verifications, name="my-verifications"),
    path("overview/", views.overview, name="overview"),
    path("areas/<int:pk>/lead-iv/", views.lead_iv_register, name="lead-iv-register"),
    path("areas/<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("lead-ivs/<int:pk>/standardised/", views.lead_iv_standardised,
         name="lead-iv-standardised"),
    path("work/<int:pk>/", views.verify_decision, name="verify-decision"),
    path("verifications/<int:pk>/", views.decision_iv, name="decision-iv"),
    path("verifications/<int:pk>/sign/", views.decision_sign, name="decision-sign"),
    path("verifications/<int:pk>/countersign/", views.decision_countersign,
         name="decision-countersign"),
    path("verifications/<int:pk>/actions/", views.action_raise, name="action-raise"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
]

urlpatterns += standards_urls.urlpatterns
