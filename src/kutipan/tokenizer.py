"""spaCy's Indonesian tokenizer with the special cases Indonesian news needs.

- `katanya`, `ujarnya`, `menurutnya` split into the cue and the clitic `nya`, which is the speaker
  mention: `"…," katanya.` → `kata` + `nya`. The tokens keep their character offsets into the input.
- Abbreviations with dots stay whole: ranks and honorifics (`Kombes Pol.`, `Dr.`, `S.H.`, `M.Si.`),
  `Plt.`, `Kab.`, `No.`.
- Dates in parentheses stay whole: `Senin (24/6)`, `(20/10/2025)` → `24/6`, `20/10/2025`.
"""

from __future__ import annotations

import re

import spacy
from spacy.attrs import ORTH
from spacy.language import Language

from . import lexicon

DATE = re.compile(r"^\d{1,2}/\d{1,2}(/\d{2,4})?$")
ABBREVIATIONS = ("Pol.", "Plt.", "Plh.", "Pj.", "Kab.", "Kec.", "Kel.", "No.", "Jl.", "Inf.", "Adm.", "Prov.")


def add_special_cases(nlp: Language) -> None:
    """Teach `nlp`'s tokenizer the clitic cues, dotted abbreviations and dates."""
    tok = nlp.tokenizer
    for form in lexicon.clitic_cues():
        base = form[: -len(lexicon.CLITIC)]
        tok.add_special_case(form, [{ORTH: base}, {ORTH: form[len(base) :]}])
    dotted = [f for f in lexicon.honorifics() if "." in f] + list(ABBREVIATIONS)
    for rank in lexicon.phrases("ranks.txt"):
        dotted += [w for w in rank if "." in w]
    for form in dotted:
        tok.add_special_case(form, [{ORTH: form}])
    # glued sentences from scraping: "terungkap.Area", "Surabaya.Dalam"
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z]{2})\.(?=[A-Z][a-z])"]
    tok.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    previous = tok.token_match

    def token_match(text: str):
        if DATE.match(text):
            return True
        return previous(text) if previous else None

    tok.token_match = token_match


def make_nlp() -> Language:
    """A blank Indonesian pipeline with kutipan's tokenizer special cases."""
    nlp = spacy.blank("id")
    add_special_cases(nlp)
    return nlp
