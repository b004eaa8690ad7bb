"""Stored data: imports, periods, deprivation, populations and indicator values."""
