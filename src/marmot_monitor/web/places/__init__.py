"""Geography: area types and areas with GSS codes, parents and vintages."""
