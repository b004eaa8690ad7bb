"""Seed the 8 Marmot Principles as the default framework."""

from django.db import migrations

from marmot_monitor.web.catalogue.marmot_principles import (
    FRAMEWORK_DESCRIPTION,
    FRAMEWORK_NAME,
    PRINCIPLES,
)


def create_marmot_framework(apps, schema_editor):
    Framework = apps.get_model("catalogue", "Framework")
    Principle = apps.get_model("catalogue", "Principle")
    framework, created = Framework.objects.get_or_create(
        name=FRAMEWORK_NAME,
        defaults={"description": FRAMEWORK_DESCRIPTION, "is_default": True},
    )
    if not created:
        return
    Principle.objects.bulk_create(
        Principle(
            framework=framework, number=number, title=title, short_name=short, summary=summary
        )
        for number, title, short, summary in PRINCIPLES
    )


def remove_marmot_framework(apps, schema_editor):
    apps.get_model("catalogue", "Framework").objects.filter(name=FRAMEWORK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]
    operations = [migrations.RunPython(create_marmot_framework, remove_marmot_framework)]
