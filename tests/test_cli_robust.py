"""The failures of issue 11, run as a user would: the command as a subprocess on real
files. No data lost, no traceback, inputs decoded right, what cannot be read named."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, load_jsonl

COMMAND = [sys.executable, "-m", "conflictwatch.cli"]
SEGOU = ("Gunmen killed 12 soldiers in an attack on an army post in Ségou, Mali, on Sunday, "
         "the army said. The attackers fled towards the border, residents said.\n")
FOREIGN = {
    "fr": "Des hommes armés ont tué douze soldats lors d'une attaque contre un poste de l'armée à Ségou, "
          "au Mali, dimanche, a indiqué l'armée. Les assaillants ont fui vers la frontière.",
    "es": "Hombres armados mataron a doce soldados en un ataque contra un puesto del ejército en Ségou, "
          "Malí, el domingo, informó el ejército. Los atacantes huyeron hacia la frontera.",
    "ar": "قتل مسلحون اثني عشر جنديا في هجوم على موقع للجيش في سيغو بمالي يوم الأحد، بحسب الجيش. "
          "وفر المهاجمون نحو الحدود.",
    "ru": "Вооруженные люди убили двенадцать солдат при нападении на армейский пост в Сегу, Мали, в "
          "воскресенье, сообщила армия. Нападавшие бежали к границе.",
}


def run(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*COMMAND, *args], input=stdin, capture_output=True, timeout=timeout)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("utf-8"),
                                       done.stderr.decode("utf-8"))


def assert_clean_failure(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert stderr.strip(), "a failure must say something"
    for line in stderr.strip().splitlines():
        assert line.startswith("conflictwatch: "), line


def by_id(stdout: str) -> dict[str, dict]:
    return {Path(d["id"]).name: d for d in map(json.loads, stdout.splitlines())}


def test_encodings_languages_binary_and_unreadable_pages(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "latin1.txt").write_bytes(SEGOU.encode("latin-1"))
    (folder / "utf16.txt").write_bytes(SEGOU.encode("utf-16"))
    (folder / "utf16-nobom.txt").write_bytes(SEGOU.encode("utf-16-le"))
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + SEGOU.encode("utf-8"))
    (folder / "page.html").write_bytes(
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
         "<title>Attack in Ségou</title></head><body><article><h1>Attack in Ségou</h1><p>"
         + SEGOU + "</p></article></body></html>").encode("latin-1"))
    (folder / "no-article.html").write_text(
        "<html><head><title>News</title></head><body><nav>Home | World | Sport</nav></body></html>")
    (folder / "big.txt").write_text(SEGOU * 40, encoding="utf-8")  # over the limit set below
    for code, text in FOREIGN.items():
        (folder / f"{code}.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"id": "jsonl-latin1", "text": "placeholder", "published": "2024-06-03"})
             .replace("placeholder", SEGOU.strip()).encode("latin-1"),
             json.dumps({"id": "jsonl-long", "text": SEGOU * 40}).encode()]
    (folder / "lines.jsonl").write_bytes(codecs.BOM_UTF8 + b"\n".join(lines) + b"\n")
    binary = Path(sys.executable).read_bytes()[:200_000]

    done = run("extract", "-", str(folder), "--published", "2024-06-03", "--max-document-mb", "0.004",
               stdin=binary)
    assert done.returncode == 1  # something was skipped, the rest written
    assert_clean_failure(done.stderr)
    docs = by_id(done.stdout)
    for name in ("latin1.txt", "utf16.txt", "utf16-nobom.txt", "bom.txt", "page.html", "jsonl-latin1"):
        doc = docs[name]
        assert doc["document"]["language"] == "en", name
        event = doc["events"][0]
        assert event["location"]["name"] == "Ségou" and event["location"]["country_code"] == "ML", name
        assert event["fatalities"]["best"] == 12, name
    encodings = {name: (docs[name]["document"]["encoding"], docs[name]["document"]["encoding_source"])
                 for name in ("latin1.txt", "utf16.txt", "utf16-nobom.txt", "bom.txt", "page.html")}
    assert encodings == {"latin1.txt": ("cp1252", "detected"), "utf16.txt": ("utf-16-le", "bom"),
                         "utf16-nobom.txt": ("utf-16-le", "utf-16"), "bom.txt": ("utf-8", "bom"),
                         "page.html": ("cp1252", "html")}
    # Offsets count characters of the text, not bytes, and the byte-order mark is no character.
    for name in ("utf16.txt", "bom.txt", "latin1.txt"):
        for ev in docs[name]["events"][0]["evidence"]:
            assert SEGOU[ev["start"]:ev["end"]] == ev["text"], (name, ev)
    for code in FOREIGN:
        assert docs[f"{code}.txt"]["document"]["language"] == code
        assert f"{code}.txt: the text is in " in done.stderr and f"({code}), not English" in done.stderr
    assert "in French (fr)" in done.stderr and "in Arabic (ar)" in done.stderr
    errors = done.stderr
    assert "<stdin>: looks like a binary file" in errors
    assert "no-article.html: no article text found in this HTML page" in errors
    assert "big.txt: the document is" in errors and "--max-document-mb" in errors
    assert "lines.jsonl:2: the document is larger than" in errors
    assert {"no-article.html", "big.txt", "<stdin>", "jsonl-long"}.isdisjoint(docs)


def test_csv_carries_every_actor(tmp_path):
    row = next(r for r in load_jsonl("positive_texts.jsonl") if r["id"] == "pos-004")
    article = tmp_path / "gaza.txt"
    article.write_text(row["text"], encoding="utf-8")
    done = run("extract", str(article), "--format", "csv", "--published", row["published"])
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    jabalia = next(r for r in rows if r["location"] == "Jabālyā")
    khan_younis = next(r for r in rows if r["location"] == "Khān Yūnis")
    assert jabalia["actor1"] == "military forces of Israel"
    assert set(jabalia["actor2"].split("; ")) == {"Hamas", "civilians"}
    assert khan_younis["actor2"] == "civilians"


def test_output_that_is_an_input_is_refused(tmp_path):
    dump = tmp_path / "in.jsonl"
    content = '{"id": "a", "text": "A car bomb killed 3 people in Mogadishu on Monday."}\n'
    dump.write_text(content, encoding="utf-8")
    for target in (str(dump), str(tmp_path / "." / "in.jsonl")):
        done = run("extract", str(dump), "-o", target)
        assert done.returncode == 2
        assert_clean_failure(done.stderr)
        assert "is also an input" in done.stderr
        assert dump.read_text(encoding="utf-8") == content
    # A folder given as input holds the output: refused too.
    done = run("extract", str(tmp_path), "-o", str(dump))
    assert done.returncode == 2 and "is also an input" in done.stderr


def test_a_failed_run_leaves_an_existing_output_untouched(tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text("yesterday's results\n", encoding="utf-8")
    mistyped = run("extract", str(tmp_path / "artcles.jsonl"), "-o", str(out))
    assert mistyped.returncode == 2
    assert_clean_failure(mistyped.stderr)
    assert "artcles.jsonl: no such file" in mistyped.stderr
    bad_config = tmp_path / "pipeline.cfg"
    bad_config.write_text("[pipeline]\ncomponents = sentences\n[components.sentences]\nfactory = nobody.x.v1\n")
    article = tmp_path / "a.txt"
    article.write_text("A car bomb killed 3 people in Mogadishu on Monday.", encoding="utf-8")
    broken = run("extract", str(article), "-o", str(out), "--config", str(bad_config))
    assert broken.returncode == 2
    assert_clean_failure(broken.stderr)
    assert out.read_text(encoding="utf-8") == "yesterday's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "events.jsonl", "pipeline.cfg"]


@pytest.mark.parametrize("case", ["missing folder", "folder", "file as folder", "no permission"])
def test_bad_output_paths_are_one_line_errors(tmp_path, case):
    article = tmp_path / "a.txt"
    article.write_text("A car bomb killed 3 people in Mogadishu on Monday.", encoding="utf-8")
    target, said = {
        "missing folder": (tmp_path / "nope" / "out.jsonl", "the folder"),
        "folder": (tmp_path, "it is a folder"),
        "file as folder": (article / "out.jsonl", "is not a folder"),
        "no permission": (Path("/sys/conflictwatch-out.jsonl"), "cannot write"),
    }[case]
    if case == "no permission" and os.access("/sys", os.W_OK) and os.geteuid() != 0:
        pytest.skip("/sys is writable here")
    done = run("extract", str(article), "-o", str(target))
    assert done.returncode == 2
    assert_clean_failure(done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1
    assert said in done.stderr and str(target) in done.stderr


def _wait_for(predicate, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM"])
def test_interrupt_mid_run_leaves_the_output_untouched(tmp_path, how):
    rows = load_jsonl("wire_reports.jsonl") + load_jsonl("field_reports.jsonl")
    dump = tmp_path / "many.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for k in range(20):
            for row in rows:
                handle.write(json.dumps({"id": f"{row['id']}-{k}", "text": row["text"],
                                         "published": row["published"]}) + "\n")
    out = tmp_path / "events.jsonl"
    out.write_text("yesterday's results\n", encoding="utf-8")
    # (A shell's background job inherits SIGINT ignored, and Python keeps it so: give the
    # command the default disposition, as a terminal's foreground job has.)
    process = subprocess.Popen([*COMMAND, "extract", str(dump), "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        # The temporary file appears when the run has begun; let it write for a while.
        assert _wait_for(lambda: any(p.suffix == ".tmp" for p in tmp_path.iterdir()), 60)
        assert _wait_for(lambda: any(p.suffix == ".tmp" and p.stat().st_size > 0 for p in tmp_path.iterdir()), 60)
        process.send_signal(signal.SIGINT if how == "SIGINT" else signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == (130 if how == "SIGINT" else 143)
    text = stderr.decode("utf-8")
    assert_clean_failure(text)
    assert text.strip().splitlines()[-1] == (
        f"conflictwatch: {'interrupted' if how == 'SIGINT' else 'terminated'}; {out} was left as it was")
    assert out.read_text(encoding="utf-8") == "yesterday's results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "many.jsonl"]


def test_help_documents_the_exit_codes():
    done = run("extract", "--help")
    assert done.returncode == 0
    for code in ("0", "1", "2", "130", "143"):
        assert f"\n  {code} " in done.stdout
    assert "--max-document-mb" in done.stdout


def test_example_article_unchanged_through_a_file_output(tmp_path):
    out = tmp_path / "out.jsonl"
    done = run("extract", str(DATA / "kursk-sof-clash.txt"), "--published", "2025-01-10", "-o", str(out))
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["events"][0]["sub_event_type"] == "Armed clash"
    assert line["document"]["encoding"] == "utf-8" and line["document"]["language"] == "en"
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.slow
def test_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    """Results are written and dropped: four times the documents, the same peak memory
    (a 50 MB JSONL peaked at 646 MB when every result was kept)."""
    rows = load_jsonl("positive_texts.jsonl") + load_jsonl("wire_reports.jsonl")
    peaks = []
    for count in (1_000, 4_000):
        dump = tmp_path / f"docs-{count}.jsonl"
        with dump.open("w", encoding="utf-8") as handle:
            for k in range(count):
                row = rows[k % len(rows)]
                handle.write(json.dumps({"id": f"d{k}", "text": row["text"], "published": row["published"]}) + "\n")
        process = subprocess.Popen([*COMMAND, "extract", str(dump), "-o", str(tmp_path / "out.jsonl")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        peaks.append(usage.ru_maxrss / 1024)
    assert peaks[1] - peaks[0] < 25, peaks
    assert peaks[1] < 400, peaks
