from django.urls import path

from qmr.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.team_list, name="team-list"),
    path("centres/<int:centre_id>/teams/add/", views.team_add, name="team-add"),
    path("teams/<int:pk>/", views.team_detail, name="team-detail"),
    path("teams/<int:pk>/edit/", views.team_edit, name="team-edit"),
    path("teams/<int:pk>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("<int:pk>/actions/add/", views.meeting_action_add, name="meeting-action-add"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("actions/<int:pk>/file/", views.action_file, name="action-file"),
]
