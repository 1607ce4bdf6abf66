"""Output formats, and real output validated against the JSON Schema."""

import csv
import io
import json
from importlib.resources import files

import jsonschema
import pytest

from conftest import DATA, load_jsonl

from conflictwatch import document_from_text
from conflictwatch.output import CSV_COLUMNS, geojson_features, result_to_dict, write_csv

SCHEMA = json.loads((files("conflictwatch") / "schema" / "result.schema.json").read_text())


@pytest.fixture(scope="module")
def results(pipeline):
    import datetime as dt

    out = [pipeline.extract(document_from_text((DATA / "kursk-sof-clash.txt").read_text(), "kursk",
                                               dt.date(2025, 1, 10)))]
    for row in load_jsonl("positive_texts.jsonl") + load_jsonl("negative_texts.jsonl")[:5]:
        out.append(pipeline.extract(document_from_text(row["text"], row["id"],
                                                       dt.date.fromisoformat(row["published"]))))
    return out


def test_schema_is_valid():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_real_output_matches_schema(results):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert sum(len(r.events) for r in results) > 30
    for result in results:
        errors = sorted(validator.iter_errors(result_to_dict(result)), key=str)
        assert not errors, (result.document.id, errors[0].message)


def test_reserved_document_keeps_facts_not_body(results):
    kursk = result_to_dict(results[0])
    assert kursk["document"]["rights"]["tdm_reserved"]
    text = json.dumps(kursk)
    assert "Operators of the 8th SOF Regiment" not in text  # body sentences are not republished
    assert kursk["events"][0]["sentence"]["text"] is None
    assert all(len(e["text"]) <= 200 for ev in kursk["events"] for e in ev["evidence"])


def test_csv_one_row_per_event(results):
    out = io.StringIO()
    write_csv(results, out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == sum(len(r.events) for r in results)
    kursk = dict(zip(rows[0], rows[1], strict=True))
    assert kursk["country_code"] == "RU" and kursk["fatalities_best"] == "21"


def test_geojson_points(results):
    features = [f for r in results for f in geojson_features(r)]
    assert features and all(f["geometry"]["type"] == "Point" for f in features)
    lon, lat = features[0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_every_filled_field_has_evidence(results):
    """The README's promise: a country-level location points at the words that named the
    country, and every actor (civilians named only by a claim too) at its words."""
    country_level = 0
    for result in results:
        for event in result.events:
            fields = {e.field for e in event.evidence}
            assert "event_type" in fields and "sub_event_type" in fields
            if event.location is not None:
                assert "location" in fields, (result.document.id, event.location)
                if event.location.precision == 3 and event.location.name == event.location.country:
                    country_level += 1
            for i, _ in enumerate(event.actors):
                assert f"actors[{i}]" in fields, (result.document.id, event.actors[i].name)
            if event.fatalities is not None:
                assert "fatalities" in fields
            if event.date_note is None:
                assert "date" in fields
            for evidence in event.evidence:
                assert result.document.text[evidence.span.start:evidence.span.end] == evidence.span.text
    assert country_level > 0
