from appeals.decisions import urls as decision_urls

app_name = "appeals"

urlpatterns = [*decision_urls.urlpatterns]
