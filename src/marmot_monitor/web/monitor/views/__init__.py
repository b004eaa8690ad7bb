"""Views of the public monitoring tool, one module per page type."""
