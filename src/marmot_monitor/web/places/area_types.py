"""The standard area types every database starts with (DESIGN §2, M3)."""

AREA_TYPES = (
    ("country", "Country", 0),
    ("region", "Region", 1),
    ("county", "County", 2),
    ("unitary", "Unitary authority", 2),
    ("district", "District", 3),
    ("place", "Place", 3),
    ("ward", "Electoral ward", 4),
    ("msoa", "Middle layer super output area (MSOA)", 5),
    ("lsoa", "Lower layer super output area (LSOA)", 6),
)
