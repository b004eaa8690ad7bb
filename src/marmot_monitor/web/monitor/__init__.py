"""The public monitoring tool: home page, principle and indicator pages."""
