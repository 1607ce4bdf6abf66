"""The command line, run through its entry point."""

import io
import json

from conftest import DATA

from conflictwatch.cli import build_parser, main


def test_extract_jsonl(capsys, monkeypatch):
    monkeypatch.setenv("CI", "true")
    code = main(["extract", str(DATA / "kursk-sof-clash.txt"), "--published", "2025-01-10"])
    out = capsys.readouterr().out.strip().splitlines()
    assert code == 0 and len(out) == 1
    line = json.loads(out[0])
    assert line["id"].endswith("kursk-sof-clash.txt")
    assert line["document"]["rights"]["tdm_reserved"] is True
    assert line["events"][0]["sub_event_type"] == "Armed clash"


def test_extract_stdin_and_formats(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"Gunmen killed five villagers in Zamfara state on Sunday, police said."))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["extract", "-", "--format", "geojson", "--published", "2024-09-23"]) == 0
    collection = json.loads(capsys.readouterr().out)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    props = collection["features"][0]["properties"]
    assert props["location"]["country_code"] == "NG" and props["fatalities"]["low"] == 5


def test_bad_line_is_reported_and_the_rest_still_processed(tmp_path, capsys):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "ok", "text": "A car bomb killed 3 people in Mogadishu on Monday."}\n{broken\n',
                    encoding="utf-8")
    code = main(["extract", str(dump), "--format", "csv", "--published", "2024-05-07"])
    captured = capsys.readouterr()
    assert code == 1
    assert f"{dump}:2: not valid JSON" in captured.err
    assert captured.out.count("\n") == 2  # header and the one good event


def test_eval_json(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    lines = (DATA / "gold" / "ged_ukraine_headlines.jsonl").read_text(encoding="utf-8").splitlines()[:20]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)[0]
    assert report["documents"] == 20 and 0 <= report["recall"] <= 1
    assert "date_1day" in report["fields"]


def test_unknown_config_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "pipeline.cfg"
    bad.write_text("[pipeline]\ncomponents = sentences\n[components.sentences]\nfactory = nobody.thing.v1\n")
    assert main(["extract", "-", "--config", str(bad)]) == 2
    assert "no component named 'nobody.thing.v1'" in capsys.readouterr().err


def test_help_lists_every_setting():
    from conflictwatch.settings import SETTINGS

    text = build_parser()._subparsers._group_actions[0].choices["extract"].format_help()
    for s in SETTINGS:
        assert f"--{s.name.replace('_', '-')}" in text and s.env in text
