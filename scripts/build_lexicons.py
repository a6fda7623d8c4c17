"""Rebuild the derived lexicons `regions.txt` and `person_names.txt` in `src/kutipan/data/`.

The gazetteer (cahyadsn/wilayah, MIT) lists Indonesia's provinces and regencies/cities. Speaker phrases
name regions inside titles and organisations (`Wali Kota Magelang`, `Dinas Kesehatan Kabupaten Cirebon`),
so the role parser needs to know where a region name ends and a person's name begins.

`person_names.txt` lists words that the NER corpora (nergrit, Apache-2.0; idner-news-2k, MIT) tag inside
person names and never inside organisations or places, and that do not occur in lower case there: where a
title chain runs straight into a name (`Dinas Pendidikan Sukamaju Sri Wahyuni`), the first such word is
where the name starts.

Usage: python scripts/build_lexicons.py
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
SRC = DATA / "gazetteers" / "wilayah_level_1_2.tsv"
OUT = ROOT / "src" / "kutipan" / "data" / "regions.txt"
NAMES_OUT = ROOT / "src" / "kutipan" / "data" / "person_names.txt"
NER_FILES = [
    (DATA / "nergrit" / "train_preprocess.txt", "\t"),
    (DATA / "idner-news-2k" / "train.txt", " "),
]


def _ner_tokens():
    """(token, label) pairs of the NER training files, labels mapped to PER/ORG/LOC/O."""
    mapping = {
        "PERSON": "PER",
        "PER": "PER",
        "ORGANISATION": "ORG",
        "ORG": "ORG",
        "PLACE": "LOC",
        "LOC": "LOC",
    }
    for path, sep in NER_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.strip().split(sep)
            if len(parts) < 2:
                continue
            tag = parts[-1]
            label = mapping.get(tag.split("-", 1)[-1], "O") if tag != "O" else "O"
            yield parts[0], label


COMMON_OUT = ROOT / "src" / "kutipan" / "data" / "common_words.txt"
UD_FILES = [
    DATA / "UD_Indonesian-GSD" / "id_gsd-ud-dev.conllu",
    DATA / "UD_Indonesian-GSD" / "id_gsd-ud-test.conllu",
    DATA / "UD_Indonesian-CSUI" / "id_csui-ud-train.conllu",
    DATA / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu",
]


def _write(path: Path, header: str, entries: list[str]) -> None:
    """One entry a line under a header naming the source (the lexicon file format, `kutipan.lang.lexicon`)."""
    path.write_text(header + "\n".join(entries) + "\n", encoding="utf-8")
    print(f"{path}: {len(entries)} entries")


def build_common_words() -> None:
    """Words written in lower case far more often than capitalised mid-sentence.

    Such a word is never a name at a sentence start ("Kinerja Renita …" is "Kinerja" + the name "Renita").
    """
    from collections import Counter

    lower, cap = Counter(), Counter()
    sentences = []
    for path in UD_FILES:
        sent = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                sentences.append(sent)
                sent = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" not in cols[0] and "." not in cols[0]:
                    sent.append(cols[1])
    sent = []
    for tok, _ in _ner_tokens():
        sent.append(tok)
    sentences.append(sent)
    for sent in sentences:
        for k, tok in enumerate(sent):
            if not tok.isalpha():
                continue
            if tok.islower():
                lower[tok] += 1
            elif k > 0 and tok[0].isupper() and tok[1:].islower():
                cap[tok.lower()] += 1
    words = sorted(w for w, n in lower.items() if n >= 3 and n >= 3 * cap[w] and len(w) > 2)
    header = (
        "# Words written in lower case far more often than capitalised mid-sentence.\n"
        "# Derived by scripts/build_lexicons.py from ../shared/data UD_Indonesian-GSD and -CSUI (CC BY-SA 4.0),\n"
        "# nergrit (Apache-2.0) and idner-news-2k (MIT): counts only, no text.\n"
    )
    _write(COMMON_OUT, header, words)


def build_person_names() -> None:
    from collections import Counter

    per, other, lower = Counter(), Counter(), Counter()
    for tok, label in _ner_tokens():
        if tok[:1].isupper() and tok[1:].islower() and tok.isalpha():
            (per if label == "PER" else other)[tok] += label != "O" or 0
            if label == "PER":
                continue
        if tok.islower():
            lower[tok] += 1
    names = sorted(t for t, n in per.items() if n >= 1 and other[t] == 0 and lower[t.lower()] == 0 and len(t) > 2)
    header = (
        "# Words tagged only inside person names in the NER training corpora, never in lower case there.\n"
        "# Derived by scripts/build_lexicons.py from ../shared/data/nergrit (IndoNLU, Apache-2.0; NERGRIT\n"
        "# contributors credited in its README) and ../shared/data/idner-news-2k (MIT, Khairunnisa et al.).\n"
    )
    _write(NAMES_OUT, header, names)


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
    names |= {
        "Jakarta Pusat",
        "Jakarta Selatan",
        "Jakarta Barat",
        "Jakarta Timur",
        "Jakarta Utara",
        "Jakarta",
    }
    # the short forms news uses for provinces and Jakarta's cities
    names |= set(
        [
            "DKI",
            "DIY",
            "Jatim",
            "Jateng",
            "Jabar",
            "Sumut",
            "Sumbar",
            "Sumsel",
            "Sulsel",
            "Sulut",
            "Sulteng",
            "Kaltim",
            "Kalbar",
            "Kalsel",
            "Kalteng",
            "Kaltara",
            "NTB",
            "NTT",
            "Babel",
            "Kepri",
            "Jaksel",
            "Jaktim",
            "Jakbar",
            "Jakut",
            "Jakpus",
        ]
    )
    header = (
        "# Provinces and regencies/cities of Indonesia, without the Kabupaten/Kota prefix.\n"
        "# Derived by scripts/build_lexicons.py from ../shared/data/gazetteers (cahyadsn/wilayah, MIT licence,\n"
        "# Copyright (c) Cahya DSN; data per Kepmendagri No. 300.2.2-2430 Tahun 2025).\n"
    )
    _write(OUT, header, sorted(names))
    build_person_names()
    build_common_words()


if __name__ == "__main__":
    main()
