from django.urls import path

from verification import views

app_name = "verification"

urlpatterns = [
    path("briefs/<int:pk>/verify/", views.brief_verify, name="brief-verify"),
]
