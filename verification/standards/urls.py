"""Standards verification URLs, included in the `verification` namespace."""

from django.urls import path

from verification.standards import views

urlpatterns = [
    path("programmes/<int:pk>/standards/", views.sv_programme, name="sv-programme"),
    path("programmes/<int:pk>/standards/record/", views.sv_record, name="sv-record"),
    path("programmes/<int:pk>/standards/request/", views.sv_request, name="sv-request"),
    path("standards/samples/<int:pk>/declaration/", views.sample_declare, name="sv-declare"),
    path("standards/samples/<int:pk>/provided/", views.sample_provided, name="sv-provided"),
    path("standards/samples/<int:pk>/report/", views.sample_report, name="sv-report"),
    path("standards/samples/<int:pk>/actions/", views.sv_action_raise, name="sv-action-raise"),
    path("standards/actions/<int:pk>/close/", views.sv_action_close, name="sv-action-close"),
    path("standards/sampled/", views.sv_samples, name="sv-samples"),
    path("standards/sampled/learners/<int:pk>/", views.sv_learner, name="sv-learner"),
    path("standards/sampled/work/<int:pk>/", views.sv_work, name="sv-work"),
    path("standards/sampled/files/<int:pk>/", views.sv_file, name="sv-file"),
]
