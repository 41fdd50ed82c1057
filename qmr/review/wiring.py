"""Connect the annual review to the core: scope paths for permission checks, and the
registries its modules join when imported (home page, navigation, demo data, deadlines)."""


def connect() -> None:
    from qmr import permissions
    from qmr.models import Centre
    from qmr.review import deadlines, demo_data, documents, models, worklists  # noqa: F401

    permissions.register(models.ReviewCycle, {Centre: "centre"})
    for model in (models.ReviewVisit, models.EngagementDocument, models.Judgement,
                  models.ReviewAction, models.ProgressUpdate, models.BlockRecommendation,
                  models.MeasureNote, models.PackDocument):
        permissions.register(model, {Centre: "cycle__centre"})
    permissions.register(models.ReadinessSnapshot, {Centre: "centre"})
