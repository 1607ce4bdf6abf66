"""How an archive is cut into tasks for the Dask workers: in order, every input
once, errors in place, the last inputs in small tasks so the writer's tail is short."""

from __future__ import annotations

from conflictwatch.errors import InputError
from conflictwatch.ingest.sources import RawInput
from conflictwatch.parallel.driver import _partitions


def raw(i: int) -> RawInput:
    return RawInput(f"a.jsonl:{i}", "record", f'{{"text": "{i}"}}', None)


def sizes(parts: list[list[RawInput | InputError]]) -> list[int]:
    return [sum(isinstance(x, RawInput) for x in part) for part in parts]


def test_full_partitions_then_a_tapered_tail():
    items = [raw(i) for i in range(1000)]
    parts = list(_partitions(items, 200, taper=400))
    assert sizes(parts) == [200, 200, 200] + [25] * 16
    assert [x for part in parts for x in part] == items


def test_without_taper_the_last_partition_holds_the_rest():
    items = [raw(i) for i in range(450)]
    assert sizes(list(_partitions(items, 200))) == [200, 200, 50]


def test_a_short_input_is_all_tail_and_errors_stay_in_place():
    bad = InputError("a.jsonl:3: not JSON")
    items: list[RawInput | InputError] = [raw(0), raw(1), raw(2), bad, raw(4)]
    parts = list(_partitions(items, 16, taper=32))
    assert sizes(parts) == [2, 2]
    assert parts[1] == [raw(2), bad, raw(4)]
    assert [x for part in parts for x in part] == items
    assert list(_partitions([], 16, taper=32)) == []
