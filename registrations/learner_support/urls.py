"""Learner support URLs, included in the `registrations` namespace."""

from django.urls import path

from registrations.learner_support import views

urlpatterns = [
    path("cohorts/<int:pk>/support/", views.cohort_support, name="cohort-support"),
    path("learners/<int:pk>/support/", views.learner_support, name="learner-support"),
    path("learners/<int:pk>/support/induction/", views.induction_record,
         name="learner-induction"),
    path("learners/<int:pk>/support/plan/", views.plan_agree, name="learner-plan"),
    path("learners/<int:pk>/support/tutorials/", views.tutorial_add, name="learner-tutorial"),
    path("me/support/", views.my_support, name="my-support"),
]
