from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('qmr', '0003_new_role_permissions'),
        ('guardian', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(lambda apps, editor: grant_reviewer_reads(apps, editor),
                             migrations.RunPython.noop),
    ]


# The Centre Quality Reviewer now reads what the evidence pack links to: appointments made
# before this get the read grants now, as the roles table grants. Nothing here changes a record.
NEW_GRANTS = {
    "quality_reviewer": ["view_people", "view_learner_records", "view_staff_records",
                         "view_quality_records"],
}


def grant_reviewer_reads(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("qmr")
    config.models_module = True  # the historical app registry's stub lacks it
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Appointment = apps.get_model("qmr", "Appointment")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupObjectPermission = apps.get_model("guardian", "GroupObjectPermission")
    centre_ct = ContentType.objects.get(app_label="qmr", model="centre")
    perms = {p.codename: p for p in Permission.objects.filter(content_type=centre_ct)}
    rows = [
        GroupObjectPermission(group_id=a.group_id, permission=perms[code],
                              content_type=centre_ct, object_pk=str(a.scope_id))
        for a in Appointment.objects.filter(role__in=NEW_GRANTS, scope_type=centre_ct)
        for code in NEW_GRANTS[a.role]
    ]
    GroupObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)
