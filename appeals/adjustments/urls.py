from django.urls import path

from appeals.adjustments import views

urlpatterns = [
    path("adjustments/", views.adjustments, name="adjustments"),
    path("adjustments/programmes/<int:pk>/", views.programme_adjustments,
         name="programme-adjustments"),
    path("considerations/<int:pk>/", views.consideration_detail, name="consideration-detail"),
    path("considerations/<int:pk>/evidence/", views.consideration_evidence,
         name="consideration-evidence"),
    path("considerations/<int:pk>/decide/", views.consideration_decide,
         name="consideration-decide"),
    path("considerations/<int:pk>/told/", views.consideration_told, name="consideration-told"),
    path("considerations/<int:pk>/sent/", views.consideration_sent, name="consideration-sent"),
]
