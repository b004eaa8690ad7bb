"""/api/v1/docs: the API's reference as a page of the site, written from its OpenAPI schema
(nothing is loaded from another site, and the page is as accessible as the others)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from marmot_monitor.web.api.api import api

DOCUMENTED_METHODS = ("get", "post", "put", "patch", "delete")


def _type(schema: dict) -> str:
    """A parameter's type in words: ``string``, ``integer``, ``list of string``..."""
    if "anyOf" in schema:
        parts = [_type(part) for part in schema["anyOf"] if part.get("type") != "null"]
        separator = gettext("or")
        return f" {separator} ".join(parts)
    if "enum" in schema:
        choices = ", ".join(str(choice) for choice in schema["enum"])
        return gettext("one of {choices}").format(choices=choices)
    if schema.get("type") == "array":
        return gettext("list of {type}").format(type=_type(schema.get("items", {})))
    return schema.get("type", "any")


def endpoints(schema: dict) -> list[dict]:
    """Each operation of ``schema``: method, path, summary, description, parameters (name,
    where, type, default, required) and response statuses, in the schema's order."""
    found = []
    for path, operations in schema["paths"].items():
        for method in DOCUMENTED_METHODS:
            if method not in operations:
                continue
            operation = operations[method]
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "type": _type(parameter.get("schema", {})),
                    "default": parameter.get("schema", {}).get("default"),
                    "required": parameter.get("required", False),
                }
                for parameter in operation.get("parameters", [])
            ]
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation["operationId"],
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


def docs(request: HttpRequest) -> HttpResponse:
    """The public reference of every endpoint, its parameters and its answers."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    context = {
        "title": schema["info"]["title"],
        "description": schema["info"]["description"],
        "endpoints": endpoints(schema),
    }
    return render(request, "api/docs.html", context)
