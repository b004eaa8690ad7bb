"""Marmot Monitor: monitoring tool for Marmot places."""

__version__ = "0.1.0"
