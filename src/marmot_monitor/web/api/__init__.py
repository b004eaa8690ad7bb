"""The open data API: read-only JSON and CSV under /api/v1/ with its OpenAPI schema."""
