"""Programme review URLs, included in the `registrations` namespace."""

from django.urls import path

from registrations.programme_review import views

urlpatterns = [
    path("programme-reviews/", views.review_list, name="review-list"),
    path("programmes/<int:pk>/review/start/", views.review_start, name="review-start"),
    path("programme-reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("programme-reviews/<int:pk>/edit/", views.review_edit, name="review-edit"),
    path("programme-reviews/<int:pk>/actions/", views.review_action_add,
         name="review-action-add"),
    path("programme-reviews/<int:pk>/sign-off/", views.review_sign_off,
         name="review-sign-off"),
]
