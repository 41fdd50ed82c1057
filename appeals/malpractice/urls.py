from django.urls import path

from appeals.malpractice import views

urlpatterns = [
    path("malpractice/", views.register, name="malpractice-register"),
    path("malpractice/raise/", views.raise_case, name="malpractice-raise"),
    path("malpractice/<int:pk>/", views.case_detail, name="case-detail"),
    path("malpractice/<int:pk>/report/", views.case_report, name="case-report"),
    path("malpractice/<int:pk>/<slug:step>/", views.case_step, name="case-step"),
    path("malpractice/evidence/<int:pk>/", views.case_evidence, name="case-evidence"),
]
