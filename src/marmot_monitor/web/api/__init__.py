"""The open data API under /api/v1/: JSON and CSV with its OpenAPI schema, API tokens, and
partners' returns sent by their systems."""
