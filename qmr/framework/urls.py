from django.urls import path

from qmr.framework import views

app_name = "framework"

urlpatterns = [
    path("", views.version_list, name="version-list"),
    path("<int:pk>/centres/<int:centre_id>/", views.version_detail, name="version-detail"),
]
