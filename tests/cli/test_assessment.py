"""The real ``marmot assessment`` in a subprocess: a bad file is one line naming the file and
field with exit status 2 and loads nothing, the shipped question sets load once, and are
listed. (One database for the whole story: each command is a process that starts Django.)"""


def test_question_sets_load_whole_or_not_at_all_and_only_once(marmot, initialised, tmp_path):
    database = initialised
    bad = tmp_path / "ours.toml"
    bad.write_text('key = "ours"\nname = "Ours"\ndescription = "d"\nscale = ["a", "b"]\n')
    refused = marmot("assessment", "load", "marmot", str(bad), "--db", str(database))
    assert refused.returncode == 2
    assert f"{bad}, the file, field 'principle': has no [[principle]] tables" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    loaded = marmot("assessment", "load", "marmot", "durham-wellbeing", "--db", str(database))
    assert loaded.returncode == 0, loaded.stderr  # the refusal loaded no part of marmot
    assert "Loaded Approach to Wellbeing self-assessment: 6 principles" in loaded.stdout
    again = marmot("assessment", "load", "marmot", "--db", str(database))
    assert again.returncode == 2
    assert "is already loaded" in again.stderr
    listed = marmot("assessment", "list", "--db", str(database)).stdout
    assert "durham-wellbeing" in listed
    assert "Marmot Principles self-assessment" in listed
