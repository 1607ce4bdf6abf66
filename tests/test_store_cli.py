"""The store's commands, run as a user runs them: the CLI as a subprocess on real files."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import sqlalchemy as sa

from conflictwatch.exports import ACLED_COLUMNS, CSV_COLUMNS, UCDP_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).parent / "data"


def cw(*args: str, db: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the command in a new process, as a user does."""
    env = {**os.environ, "CONFLICTWATCH_DB": db}
    result = subprocess.run([sys.executable, "-m", "conflictwatch.cli", *args], capture_output=True, text=True,
                            env=env, timeout=timeout, cwd=ROOT)
    if check and result.returncode != 0:
        raise AssertionError(f"conflictwatch {' '.join(args)} exited {result.returncode}:\n{result.stderr}")
    return result


def run(*args: str, db: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the command through its entry point in this process (faster; same code path)."""
    from conflictwatch.cli import main

    out, err = io.StringIO(), io.StringIO()
    old_env = os.environ.get("CONFLICTWATCH_DB")
    os.environ["CONFLICTWATCH_DB"] = db
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        if old_env is None:
            os.environ.pop("CONFLICTWATCH_DB", None)
        else:
            os.environ["CONFLICTWATCH_DB"] = old_env
    result = subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"conflictwatch {' '.join(args)} exited {code}:\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    """A store holding the bundled samples (ingested once for this module)."""
    db = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'samples.db'}"
    run("ingest", str(EXAMPLES), db=db)
    return db


def test_ingest_prints_a_summary_and_a_second_run_changes_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = cw("ingest", str(EXAMPLES), db=db)
    line = first.stdout.strip()
    assert line.startswith("documents: ") and " new, 0 unchanged, 0 changed, 0 skipped" in line
    assert "Traceback" not in first.stderr and "\r" not in first.stderr  # no progress bar in a pipe
    second = cw("ingest", str(EXAMPLES), db=db)
    assert "0 new" in second.stdout and "0 changed" in second.stdout and "events: 0 new, 0 updated" in second.stdout


def test_a_skipped_input_is_reported_and_exit_code_is_1(tmp_path):
    db = f"sqlite:///{tmp_path / 's.db'}"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "Gunmen killed four villagers in Zamfara on Monday, police said.", '
                   '"published": "2025-01-07"}\nnot json\n', encoding="utf-8")
    result = cw("ingest", str(bad), str(tmp_path / "missing.txt"), db=db, check=False)
    assert result.returncode == 1
    assert "bad.jsonl:2" in result.stderr and "missing.txt" in result.stderr
    assert "1 new" in result.stdout and "2 skipped" in result.stdout


def test_events_in_every_format(sample_db):
    table = run("events", db=sample_db).stdout.splitlines()
    assert table[0].startswith("id") and len(table) > 20
    events = json.loads(run("events", "--format", "json", db=sample_db).stdout)
    merged = [e for e in events if len(e["reports"]) >= 2]
    assert len(merged) >= 5
    for e in merged:
        assert len({r["document_id"] for r in e["reports"]}) == len(e["reports"])
        assert all(c["document_id"] and "claimant" in c for c in e["claims"])
    lines = run("events", "--format", "jsonl", "--limit", "3", db=sample_db).stdout.splitlines()
    assert len(lines) == 3 and all(json.loads(x)["id"].startswith("ev-") for x in lines)
    rows = list(csv.reader(io.StringIO(run("events", "--format", "csv", db=sample_db).stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(events) + 1
    geo = json.loads(run("events", "--format", "geojson", db=sample_db).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["type"] == "Point"


def test_event_filters_on_the_command_line(sample_db):
    def ids(*args: str) -> set[str]:
        return {e["id"] for e in json.loads(run("events", "--format", "json", *args, db=sample_db).stdout)}
    everything = ids()
    sudan = ids("--country", "Sudan")
    assert sudan and sudan < everything
    assert ids("--country", "SD") == sudan
    assert ids("--since", "2025-05-20") <= everything
    assert ids("--min-fatalities", "10") < everything
    assert ids("--text", "market")
    assert not ids("--bbox", "0,0,1,1")


def test_event_shows_reports_claims_and_history(sample_db):
    events = json.loads(run("events", "--format", "json", db=sample_db).stdout)
    merged = max(events, key=lambda e: len(e["reports"]))
    text = run("event", merged["id"], "--history", db=sample_db).stdout
    assert merged["id"] in text and "reports:" in text and "claims:" in text and "history:" in text
    assert "v1" in text and "created" in text and "merge decisions:" in text
    data = json.loads(run("event", merged["id"], "--history", "--format", "json", db=sample_db).stdout)
    assert [h["version"] for h in data["history"]] == list(range(1, len(data["history"]) + 1))
    missing = run("event", "ev-0000", db=sample_db, check=False)
    assert missing.returncode == 2 and "no event 'ev-0000'" in missing.stderr and "Traceback" not in missing.stderr


def test_documents_listing(sample_db):
    docs = json.loads(run("documents", "--format", "json", db=sample_db).stdout)
    assert len(docs) >= 40
    kursk = next(d for d in docs if (d["title"] or "").startswith("Special forces"))
    assert kursk["tdm_reserved"] is True and kursk["body_kept"] is False
    assert all("text" not in d and "body" not in d for d in docs)
    table = run("documents", db=sample_db).stdout
    assert "reserved" in table


def test_exports(sample_db, tmp_path):
    acled = list(csv.reader(io.StringIO(run("export", "--format", "acled-csv", db=sample_db).stdout)))
    assert tuple(acled[0]) == ACLED_COLUMNS
    first = dict(zip(acled[0], acled[1], strict=True))
    assert first["iso"].isdigit() and first["region"] and first["disorder_type"]
    assert first["inter1"] == "" or first["inter1"].isdigit()
    ucdp = list(csv.reader(io.StringIO(run("export", "--format", "ucdp-csv", db=sample_db).stdout)))
    assert tuple(ucdp[0]) == UCDP_COLUMNS
    sudan = next(dict(zip(ucdp[0], r, strict=True)) for r in ucdp[1:]
                 if dict(zip(ucdp[0], r, strict=True))["country"] == "Sudan")
    assert sudan["country_id"] == "625" and sudan["region"] == "Africa" and sudan["geom_wkt"].startswith("POINT")
    out = tmp_path / "events.parquet"
    run("export", "--format", "parquet", "-o", str(out), db=sample_db)
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows == len(ucdp) - 1 and "fatalities_best" in table.column_names
    refused = run("export", "--format", "parquet", db=sample_db, check=False)
    assert refused.returncode == 2 and "-o FILE" in refused.stderr
    geo = tmp_path / "events.geojson"
    run("export", "--format", "geojson", "-o", str(geo), "--country", "Sudan", db=sample_db)
    assert json.loads(geo.read_text())["features"]


def test_store_info_and_bad_urls(sample_db, tmp_path):
    info = run("store", "info", db=sample_db).stdout
    assert "sqlite, schema" in info and "documents" in info
    bad = run("events", db="mysql://nobody@nowhere/x", check=False)
    assert bad.returncode == 2 and "not supported" in bad.stderr and "Traceback" not in bad.stderr
    nowhere = run("events", db="postgresql://nobody@127.0.0.1:1/x", check=False)
    assert nowhere.returncode == 2 and "cannot open the store" in nowhere.stderr
    wrong = run("events", "--bbox", "1,2", db=sample_db, check=False)
    assert wrong.returncode == 2 and "WEST,SOUTH,EAST,NORTH" in wrong.stderr


def _jsonl_corpus(path: Path, count: int) -> Path:
    rows = [json.loads(line) for name in ("recent_reports.jsonl", "wire_reports.jsonl")
            for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i, row in enumerate(rows[:count]):
            out.write(json.dumps({"id": f"doc{i}", "text": row["text"], "published": row.get("published"),
                                  "url": f"https://corpus.test/{i}"}) + "\n")
    return path


def _grouping(db: str) -> tuple[int, set[frozenset[str]]]:
    engine = sa.create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as conn:
        docs = conn.execute(sa.text("SELECT count(*) FROM documents")).scalar_one()
        rows = conn.execute(sa.text("SELECT r.incident_id, d.key FROM reports r JOIN documents d "
                                    "ON d.id = r.document_id")).all()
    engine.dispose()
    groups: dict[str, set[str]] = {}
    for incident, key in rows:
        groups.setdefault(incident, set()).add(key)
    return docs, {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_ingest_loses_nothing_committed_and_a_rerun_completes(backend, tmp_path, request):
    corpus = _jsonl_corpus(tmp_path / "corpus.jsonl", 150)
    if backend == "sqlite":
        killed_db, clean_db = (f"sqlite:///{tmp_path / n}.db" for n in ("killed", "clean"))
    else:
        from contextlib import ExitStack

        from conflictwatch.testing import temporary_postgres

        base = request.getfixturevalue("postgres_base")
        stack = ExitStack()
        request.addfinalizer(stack.close)
        killed_db = stack.enter_context(temporary_postgres(base))
        clean_db = stack.enter_context(temporary_postgres(base))
    cw("store", "upgrade", db=killed_db)
    env = {**os.environ, "CONFLICTWATCH_DB": killed_db}
    proc = subprocess.Popen([sys.executable, "-m", "conflictwatch.cli", "ingest", str(corpus)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if _grouping(killed_db)[0] >= 10:
            break
        time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _grouping(killed_db)[0]
    assert 10 <= stored < 150, f"the kill came too late to test anything ({stored} documents)"
    rerun = cw("ingest", str(corpus), db=killed_db)
    assert f"{stored} unchanged" in rerun.stdout
    cw("ingest", str(corpus), db=clean_db)
    assert _grouping(killed_db) == _grouping(clean_db)


def test_two_ingest_processes_at_once_on_postgresql_make_no_duplicates(postgres_base, tmp_path):
    from conflictwatch.testing import temporary_postgres

    corpus = _jsonl_corpus(tmp_path / "corpus.jsonl", 40)
    with temporary_postgres(postgres_base) as both_db, temporary_postgres(postgres_base) as one_db:
        cw("store", "upgrade", db=both_db)
        env = {**os.environ, "CONFLICTWATCH_DB": both_db}
        procs = [subprocess.Popen([sys.executable, "-m", "conflictwatch.cli", "ingest", str(corpus)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
                 for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in procs]
        assert all(p.returncode == 0 for p in procs), outputs
        news = sum(int(out.split(" new")[0].split()[-1]) for out, _ in outputs)
        assert news == 40  # every document stored once, by one process or the other
        cw("ingest", str(corpus), db=one_db)
        docs, groups = _grouping(both_db)
        assert docs == 40
        assert groups == _grouping(one_db)[1]
