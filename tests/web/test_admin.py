"""Staff manage every model of the domain in the Django admin."""

import pytest
from django.apps import apps
from django.contrib import admin

MARMOT_APPS = ("places", "catalogue", "data", "programme", "accounts")


def test_every_domain_model_is_registered_in_the_admin():
    models = [m for label in MARMOT_APPS for m in apps.get_app_config(label).get_models()]
    assert models
    missing = [m.__name__ for m in models if m not in admin.site._registry]
    assert missing == []


@pytest.mark.django_db
def test_every_admin_list_page_opens_for_a_superuser(admin_client):
    for model in admin.site._registry:
        if model._meta.app_label in MARMOT_APPS:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url
