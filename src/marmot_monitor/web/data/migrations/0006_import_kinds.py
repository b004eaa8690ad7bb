# Joins the two 0005 migrations (local groupings; indicator metadata) and gives the import
# kinds of both.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("data", "0005_grouping"),
        ("data", "0005_import_kind_indicators"),
    ]

    operations = [
        migrations.AlterField(
            model_name="import",
            name="kind",
            field=models.CharField(
                choices=[
                    ("fingertips", "Fingertips download"),
                    ("values", "Tidy values"),
                    ("imd", "Indices of deprivation"),
                    ("lookup", "Area lookup"),
                    ("population", "Population estimates"),
                    ("boundaries", "Boundaries"),
                    ("groupings", "Local groupings"),
                    ("demo", "Fairshire demo"),
                    ("indicators", "Indicator metadata"),
                ],
                max_length=20,
            ),
        ),
    ]
