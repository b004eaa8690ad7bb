"""The ``marmot`` command: a thin skin that parses, calls the layers and prints."""
