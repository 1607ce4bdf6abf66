"""Archives on Dask: the same archive ingested with and without ``--engine dask`` gives the same store."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import sqlalchemy as sa

from conflictwatch.cli import main
from conflictwatch.testing import build_archive

pytest.importorskip("distributed", reason="the Dask tests need the 'dask' extra: pip install 'conflictwatch[dask]'")

DATA = Path(__file__).parent / "data"


def rows(name: str, count: int) -> list[dict]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()][:count]


def cw(*args: str, db: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("CONFLICTWATCH_DB")
    os.environ["CONFLICTWATCH_DB"] = db
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(list(args))
    finally:
        if old is None:
            os.environ.pop("CONFLICTWATCH_DB", None)
        else:
            os.environ["CONFLICTWATCH_DB"] = old
    return code, out.getvalue(), err.getvalue()


def contents(db: str) -> dict[str, list[tuple]]:
    """What a store holds, without the times of writing."""
    engine = sa.create_engine(db)
    queries = {
        "documents": "SELECT id, key, content_hash, version, title, published, origin FROM documents ORDER BY id",
        "reports": "SELECT id, incident_id, document_id, document_version, idx, seq, event_type, sub_event_type, "
                   "date, place, killed_best, signature, details FROM reports ORDER BY id",
        "events": "SELECT id, version, status, event_type, sub_event_type, date, place, admin1, country_code, "
                  "killed_low, killed_best, killed_high, n_reports, n_sources FROM incidents ORDER BY id",
        "actors": "SELECT incident_id, pos, name, role FROM incident_actors ORDER BY incident_id, pos",
        "decisions": "SELECT report_id, incident_id, action, score, candidates FROM merge_decisions "
                     "ORDER BY report_id, id",
    }
    with engine.connect() as conn:
        found = {name: [tuple(row) for row in conn.execute(sa.text(sql))] for name, sql in queries.items()}
    engine.dispose()
    return found


def test_an_archive_ingested_on_dask_makes_the_same_store(tmp_path):
    archive = tmp_path / "archive.jsonl"
    # Reports of the same incidents from several outlets (they merge), conflict reports and non-events.
    source = rows("merge_corpus.jsonl", 30) + rows("wire_reports.jsonl", 12) + rows("negative_texts.jsonl", 10)
    build_archive(source, 70, archive)  # 52 rows, then a second round of 18 with later dates
    with archive.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")  # a bad line is reported in both runs, in place
    single, on_dask = f"sqlite:///{tmp_path / 'single.db'}", f"sqlite:///{tmp_path / 'dask.db'}"

    code, out, err = cw("ingest", str(archive), db=single)
    assert code == 1 and "archive.jsonl:71: not valid JSON" in err
    code_d, out_d, err_d = cw("ingest", str(archive), "--engine", "dask", "--workers", "2", "--batch", "8",
                              db=on_dask)
    assert code_d == 1 and "archive.jsonl:71: not valid JSON" in err_d
    assert out_d == out and out.startswith("documents: 70 new, 0 unchanged, 0 changed, 1 skipped")
    assert "Traceback" not in err_d and "CommClosedError" not in err_d

    a, b = contents(single), contents(on_dask)
    assert len(a["documents"]) == 70 and len(a["events"]) < len(a["reports"])  # some reports merged
    for table in a:
        assert a[table] == b[table], table


@pytest.mark.slow
def test_an_archive_ingested_again_on_dask_changes_nothing(tmp_path):
    archive = tmp_path / "archive.jsonl"
    build_archive(rows("wire_reports.jsonl", 20), 30, archive)
    db = f"sqlite:///{tmp_path / 'dask.db'}"
    first = cw("ingest", str(archive), "--engine", "dask", "--workers", "2", db=db)[1]
    assert first.startswith("documents: 30 new")
    again = cw("ingest", str(archive), "--engine", "dask", "--workers", "1", db=db)[1]
    assert again.startswith("documents: 0 new, 30 unchanged, 0 changed, 0 skipped")
