"""The explanation of an extraction: every event, every trigger that became none."""

import dataclasses
import datetime as dt
import json
from bisect import bisect_right
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from conflictwatch import document_from_text
from conflictwatch.cli import main
from conflictwatch.explain import Explanation
from conflictwatch.extract import triggers as triggers_mod
from conflictwatch.lexicon import default_lexicon

from conftest import load_jsonl

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kursk-sof-clash.txt"
SCHEMA = json.loads((files("conflictwatch") / "schema" / "result.schema.json").read_text())


def _explain(pipeline, text: str, published: dt.date = dt.date(2025, 3, 5)) -> Explanation:
    return pipeline.explain(document_from_text(text, "t", published))[1]


def _line_with(out: str, words: str) -> str:
    lines = [line for line in out.splitlines() if words in line]
    assert lines, f"no line with {words!r} in:\n{out}"
    return lines[0]


def test_readme_example_says_why_troops_and_the_running_total_are_not_the_figures(capsys):
    assert main(["explain", str(EXAMPLE), "--published", "2025-01-10"]) == 0
    out = capsys.readouterr().out
    troops = _line_with(out, "10,000 troops")
    assert "[not kept]" in troops and "not a casualty figure: troop strength" in troops
    total = _line_with(out, "a thousand North Korean soldiers had already been killed or wounded")
    assert "[not kept]" in total and "a total over a period" in total
    # ... while the special forces' own figures are the event's.
    assert "[KEPT]" in _line_with(out, '"killed 21 North Korean soldiers" (')
    assert "[KEPT]" in _line_with(out, '"wounded 40 more" (')
    assert "fatalities: 21/21/21" in out and "wounded: 40/40/40" in out
    assert "superseded by the body's own killed figure" in _line_with(out, '"21 killed"')


def test_explain_matches_extract(pipeline):
    text = EXAMPLE.read_text()
    doc = document_from_text(text, "kursk", dt.date(2025, 1, 10))
    result, explanation = pipeline.explain(doc)
    assert result == pipeline.extract(doc)
    assert [(e.number, e.sub_event_type) for e in explanation.events] == \
        [(k + 1, e.sub_event_type) for k, e in enumerate(result.events)]
    assert explanation.events[0].location == result.events[0].location.name


def test_a_sport_sentence_shows_its_veto(pipeline):
    explanation = _explain(pipeline, "The home side were crushed 5-1 in the derby after their goalkeeper was sent "
                                     "off, and fans said the defence had been massacred.")
    assert not explanation.events
    vetoes = [v for t in explanation.not_events for v in t.vetoes]
    assert vetoes and all(v.startswith("veto.not-violence") for v in vetoes), vetoes
    assert any(word in vetoes[0] for word in ("goalkeeper", "derby", "crushed 5-1")), vetoes[0]
    assert "stopped by: veto.not-violence" in explanation.text()


def test_a_place_choice_shows_its_candidates(pipeline):
    explanation = _explain(pipeline, "Bandits shot dead six traders near Gusau, in Zamfara state, on Sunday, a "
                                     "police spokesman told reporters in Abuja.")
    (event,) = explanation.events
    chosen = [p for p in event.places if p.chosen]
    assert [p.text for p in chosen] == ["Gusau"] and event.location == chosen[0].name
    others = {p.text: p.reason for p in event.places if not p.chosen}
    assert others["Zamfara"].startswith("less specific than")
    assert "claimant" in others["Abuja"]
    assert "nearest its trigger" in event.location_reason
    # A weak trigger says what let it count.
    assert event.trigger.support.startswith("needs.conflict-cue") or event.trigger.strong


def test_a_threat_is_a_non_event_with_its_veto(pipeline):
    explanation = _explain(pipeline, "The rebel commander threatened to attack the garrison town if the army "
                                     "did not withdraw.")
    assert not explanation.events
    # (the veto is named by its lexicon rule id)
    assert any(v == "veto.threat-or-plan" for t in explanation.not_events for v in t.vetoes)


def test_for_sentence_keeps_that_sentence_only(pipeline):
    explanation = _explain(pipeline, EXAMPLE.read_text(), dt.date(2025, 1, 10))
    ninth = explanation.for_sentence(9)
    assert not ninth.events and ninth.not_events and all(t.sentence == 9 for t in ninth.not_events)
    assert explanation.for_sentence(2).events == explanation.events


def test_extract_explain_json_follows_the_schema(tmp_path, capsys):
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for fmt in ("jsonl", "json"):
        out = tmp_path / f"out.{fmt}"
        assert main(["extract", str(EXAMPLE), "--published", "2025-01-10", "--explain", "--format", fmt,
                     "-o", str(out)]) == 0
        text = out.read_text()
        records = [json.loads(line) for line in text.splitlines()] if fmt == "jsonl" else json.loads(text)
        for record in records:
            validator.validate(record)
            kinds = [item["kind"] for item in record["explain"]]
            assert kinds.count("event") == len(record["events"]) and "not-event" in kinds
    # Off by default, and the events are the same either way.
    plain = tmp_path / "plain.jsonl"
    assert main(["extract", str(EXAMPLE), "--published", "2025-01-10", "-o", str(plain)]) == 0
    with_explain = json.loads((tmp_path / "out.jsonl").read_text())
    without = json.loads(plain.read_text())
    assert "explain" not in without and without["events"] == with_explain["events"]


def test_explain_refuses_csv():
    assert main(["extract", str(EXAMPLE), "--explain", "--format", "csv"]) == 2


def test_no_trace_unless_asked(pipeline):
    ann = pipeline.annotate(document_from_text(EXAMPLE.read_text(), "k", dt.date(2025, 1, 10)))
    assert ann.trace is None


def _candidates(pipeline, text: str, published: str | None):
    """Each trigger candidate's place and clause, as detect() reads them."""
    date = dt.date.fromisoformat(published) if published else None
    ann = pipeline.annotate(document_from_text(text, "t", date))
    starts = [s.start for s in ann.sentences]
    for _, start, end in ann.candidates or ():
        i = bisect_right(starts, start) - 1
        if i < 0 or start >= ann.sentences[i].end:
            continue
        s = ann.sentences[i]
        yield ann, start, end, s.end, triggers_mod._clause_before(ann.low, s.start, start)


@pytest.mark.parametrize("name", ["non_event_sentences.jsonl", "negative_texts.jsonl"])
def test_named_no_act_checks_agree_with_the_veto(pipeline, name):
    """The explanation names the check that says no act happened; it tries the same
    checks as the veto itself, so the two never disagree."""
    seen = named = 0
    rules = default_lexicon().rules
    for record in load_jsonl(name)[:120]:
        for ann, start, end, sentence_end, clause in _candidates(pipeline, record["text"], record.get("published")):
            vetoed = triggers_mod._told_as_no_act(ann, start, end, sentence_end, clause)
            reason = triggers_mod.no_act_reason(ann, start, end, sentence_end, clause)
            assert vetoed == (reason is not None), (record["text"][:80], ann.low[start:end], reason)
            # The name is the id of the lexicon rule that vetoed (data/lexicon/*.toml).
            assert reason is None or reason in rules, reason
            seen += 1
            named += vetoed
    assert seen > 50 and named > 5


def test_notes_are_frozen(pipeline):
    explanation = _explain(pipeline, EXAMPLE.read_text(), dt.date(2025, 1, 10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        explanation.events[0].claims[0].kept = True  # type: ignore[misc]


def test_a_long_text_read_in_windows_keeps_whole_document_offsets(pipeline):
    from conflictwatch.pipeline import Pipeline

    record = max(load_jsonl("long_reports.jsonl"), key=lambda r: len(r.get("text", "")))
    small = Pipeline(pipeline.components, pipeline.resources, window_chars=3000)
    doc = document_from_text(record["text"], "long", dt.date.fromisoformat(record["published"][:10]))
    result, explanation = small.explain(doc)
    assert explanation.windows > 1 and "read in" in explanation.text()
    assert result == small.extract(doc) and len(explanation.events) == len(result.events)
    notes = [t for e in explanation.events for t in (e.trigger, *e.triggers)] + list(explanation.not_events)
    notes += [c for e in explanation.events for c in e.claims] + [p for e in explanation.events for p in e.places]
    assert notes and all(doc.text[n.start:n.end] == n.text for n in notes)


def test_troop_strength_and_running_totals_in_other_words(pipeline):
    explanation = _explain(pipeline, "Gunmen killed five villagers in Bama on Monday, police said. The army has "
                                     "sent 3,000 soldiers to the area, where at least 200 people have been "
                                     "killed since January.")
    (event,) = explanation.events
    notes = {c.text: c for c in event.claims}
    assert notes["killed five villagers"].kept
    assert not notes["3,000 soldiers"].kept and notes["3,000 soldiers"].figure is None
    assert "troop strength" in notes["3,000 soldiers"].reason
    total = notes["at least 200 people have been killed"]
    assert not total.kept and "a total over a period" in total.reason
    assert event.fatalities is not None and event.fatalities.best == 5


def test_two_incidents_each_say_the_others_figures_are_anothers(pipeline):
    explanation = _explain(pipeline, "A roadside bomb killed three policemen in Khost on Sunday. Separately, "
                                     "gunmen shot dead two shopkeepers in Herat on Monday.")
    assert len(explanation.events) == 2
    first, second = explanation.events
    bomb = {c.text: c for c in first.claims}
    assert any(c.kept for c in bomb.values())
    others = [c for c in first.claims if not c.kept]
    assert others and all(c.reason.startswith("another incident") for c in others)
    assert [c.kept for c in second.claims] == [not c.kept for c in first.claims]
