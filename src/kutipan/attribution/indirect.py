"""Indirect speech: reported clauses without quotation marks, found sentence by sentence by named sieves.

A sentence outside every direct quotation is offered to the sieves in `SIEVES`, in that order, and the
first that matches gives its quotation; each sieve is a small function that is sure of one shape, and the
order is from the most specific shape to the most general (a `Menurut Budi,` opener before a cue in the
middle, that before a subject and its verb). The pattern label a sieve gives decides the quotation's
confidence (`assemble.CONFIDENCE`). The order, with one example each:

1. `menurut-comma` (menurut): `Menurut Budi, harga beras naik.` / `Menurutnya, …`
2. `passive-agent` (menurut): `Diterangkan Budi, harga beras naik.`
3. `cue-after-clause` (mid | end): `Harga beras, kata dia, naik lagi.` / `Harga beras naik, kata Budi.`
4. `menurut-no-comma` (menurut): `Saat ini, menurutnya harga beras naik.`
5. `speaker-between-commas` (mid): `Beras di pasar, Budi bilang, naik lagi kini.`
6. `subject-verb` (subject): `Budi mengatakan (bahwa) harga beras naik.`
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from kutipan.attribution.direct import is_term
from kutipan.attribution.raw import Pattern, RawQuote, trim_content, word_count
from kutipan.attribution.subjects import subject_fallback
from kutipan.lang import lexicon
from kutipan.phrase import Phrase, parse_phrase, parse_subject
from kutipan.text.cues import clitic, cue_kind
from kutipan.text.marks import MarkedSpan
from kutipan.text.segment import Range, RangeIndex
from kutipan.text.view import DocView

# A sentence of fewer tokens can't hold a cue, a speaker and reported content.
MIN_SENTENCE_TOKENS = 4
# `Menurut Budi, …` / `Diterangkan Budi, …`: the comma that ends the speaker phrase lies within this many
# tokens of the cue. Title, institution and name together rarely run longer; a comma further on ends a
# clause of the content, and the cue word was not followed by a speaker.
SPEAKER_PHRASE_MAX_TOKENS = 25
# `Saat ini, menurutnya …`: a `-nya` cue without a comma is taken only among the sentence's first tokens,
# where only an adverbial opener can precede it, and with at least this many tokens of content after it.
MENURUT_OPENER_MAX_TOKENS = 12
MENURUT_CONTENT_MIN_TOKENS = 3
# `…, Budi bilang, …`: the comma before the speaker lies within this many tokens before the verb (a short
# speaker phrase: a name, or a title and a name), and at least this many words come before that comma.
BETWEEN_COMMAS_MAX_TOKENS = 12
BETWEEN_COMMAS_MIN_LEAD_WORDS = 2
# `Budi mengatakan …`: the cue verb is among the sentence's first tokens (a long subject is a title, an
# institution and a name); further on, a verb reports something said inside the content itself.
SUBJECT_VERB_MAX_TOKENS = 30
SUBJECT_CONTENT_MIN_TOKENS = 2

_SENTENCE_END = frozenset({".", "!", "?"})
_AFTER_VERB = frozenset({",", ":"})  # punctuation between a cue verb and its content (with `bahwa`)
_CLAUSE_CUE_KINDS = frozenset({"post", "prep"})
_QUOTE_MARK = regex.compile(r"[\"“”]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as the sieves read it: token bounds [a, b) and the first token after its connectives."""

    view: DocView
    chars: Range
    paragraph: int
    a: int
    b: int
    lead: int  # first token after the connectives that open it (`Namun`, `Sementara itu`), or a `prep` cue

    @classmethod
    def of(cls, view: DocView, chars: Range, paragraph: int) -> Sentence:
        a, b = view.at_or_after(chars[0]), view.at_or_after(chars[1])
        conn = lexicon.get().connectives
        k = a
        while k < b and view.words[k] in conn and cue_kind(view, k) != "prep":
            k += 1
        return cls(view, chars, paragraph, a, b, k)

    def content(self, start: int, end: int | None = None) -> Range | None:
        """The trimmed content between two character offsets (to the sentence end by default)."""
        return trim_content(self.view.text, start, self.chars[1] if end is None else end)

    def after(self, tok: int) -> int:
        """Character offset just after token `tok` (a comma): where content after it starts."""
        return self.view.starts[tok] + 1

    def quote(
        self, span: Range, pattern: Pattern, cue: Range | None, phrase: Phrase | None = None, nya: Range | None = None
    ) -> RawQuote:
        return RawQuote(span[0], span[1], "indirect", self.paragraph, pattern, cue, phrase, nya)


SieveFn = Callable[[Sentence], RawQuote | None]


@dataclass(frozen=True, slots=True)
class Sieve:
    """A named sieve: `find` gives the sentence's quotation when its shape matches, None otherwise."""

    name: str
    patterns: tuple[Pattern, ...]  # the pattern labels its quotations carry
    example: str
    find: SieveFn


def _comma_after(s: Sentence, k: int) -> int | None:
    """The first comma after cue token k, within a speaker phrase's length."""
    words = s.view.words
    return next((j for j in range(k + 1, min(s.b, k + SPEAKER_PHRASE_MAX_TOKENS)) if words[j] == ","), None)


def _opens_clause(s: Sentence, k: int) -> bool:
    """Whether token k starts the sentence or follows a comma (`Sebelumnya, menurut Budi, …`)."""
    return k == s.a or s.view.words[k - 1] == ","


def _menurut_comma(s: Sentence) -> RawQuote | None:
    """`Menurut Budi, …` / `Menurutnya, …`: a `prep` cue, its speaker, a comma, then the content."""
    view, k = s.view, s.lead
    if not (k < s.b and view.words[k] != "," and cue_kind(view, k) == "prep" and _opens_clause(s, k)):
        return None
    comma = _comma_after(s, k)
    if comma is None:
        return None
    cl = clitic(view, k)
    if cl is not None and comma == cl[2]:
        span = s.content(s.after(comma))
        if span:
            return s.quote(span, "menurut", cl[0], None, cl[1])
    ph = parse_phrase(view, k + 1, comma)
    if ph is not None and ph.end == comma:
        span = s.content(s.after(comma))
        if span:
            return s.quote(span, "menurut", view.chars(k, k + 1), ph)
    return None


def _passive_agent(s: Sentence) -> RawQuote | None:
    """`Diterangkan Budi, …`: a passive cue with its agent, a comma, then the content."""
    view, k = s.view, s.lead
    if not (cue_kind(view, k) == "passive" and _opens_clause(s, k)):
        return None
    comma = _comma_after(s, k)
    if comma is None:
        return None
    ph = parse_phrase(view, k + 1, comma)
    if ph is not None and ph.end == comma:
        span = s.content(s.after(comma))
        if span:
            return s.quote(span, "menurut", view.chars(k, k + 1), ph)
    return None


def _adverbial(view: DocView, a: int, b: int) -> bool:
    """Whether tokens [a, b) are only a connective or adverbial (`Sebetulnya`, `Pada 2016`, `Selain itu`).

    `Namun kejadian-kejadian itu, lanjut Budi, …` is not: after the connective comes the subject of the
    reported clause (GUIDE §8.5).
    """
    lex = lexicon.get()
    words = [t.text for t in view[a:b] if not t.is_punct]
    while words and words[0] in lex.connectives and words[0] not in lex.lead_prepositions:
        words = words[1:]
    if not words:
        return True
    return words[0] in lex.lead_prepositions or words[0].lower() in lex.adverbs


def _cue_and_speaker(s: Sentence, k: int) -> tuple[Range, Phrase | None, Range | None, int] | None:
    """At cue token k: (cue chars, speaker phrase, clitic chars, token after them); None without a speaker."""
    view = s.view
    cl = clitic(view, k)
    if cl is not None:
        return cl[0], None, cl[1], cl[2]
    ph = parse_phrase(view, k + 1, s.b)
    if ph is None:
        return None
    return view.chars(k, k + 1), ph, None, ph.end


def _cue_after_clause(s: Sentence) -> RawQuote | None:
    """`…, kata dia, …` (`mid`) / `…, kata Budi.` (`end`): a cue and its speaker after a comma.

    Both shapes are tried at each cue from left to right, `mid` first, so the first cue that fits wins.
    """
    view, words, text = s.view, s.view.words, s.view.text
    for k in range(s.a + 1, s.b - 1):
        if words[k - 1] != "," or cue_kind(view, k) not in _CLAUSE_CUE_KINDS:
            continue
        got = _cue_and_speaker(s, k)
        if got is None:
            continue
        cue, ph, nya, end = got
        if end < s.b and words[end] == "," and end + 1 < s.b:
            # content on both sides of the cue, unless what comes before it is only an opener
            start = s.after(end) if _adverbial(view, s.a, k - 1) else s.chars[0]
            span = s.content(start)
            if span:
                return s.quote(span, "mid", cue, ph, nya)
        rest = text[view.starts[end] if end < s.b else s.chars[1] : s.chars[1]]
        at_end = end >= s.b or words[end] in _SENTENCE_END or words[end] in lexicon.get().stops
        if at_end and not _QUOTE_MARK.search(rest):
            span = s.content(s.chars[0], view.starts[k - 1])
            if span:
                return s.quote(span, "end", cue, ph, nya)
    return None


def _menurut_no_comma(s: Sentence) -> RawQuote | None:
    """`Saat ini, menurutnya masih …` / `Menurutnya Indonesia perlu …`: a `-nya` cue after an opener only."""
    view = s.view
    window = range(s.a, min(s.b - MENURUT_CONTENT_MIN_TOKENS, s.a + MENURUT_OPENER_MAX_TOKENS))
    k = next((j for j in window if cue_kind(view, j) == "prep"), None)
    if k is None:
        return None
    cl = clitic(view, k)
    if cl is None or not _adverbial(view, s.a, k):
        return None
    span = s.content(view.starts[cl[2]] if cl[2] < s.b else s.chars[1])
    return s.quote(span, "menurut", cl[0], None, cl[1]) if span else None


def _speaker_between_commas(s: Sentence) -> RawQuote | None:
    """`…, Budi bilang, …`: the speaker before a verb cue, set off by commas inside the content."""
    view, words, text = s.view, s.view.words, s.view.text
    for v in range(s.a + 2, s.b - 1):
        if cue_kind(view, v) != "verb" or words[v + 1] != ",":
            continue
        lowest = max(s.a, v - BETWEEN_COMMAS_MAX_TOKENS)
        comma = next((j for j in range(v - 1, lowest - 1, -1) if words[j] == ","), None)
        if comma is None or not word_count(text[s.chars[0] : view.starts[comma]]) >= BETWEEN_COMMAS_MIN_LEAD_WORDS:
            continue
        ph = parse_subject(view, comma + 1, v)
        if ph is not None:
            before = s.content(s.chars[0], view.starts[comma])
            after = s.content(s.after(v + 1))
            whole = s.content(s.chars[0])  # never None when `before` is not: it holds the same words
            if before and after and whole:
                # the quotation keeps the sentence's own start (the content runs through the cue)
                return s.quote((s.chars[0], whole[1]), "mid", view.chars(v, v + 1), ph)
    return None


def _points_back(words: list[str], c: int, b: int) -> bool:
    """`mengemukakan hal itu pada diskusi …`: the object refers to earlier words, it reports none (§8.2)."""
    lex = lexicon.get()
    return (
        words[c].lower() in lex.back_heads
        and c + 1 < b
        and words[c + 1].lower() in lex.back_words
        and (c + 2 >= b or words[c + 2].lower() in lex.after_back)
    )


def _subject_verb(s: Sentence) -> RawQuote | None:
    """`Budi mengatakan (bahwa) …`: a subject, a cue verb, then the content.

    Only the first verb cue with a subject counts: when its object reports nothing (`menyampaikan
    apresiasi`, `mengemukakan hal itu`) the sentence has no indirect quotation.
    """
    view, words = s.view, s.view.words
    lex = lexicon.get()
    for v in range(s.a + 1, min(s.b - SUBJECT_CONTENT_MIN_TOKENS, s.a + SUBJECT_VERB_MAX_TOKENS)):
        if cue_kind(view, v) != "verb":
            continue
        ph = parse_subject(view, s.a, v) or subject_fallback(view, s.a, v)
        if ph is None:
            continue
        c = v + 1
        while c < s.b and (words[c] in _AFTER_VERB or words[c] in lex.complementizers):
            c += 1
        if c < s.b and (words[c].lower() in lex.not_content or _points_back(words, c, s.b)):
            return None  # "menjelaskan soal …", "menyampaikan apresiasi": no reported content
        span = s.content(view.starts[c] if c < s.b else s.chars[1])
        return s.quote(span, "subject", view.chars(v, v + 1), ph) if span else None
    return None


# The sieves in the order they are tried; the first that matches a sentence gives its quotation.
SIEVES: tuple[Sieve, ...] = (
    Sieve("menurut-comma", ("menurut",), "Menurut Budi, harga beras naik.", _menurut_comma),
    Sieve("passive-agent", ("menurut",), "Diterangkan Budi, harga beras naik.", _passive_agent),
    Sieve("cue-after-clause", ("mid", "end"), "Harga beras naik, kata Budi.", _cue_after_clause),
    Sieve("menurut-no-comma", ("menurut",), "Saat ini, menurutnya harga beras naik.", _menurut_no_comma),
    Sieve("speaker-between-commas", ("mid",), "Beras di pasar, Budi bilang, naik lagi kini.", _speaker_between_commas),
    Sieve("subject-verb", ("subject",), "Budi mengatakan bahwa harga beras naik.", _subject_verb),
)


def match_sentence(view: DocView, chars: Range, paragraph: int) -> tuple[Sieve, RawQuote] | None:
    """The first sieve that matches the sentence at `chars`, and the quotation it gives."""
    s = Sentence.of(view, chars, paragraph)
    if s.b - s.a < MIN_SENTENCE_TOKENS:
        return None
    for sieve in SIEVES:
        rq = sieve.find(s)
        if rq is not None:
            return sieve, rq
    return None


def find_indirect(
    view: DocView, sents_by_para: list[list[Range]], direct: list[RawQuote], terms: Sequence[MarkedSpan]
) -> list[RawQuote]:
    """Indirect quotations of the sentences no direct quotation overlaps, in text order.

    A quoted term inside one that is somebody's words rather than a name makes it `mixed`.
    """
    text = view.text
    out: list[RawQuote] = []
    taken = RangeIndex([(q.start, q.end) for q in direct])
    terms = sorted(terms, key=lambda m: m.open_mark)
    marks = [m.open_mark for m in terms]  # terms by position: a look-up per quote, not a scan
    for p, sents in enumerate(sents_by_para):
        for sent in sents:
            if taken.overlaps(sent[0], sent[1]):
                continue
            got = match_sentence(view, sent, p)
            if got is None:
                continue
            rq = got[1]
            near = terms[bisect.bisect_left(marks, rq.start) : bisect.bisect_left(marks, rq.end)]
            inner = [m for m in near if m.end <= rq.end]
            if any(not is_term(text[m.start : m.end]) for m in inner):
                rq.type = "mixed"
            out.append(rq)
    return out
