# The dates a brief was checked with are required from now on: a separate migration, so the
# backfill in 0003 is committed before the columns become NOT NULL (PostgreSQL refuses to alter
# a table with pending deferred-constraint checks in the same transaction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('qmr', '0001_initial'),
        ('verification', '0003_brief_checklist_and_signatures'),
    ]

    operations = [
        migrations.AlterField(
            model_name='briefverification',
            name='academic_year',
            field=models.ForeignKey(help_text='The year it was checked for.', on_delete=django.db.models.deletion.PROTECT, related_name='+', to='qmr.academicyear'),
        ),
        migrations.AlterField(
            model_name='briefverification',
            name='deadline',
            field=models.DateField(help_text='The deadline it was checked with.'),
        ),
        migrations.AlterField(
            model_name='briefverification',
            name='hand_out_on',
            field=models.DateField(help_text='The hand-out date it was checked with.'),
        ),
        migrations.AlterField(
            model_name='historicalbriefverification',
            name='deadline',
            field=models.DateField(help_text='The deadline it was checked with.'),
        ),
        migrations.AlterField(
            model_name='historicalbriefverification',
            name='hand_out_on',
            field=models.DateField(help_text='The hand-out date it was checked with.'),
        ),
    ]
