"""Tracking-grid URLs (kept apart so the grid work has its own module)."""

urlpatterns: list = []
