"""Employer involvement URLs, included in the `registrations` namespace."""

from django.urls import path

from registrations.employer_involvement import views

urlpatterns = [
    path("employer-activities/", views.activity_list, name="employer-list"),
    path("programmes/<int:pk>/employer-activities/add/", views.activity_add,
         name="employer-add"),
    path("employer-activities/<int:pk>/", views.activity_detail, name="employer-detail"),
    path("employer-activities/<int:pk>/participation/", views.participation_record,
         name="employer-participation"),
    path("employer-activities/<int:pk>/verify/", views.activity_verify,
         name="employer-verify"),
]
