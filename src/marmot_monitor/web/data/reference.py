"""Reference data: deprivation, lookups, populations and boundaries."""

LOADERS = {}
