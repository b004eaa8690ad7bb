"""``marmot import lookup|area-names|imd|population|boundaries`` from the command line."""

import json
import sqlite3

LOOKUP = (
    "LSOA21CD,LSOA21NM,WD24CD,WD24NM,LAD24CD,LAD24NM\n"
    "X01000001,Ashbury 001A,X05000001,Abbey,X07000001,Ashbury\n"
    "X01000002,Coldwater 001A,X05000002,Castle,X07000003,Coldwater\n"
)


def rows(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


def test_a_lookup_then_an_index_then_populations_then_boundaries(marmot, initialised, tmp_path):
    (tmp_path / "lookup.csv").write_text(LOOKUP)
    (tmp_path / "imd2025.csv").write_text("lsoa21_code,IMD_decile\nX01000001,1\nX01000002,10\n")
    ages = [str(age) for age in range(90)] + ["90+"]
    (tmp_path / "sape_mid2023.csv").write_text(
        "lsoa21_code," + ",".join(ages) + "\nX01000001," + ",".join(["1"] * 91) + "\n"
    )
    polygon = {"type": "Polygon", "coordinates": [[[0, 51], [1, 51], [1, 52], [0, 51]]]}
    (tmp_path / "lad.geojson").write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "properties": {"LAD24CD": "X07000001"}, "geometry": polygon}
                ],
            }
        )
    )
    steps = [
        ("lookup", "lookup.csv"),
        ("imd", "imd2025.csv"),
        ("population", "sape_mid2023.csv"),
        ("boundaries", "lad.geojson"),
    ]
    for kind, name in steps:
        result = marmot("import", kind, str(tmp_path / name), "--db", str(initialised))
        assert result.returncode == 0, result.stdout + result.stderr
        assert name in result.stdout
    assert rows(initialised, "SELECT COUNT(*) FROM places_area") == [(6,)]
    assert rows(
        initialised, 'SELECT "index", decile FROM data_areadeprivation ORDER BY decile'
    ) == [
        ("IMD2025", 1),
        ("IMD2025", 10),
    ]
    assert rows(initialised, "SELECT SUM(count), COUNT(*) FROM data_population") == [(91, 19)]
    assert rows(initialised, "SELECT COUNT(*) FROM data_areaboundary") == [(1,)]
    listing = marmot("imports", "list", "--db", str(initialised))
    for kind in ("Area lookup", "Indices of deprivation", "Population estimates", "Boundaries"):
        assert kind in listing.stdout


def test_an_index_for_unknown_areas_names_them(marmot, initialised, tmp_path):
    path = tmp_path / "imd2025.csv"
    path.write_text("lsoa21_code,IMD_decile\nX01000001,1\n")
    result = marmot("import", "imd", str(path), "--db", str(initialised))
    assert result.returncode == 2
    assert "X01000001" in result.stdout
    assert "names an area the database does not hold" in result.stdout


def test_welsh_names_of_loaded_areas_are_imported(marmot, initialised, tmp_path):
    (tmp_path / "lookup.csv").write_text(LOOKUP)
    marmot("import", "lookup", str(tmp_path / "lookup.csv"), "--db", str(initialised))
    (tmp_path / "enwau.csv").write_text("code,name_cy\nX05000001,Yr Abaty\n")
    named = marmot("import", "area-names", str(tmp_path / "enwau.csv"), "--db", str(initialised))
    assert named.returncode == 0, named.stdout + named.stderr
    assert "Welsh area names (code, name_cy)" in named.stdout
    welsh = "SELECT code, name_cy FROM places_area WHERE name_cy != '' ORDER BY code"
    assert rows(initialised, welsh) == [("X05000001", "Yr Abaty")]
