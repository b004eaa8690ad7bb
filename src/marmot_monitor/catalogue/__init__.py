"""The indicator catalogue: the default Marmot indicators shipped as data, and its loader.

``marmot.toml`` beside this module is the reviewed default catalogue (docs/catalogue.md says
what each field means and how to extend it); :func:`load_catalogue` reads and checks it, or
any catalogue file in the same form. Pure: no Django, no database.
"""

from marmot_monitor.catalogue.loader import (
    DEFAULT_CATALOGUE,
    Catalogue,
    CatalogueError,
    load_catalogue,
    parse_catalogue,
)

__all__ = ["DEFAULT_CATALOGUE", "Catalogue", "CatalogueError", "load_catalogue", "parse_catalogue"]
