from django.urls import include, path

app_name = "assessment"

urlpatterns = [
    path("grids/", include("assessment.grid_urls")),
]
