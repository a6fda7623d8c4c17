"""Rebuild the derived lexicon `src/kutipan/data/regions.txt` from the shared gazetteer.

The gazetteer (cahyadsn/wilayah, MIT) lists Indonesia's provinces and regencies/cities. Speaker phrases
name regions inside titles and organisations (`Wali Kota Magelang`, `Dinas Kesehatan Kabupaten Cirebon`),
so the role parser needs to know where a region name ends and a person's name begins.

Usage: python scripts/build_lexicons.py
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "data" / "gazetteers" / "wilayah_level_1_2.tsv"
OUT = ROOT / "src" / "kutipan" / "data" / "regions.txt"
PREFIXES = ("Kabupaten ", "Kota ", "Kota Adm. ", "Kab. ")


def main() -> None:
    names: set[str] = set()
    with SRC.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["nama"].strip()
            for p in PREFIXES:
                if name.startswith(p):
                    name = name[len(p) :]
            # "Daerah Istimewa Yogyakarta", "DKI Jakarta": keep the common short forms too
            names.add(name)
            for lead in ("Daerah Istimewa ", "DKI ", "Adm. "):
                if name.startswith(lead):
                    names.add(name[len(lead) :])
    names |= {"Jakarta Pusat", "Jakarta Selatan", "Jakarta Barat", "Jakarta Timur", "Jakarta Utara", "Jakarta"}
    header = (
        "# Provinces and regencies/cities of Indonesia, without the Kabupaten/Kota prefix.\n"
        "# Derived by scripts/build_lexicons.py from ../shared/data/gazetteers (cahyadsn/wilayah, MIT licence,\n"
        "# Copyright (c) Cahya DSN; data per Kepmendagri No. 300.2.2-2430 Tahun 2025).\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(names)} names")


if __name__ == "__main__":
    main()
