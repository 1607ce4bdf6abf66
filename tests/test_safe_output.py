"""Output written in full or not at all."""

from __future__ import annotations

import os
import stat

import pytest

from conflictwatch.errors import OutputError
from conflictwatch.safe_output import SafeOutput, check_output


def test_commit_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    with SafeOutput(str(target)) as out:
        out.write("new\n")
        assert target.read_text() == "old\n"  # not yet
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_an_exception_discards(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(KeyboardInterrupt):
        with SafeOutput(str(target)) as out:
            out.write("half")
            raise KeyboardInterrupt
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_a_new_file_gets_the_usual_mode(tmp_path):
    target = tmp_path / "new.csv"
    with SafeOutput(str(target), binary=True) as out:
        out.write(b"a,b\n")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_a_symbolic_link_is_followed(tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    with SafeOutput(str(link)) as out:
        out.write("new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


def test_a_device_is_written_directly():
    with SafeOutput(os.devnull) as out:
        out.write("nothing\n")
    assert os.path.exists(os.devnull) and not os.path.isfile(os.devnull)


def test_check_output_refusals(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text("{}\n")
    hardlink = tmp_path / "same.jsonl"
    os.link(source, hardlink)
    with pytest.raises(OutputError, match="is also an input"):
        check_output(str(hardlink), [str(source)])
    with pytest.raises(OutputError, match="it is a folder"):
        check_output(str(tmp_path), [])
    with pytest.raises(OutputError, match="does not exist; create it first"):
        check_output(str(tmp_path / "a" / "b.jsonl"), [])
    with pytest.raises(OutputError, match="is not a folder"):
        check_output(str(source / "x.jsonl"), [])
    check_output("-", [str(source)])
    check_output(str(tmp_path / "fine.jsonl"), [str(source), "-"])
