"""Tracking-grid URLs (kept apart so the grid work has its own module)."""

from django.urls import path

from assessment import grid_views

urlpatterns = [
    path("cohorts/<int:cohort_id>/", grid_views.grid_cohort, name="grid-cohort"),
    path("cohorts/<int:cohort_id>/csv/", grid_views.grid_cohort_csv, name="grid-cohort-csv"),
    path("cohorts/<int:cohort_id>/units/<int:unit_id>/", grid_views.grid_unit,
         name="grid-unit"),
    path("cohorts/<int:cohort_id>/units/<int:unit_id>/csv/", grid_views.grid_unit_csv,
         name="grid-unit-csv"),
    path("cohorts/<int:cohort_id>/pdf/", grid_views.grid_pdf, name="grid-cohort-pdf"),
    path("cohorts/<int:cohort_id>/units/<int:unit_id>/pdf/", grid_views.grid_pdf,
         name="grid-unit-pdf"),
]
