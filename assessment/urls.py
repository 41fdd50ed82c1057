from django.urls import include, path

from assessment import views

app_name = "assessment"

urlpatterns = [
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/<str:action>/", views.plan_action, name="plan-action"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/issue/", views.brief_issue, name="brief-issue"),
    path("assignments/<int:pk>/extensions/", views.extension_add, name="extension-add"),
    path("assessing/", views.my_assessing, name="my-assessing"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/decide/", views.submission_decide, name="submission-decide"),
    path("submissions/<int:pk>/correct/", views.decision_correct, name="decision-correct"),
    path("submissions/<int:pk>/pdf/", views.submission_pdf, name="submission-pdf"),
    path("submissions/<int:pk>/<str:action>/", views.submission_action,
         name="submission-action"),
    path("files/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("my-work/", views.my_work, name="my-work"),
    path("my-work/<int:issue_pk>/hand-in/", views.hand_in, name="hand-in"),
    path("resubmissions/", views.resubmission_list, name="resubmission-list"),
    path("resubmissions/<int:pk>/<str:decision>/", views.resubmission_decide,
         name="resubmission-decide"),
    path("grids/", include("assessment.grid_urls")),
]
