"""Seed the standard area types."""

from django.db import migrations

from marmot_monitor.web.places.area_types import AREA_TYPES


def create_area_types(apps, schema_editor):
    AreaType = apps.get_model("places", "AreaType")
    for code, name, level in AREA_TYPES:
        AreaType.objects.get_or_create(code=code, defaults={"name": name, "level": level})


def remove_area_types(apps, schema_editor):
    codes = [code for code, _, _ in AREA_TYPES]
    apps.get_model("places", "AreaType").objects.filter(code__in=codes, areas=None).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(create_area_types, remove_area_types)]
