"""Read the lexicon data files once, and look them up through one typed object.

The word lists (cues, titles, ranks, honorifics, organisation heads, regions …) are data in
`kutipan/data/`, one entry per line with `#` comments, so that a new cue or title is a new line and not
new code. Only this module opens them, and `get()` is the one way to read them: a frozen `Lexicon` whose
fields are named for what they hold (`lex.titles`, `lex.ranks.match(...)`), so no call site names a file.

Two kinds of list: *words* are stored in their base form and looked up in the case variants that news
text uses (`Kata`, `KATA` are made here); *exact* lists (function words, particles, abbreviations) are
looked up as written, because their case carries meaning (`di` inside a role, `Di` at a sentence start).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# an academic degree by its shape, beyond the lexicon's list: "Sp.A.", "S.Pd.I.", "M.P.H."
DEGREE = re.compile(r"^[A-Z][a-z]{0,3}\.(?:[A-Z][a-z]{0,3}\.?){1,3}$")
CLITIC = "nya"


def _lines(name: str) -> list[str]:
    text = resources.files("kutipan").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.rstrip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _variants(form: str) -> set[str]:
    """The case forms a base entry appears in: as stored, Capitalised, lower case (not for acronyms)."""
    out = {form}
    if not form.isupper() and not any(c.isupper() for c in form[1:]):
        out |= {form[:1].upper() + form[1:], form.lower()}
    return out


def _exact(name: str) -> frozenset[str]:
    """A one-column list looked up exactly as written (no case variants)."""
    return frozenset(_lines(name))


@dataclass(frozen=True)
class PhraseTable:
    """Multi-word entries (ranks, institution heads, region heads, role nouns) indexed by first word."""

    phrases: tuple[tuple[str, ...], ...]  # longest first
    index: Mapping[str, tuple[tuple[str, ...], ...]]  # first word → its phrases, longest first

    @classmethod
    def load(cls, name: str) -> PhraseTable:
        ph = phrases(name)
        index: dict[str, list[tuple[str, ...]]] = {}
        for p in ph:
            index.setdefault(p[0], []).append(p)
        return cls(ph, {k: tuple(v) for k, v in index.items()})

    def match(self, words: list[str], j: int, limit: int) -> int:
        """Length of the longest entry at `words[j:limit]` (0 if none)."""
        if j >= limit or j < 0:
            return 0
        for ph in self.index.get(words[j], ()):
            n = len(ph)
            if j + n <= limit and tuple(words[j : j + n]) == ph:
                return n
        return 0

    def starts(self, word: str) -> bool:
        """Whether some entry starts with `word`."""
        return word in self.index


@dataclass(frozen=True)
class Lexicon:
    """Every word list of `kutipan/data`, loaded once (see `get`)."""

    cues: Mapping[str, str]  # cue form → position (post, verb, prep, passive), all case variants
    cue_senses: Mapping[str, str]  # cue form → what it reports (speech, directive, belief): output `cue.kind`
    clitic_cues: frozenset[str]  # cue words that carry the -nya speaker: katanya, ujarnya, menurutnya
    pronouns: Mapping[str, str]  # ia, dia, beliau → pronoun; nya → clitic
    honorifics: Mapping[str, str]  # honorific or degree → pre | post
    pre_honorifics: frozenset[str]  # before a name: Dr., H., Prof.
    post_honorifics: frozenset[str]  # after a name: degrees S.H., M.Si.
    titles: frozenset[str]  # title words: Kepala, Ketua, Direktur
    units: frozenset[str]  # unit words inside a title: Bidang, Seksi
    title_words: frozenset[str]  # titles | units: what the phrase grammar calls a title word
    org_words: frozenset[str]  # words inside institution names
    stops: frozenset[str]  # function words that end a name
    connectives: frozenset[str]  # sentence connectives: Namun, Sementara
    adverbs: frozenset[str]  # adverbs between subject and verb: juga, pun
    given_names: frozenset[str]
    person_names: frozenset[str]  # name words from the NER corpora
    person_words: frozenset[str]  # given_names | person_names
    common_words: frozenset[str]  # lower-case common words (a capitalised one is not a name)
    not_content: frozenset[str]  # objects after a cue that are not reported content
    role_heads: frozenset[str]  # role nouns that head a speaker phrase: politikus, pengamat
    ranks: PhraseTable  # police and military ranks: AKBP, Brigjen TNI
    org_heads: PhraseTable  # institution heads: Dinas, Polres, PT
    region_heads: PhraseTable  # titles that take a region: Wali Kota, Bupati, Kapolres
    role_nouns: PhraseTable  # lower-case role nouns as speakers: warga, pengamat
    regions: frozenset[tuple[str, ...]]  # place names as token tuples
    max_region_len: int
    name_particles: frozenset[str]  # bin, van, de
    region_markers: frozenset[str]  # Kota, Kabupaten, Cabang
    demonstratives: frozenset[str]  # itu, ini, tersebut
    minister_titles: frozenset[str]  # Menteri, Menko, Wamen
    adjunct_starts: frozenset[str]  # di, saat, selaku
    days: frozenset[str]  # Senin … Minggu
    abbreviations: frozenset[str]  # kept whole by the tokenizer: Pol., Kab.
    sentence_abbreviations: frozenset[str]  # never end a sentence: Tbk., PT.
    name_function_words: frozenset[str]  # capitalised function words inside names: Di, Dari
    subject_prepositions: frozenset[str]  # before a non-subject name: Kepada, Dari
    lead_prepositions: frozenset[str]  # lead into a clause, not a speaker: Dalam, Terkait
    back_words: frozenset[str]  # itu, tersebut, serupa
    after_back: frozenset[str]  # pada, di, .
    former: frozenset[str]  # Mantan, Eks
    role_lower_words: frozenset[str]  # di, dan, bidang
    region_prefixes: frozenset[str]  # Kota, Kabupaten, Provinsi
    national_heads: frozenset[str]  # Presiden, Wapres
    # the speaker-phrase grammar's own lists (phrase/, speakers/names.py)
    qualifier_stops: frozenset[str]  # dan, yang, setempat: end a title's lower-case qualifier
    noun_connectives: frozenset[str]  # Ini, Itu, Hal: connectives that start the subject itself
    subject_leads: tuple[tuple[str, ...], ...]  # ("Lebih", "lanjut"): skipped before a subject
    trailing_adverbials: tuple[tuple[str, ...], ...]  # ("baru-baru", "ini"): between subject and verb
    clause_prepositions: frozenset[str]  # Di, Dalam, Kepada: open an adverbial, not a subject
    name_conjunctions: frozenset[str]  # dan, &: join the parts of an institution's name
    chain_lower_words: frozenset[str]  # dan, bidang: lower-case words inside a title chain
    alias_markers: frozenset[str]  # atau: "Prasetyo Hadi atau Pras"
    # attribution (issue 8b)
    first_person: frozenset[str]  # saya, kami: a quoted fragment with one is speech, not a term
    complementizers: frozenset[str]  # bahwa, between a cue verb and its content
    connective_tails: frozenset[str]  # itu, ini, ending a connective before a subject: Sementara itu
    back_heads: frozenset[str]  # hal, in "menyampaikan hal itu" (the object points back, reports nothing)
    link_markers: frozenset[str]  # baca juga: a line linking to another article

    # speakers/ (aliases, organisations, source types)
    org_connectives: frozenset[str]  # words joining parts of an organisation name
    nickname_markers: tuple[str, ...]  # `yang akrab disapa`: a nickname follows
    nickname_prefixes: tuple[str, ...]  # `Gus`, `Cak`: a name form of their own
    named_org_heads: tuple[str, ...]  # institution heads that take a proper name after them
    group_leads: frozenset[str]  # `para`, `pihak`: before a group head
    singular_leads: frozenset[str]  # `seorang`: one person, not a group
    alliance_heads: frozenset[str]  # `koalisi`, `aliansi`
    state_owned_markers: frozenset[str]  # `persero`, `bumn`
    group_heads: Mapping[str, str]  # case-folded group head → source type (`polisi` → official)
    source_type_orgs: Mapping[str, str]  # case-folded organisation word → source type
    source_type_titles: Mapping[str, str]  # case-folded title word → source type

    def is_degree(self, word: str) -> bool:
        """An academic degree after a name: the lexicon's (`S.H.`, `M.Si.`) or one of its shape (`Sp.A.`)."""
        return word in self.post_honorifics or bool(DEGREE.match(word))


_WORD_FILES: dict[str, str] = {  # field → file; entries looked up in their case variants
    "titles": "titles.txt",
    "units": "units.txt",
    "given_names": "given_names.txt",
    "person_names": "person_names.txt",
    "org_words": "org_words.txt",
    "stops": "stops.txt",
    "connectives": "connectives.txt",
    "adverbs": "adverbs.txt",
    "common_words": "common_words.txt",
    "not_content": "not_content.txt",
    "role_heads": "role_heads.txt",
}
_EXACT_FILES: dict[str, str] = {  # field → file; entries looked up exactly as written
    "name_particles": "name_particles.txt",
    "region_markers": "region_markers.txt",
    "demonstratives": "demonstratives.txt",
    "minister_titles": "minister_titles.txt",
    "adjunct_starts": "adjunct_starts.txt",
    "days": "days.txt",
    "abbreviations": "abbreviations.txt",
    "sentence_abbreviations": "sentence_abbreviations.txt",
    "name_function_words": "name_function_words.txt",
    "subject_prepositions": "subject_prepositions.txt",
    "lead_prepositions": "lead_prepositions.txt",
    "back_words": "back_words.txt",
    "after_back": "after_back.txt",
    "former": "former.txt",
    "role_lower_words": "role_lower_words.txt",
    "region_prefixes": "region_prefixes.txt",
    "national_heads": "national_heads.txt",
    "qualifier_stops": "qualifier_stops.txt",
    "noun_connectives": "noun_connectives.txt",
    "clause_prepositions": "clause_prepositions.txt",
    "name_conjunctions": "name_conjunctions.txt",
    "chain_lower_words": "chain_lower_words.txt",
    "alias_markers": "alias_markers.txt",
    "first_person": "first_person.txt",
    "complementizers": "complementizers.txt",
    "connective_tails": "connective_tails.txt",
    "back_heads": "back_heads.txt",
    "link_markers": "link_markers.txt",
    "org_connectives": "org_connectives.txt",
    "group_leads": "group_leads.txt",
    "singular_leads": "singular_leads.txt",
    "alliance_heads": "alliance_heads.txt",
    "state_owned_markers": "state_owned_markers.txt",
}
_PHRASE_FILES: dict[str, str] = {  # field → file; multi-word entries indexed by first word
    "ranks": "ranks.txt",
    "org_heads": "org_heads.txt",
    "region_heads": "region_heads.txt",
    "role_nouns": "role_nouns.txt",
}
_SEQUENCE_FILES: dict[str, str] = {  # field → file; word sequences (tuples) matched at a position
    "subject_leads": "subject_leads.txt",
    "trailing_adverbials": "trailing_adverbials.txt",
}
_LINE_FILES: dict[str, str] = {  # field → file; entries as written, in file order
    "nickname_markers": "nickname_markers.txt",
    "nickname_prefixes": "nickname_prefixes.txt",
    "named_org_heads": "named_org_heads.txt",
}
_TABLE_FILES: dict[str, str] = {  # field → two-column file; case-folded first column → second column
    "group_heads": "group_heads.tsv",
    "source_type_orgs": "source_type_orgs.tsv",
    "source_type_titles": "source_type_titles.tsv",
}


@cache
def get() -> Lexicon:
    """The lexicon, read from `kutipan/data` on first use and shared after that.

    A new word list is a data file, a field of `Lexicon`, and one line in the table of its kind above.
    """
    hon = honorifics()
    lists: dict[str, Any] = {k: words(f) for k, f in _WORD_FILES.items()}
    lists |= {k: _exact(f) for k, f in _EXACT_FILES.items()}
    lists |= {k: PhraseTable.load(f) for k, f in _PHRASE_FILES.items()}
    lists |= {k: tuple(tuple(line.split()) for line in _lines(f)) for k, f in _SEQUENCE_FILES.items()}
    lists |= {k: tuple(_lines(f)) for k, f in _LINE_FILES.items()}
    lists |= {k: _table(f) for k, f in _TABLE_FILES.items()}
    return Lexicon(
        cues=cues(),
        cue_senses=cue_senses(),
        clitic_cues=clitic_cues(),
        pronouns=pronouns(),
        honorifics=hon,
        pre_honorifics=frozenset(f for f, p in hon.items() if p == "pre"),
        post_honorifics=frozenset(f for f, p in hon.items() if p == "post"),
        title_words=lists["titles"] | lists["units"],
        person_words=lists["given_names"] | lists["person_names"],
        regions=regions(),
        max_region_len=max_region_len(),
        **lists,
    )


# The loaders below read one file each; call sites use `get()` instead.


def _cue_column(column: int) -> dict[str, str]:
    """Cue form → one column of `cues.tsv` (1: position, 2: sense), in all case variants."""
    out: dict[str, str] = {}
    for line in _lines("cues.tsv"):
        fields = line.split("\t")
        for v in _variants(fields[0]):
            out[v] = fields[column]
    return out


@cache
def cues() -> dict[str, str]:
    """Cue form → position (`post`, `verb`, `prep`, `passive`), in all case variants."""
    return _cue_column(1)


@cache
def cue_senses() -> dict[str, str]:
    """Cue form → what it reports (`speech`, `directive`, `belief`: GUIDE §9.1), in all case variants.

    Only the base forms are listed; `katanya` or `menurutnya` take the sense of `kata`, `menurut`.
    """
    return _cue_column(2)


@cache
def clitic_cues() -> frozenset[str]:
    """Cue words that take the `-nya` clitic as their speaker (`katanya`, `ujarnya`, `menurutnya`)."""
    forms = set()
    for form, kind in cues().items():
        if kind in {"post", "prep"}:
            forms.add(form + CLITIC)
    return frozenset(forms)


@cache
def words(name: str) -> frozenset[str]:
    """A one-column word list (`titles.txt`, `units.txt`, `org_words.txt`, `stops.txt` …) with variants."""
    out: set[str] = set()
    for line in _lines(name):
        for v in _variants(line):
            out.add(v)
    return frozenset(out)


@cache
def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A list of multi-word phrases as token tuples, longest first, with case variants of each word."""
    out: set[tuple[str, ...]] = set()
    for line in _lines(name):
        toks = line.split()
        out.add(tuple(toks))
        out.add(tuple(t[:1].upper() + t[1:] for t in toks))
    return tuple(sorted(out, key=lambda p: (-len(p), p)))


@cache
def phrase_index(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """`phrases(name)` grouped by first word, longest first: one dict lookup per position."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases(name):
        out.setdefault(ph[0], []).append(ph)
    return {k: tuple(v) for k, v in out.items()}


@cache
def honorifics() -> dict[str, str]:
    """Honorific or degree form → `pre` (before the name) or `post` (after it)."""
    out: dict[str, str] = {}
    for line in _lines("honorifics.tsv"):
        form, pos = line.split("\t")
        out[form] = pos
    return out


@cache
def pronouns() -> dict[str, str]:
    """Third-person pronoun → mention kind (`ia`, `dia`, `beliau` → pronoun; `nya` → clitic)."""
    out: dict[str, str] = {}
    for line in _lines("pronouns.tsv"):
        form, kind = line.split("\t")
        for v in _variants(form):
            out[v] = kind
    return out


def _table(name: str) -> dict[str, str]:
    """A two-column TSV (`source_type_*.tsv`): case-folded first column → second column."""
    out: dict[str, str] = {}
    for line in _lines(name):
        key, value = line.split("\t")
        out[key.casefold()] = value
    return out


@cache
def regions() -> frozenset[tuple[str, ...]]:
    """Region names (provinces, regencies, cities) as token tuples."""
    return frozenset(tuple(line.split()) for line in _lines("regions.txt"))


@cache
def max_region_len() -> int:
    """Length in words of the longest region name."""
    return max(len(r) for r in regions())
