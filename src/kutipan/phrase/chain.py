"""Read a role backwards from a name: the title chain that ends where the name starts.

A speaker introduced mid-sentence (`… kata Kabag Humas dan Protokol UGM Iva Ariani`, `Menurut Penjabat
(Pj) Gubernur DKI Jakarta Heru Budi Hartono, …`) has the role before the name, with no cue to read it
forwards from. `role_start` walks back from the name over title, institution and unit words until
something that cannot be in a role (a cue, a stop word, a quotation mark); `split_role` splits the chain
into title and institution with the same readers the forward grammar uses.
"""

from __future__ import annotations

from kutipan.lang import lexicon
from kutipan.phrase.org import org_head
from kutipan.phrase.title import read_title
from kutipan.phrase.words import AND, BRACKETED, TokRange, is_cap, lower_run, name_stops

# Signs that end a title chain read backwards: sentence and clause ends, quotation marks, brackets, dashes.
CHAIN_BREAKS = frozenset({".", ":", ";", '"', "“", "”", "(", ")", "—", "–", "-"})
# How far back from a lower-case word a title word may stand for the word to be its qualifier: "Ketua
# *tim peneliti*" (a qualifier has at most three words, see `words.MAX_QUALIFIER`).
QUALIFIER_REACH = 4


def _ends_chain(w: str) -> bool:
    """Whether the word before a chain cannot be in it: a cue, a stop word, a pronoun, a degree, a sign."""
    lex = lexicon.get()
    return (
        w in lex.cues
        or w in name_stops()
        or w in lex.pronouns
        or w in lex.post_honorifics
        or w in CHAIN_BREAKS
        or w.isspace()
    )


def _qualifier_step(words: list[str], q: int, h: int, lo: int) -> tuple[int, bool]:
    """Back over a lower-case qualifier ending at q-1 to its title word: "Ketua *tim peneliti*, Prof. …".

    Returns the position to go on from and whether the chain ends there: it ends at the qualifier when no
    title word stands before it, and after the title's comma: "…, pakar media Dr. Makroen".
    """
    title_words = lexicon.get().title_words
    t = next((t for t in range(q - 2, max(lo, q - QUALIFIER_REACH) - 1, -1) if words[t] in title_words), None)
    if t is None or lower_run(words, t + 1, h) < q - 1 - t:
        return q, True
    if t > lo and words[t - 1] == ",":
        return t, True
    return t + 1, False


def _chain_step(words: list[str], q: int, h: int, lo: int) -> tuple[int, bool]:
    """One step back from q over the word at q-1: the new position and whether the chain ends."""
    lex = lexicon.get()
    w = words[q - 1]
    if w == ")" and q - BRACKETED > lo and words[q - BRACKETED] == "(" and is_cap(words[q - 2]):
        return q - BRACKETED, False  # "Penjabat (Pj) Gubernur …", "Pusat Kajian Anti Korupsi (Pukat) UGM"
    if w == "," and q < h and words[q] in lex.title_words and words[q] not in lex.org_words:
        return q, True  # "Majelis Ulama Indonesia, Wakil Sekretaris Jenderal MUI …": a new role starts after it
    if _ends_chain(w):
        return q, True
    if w[:1].islower() and w not in lex.chain_lower_words:
        q, done = _qualifier_step(words, q, h, lo)
        if done:
            return q, True
    return q - 1, False


def _chain_head(words: list[str], q: int, h: int) -> int:
    """The first title word, institution head or region head at or after q (h if none)."""
    lex = lexicon.get()
    while q < h and not (words[q] in lex.title_words or org_head(words, q, h) or lex.region_heads.match(words, q, h)):
        q += 1
    return q


def role_start(words: list[str], h: int, lo: int) -> int:
    """Leftmost token of a title chain that ends before token h (scanning back no further than lo)."""
    q = h
    while q > lo:
        q, done = _chain_step(words, q, h, lo)
        if done:
            break
    return _chain_head(words, q, h)


def split_role(words: list[str], q: int, h: int) -> tuple[TokRange | None, TokRange | None, bool]:
    """Split a title chain [q, h) into title and organisation (GUIDE §5); the flag says region head."""
    while h > q and (words[h - 1] == "," or words[h - 1] == AND):
        h -= 1
    if h <= q:
        return None, None, False
    j, region_head = read_title(words, q, h)
    if region_head and j >= h:
        return (q, h), None, True
    org_at = next((k for k in range(j, h) if org_head(words, k, h)), None)
    if org_at is None:
        if j >= h:
            return (q, h), None, False
        if j > q:
            return (q, j), (j, h), False  # "Rektor Unlesa", "Ketua Kelompok Sadar Wisata Sidomukti"
        return None, (q, h), False
    title = (q, org_at) if org_at > q else None
    return title, (org_at, h), False
