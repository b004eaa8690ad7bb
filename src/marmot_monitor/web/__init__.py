"""The Django project: settings, apps (catalogue, places, data, monitor) and URLs."""
