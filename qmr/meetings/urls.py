from django.urls import path

from qmr.meetings import views

app_name = "meetings"

urlpatterns = [
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/close/", views.action_close, name="action-close"),
    path("actions/<int:pk>/file/", views.action_file, name="action-file"),
]
