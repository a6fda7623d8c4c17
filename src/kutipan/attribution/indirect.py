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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from kutipan.attribution.direct import is_term
from kutipan.attribution.raw import Pattern, RawQuote, trim_content, word_count
from kutipan.attribution.subjects import subject_fallback
from kutipan.lang import lexicon
from kutipan.phrase import Phrase, parse_phrase, parse_subject
from kutipan.syntax.parse import Parse
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
    parse: Parse | None = None  # the dependency parse, for the parse sieves (`PARSE_SIEVES`)

    @classmethod
    def of(cls, view: DocView, chars: Range, paragraph: int, parse: Parse | None = None) -> Sentence:
        a, b = view.at_or_after(chars[0]), view.at_or_after(chars[1])
        conn = lexicon.get().connectives
        k = a
        while k < b and view.words[k] in conn and cue_kind(view, k) != "prep":
            k += 1
        return cls(view, chars, paragraph, a, b, k, parse)

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
    return _speaker_then_content(s, k, comma)


def _speaker_then_content(s: Sentence, k: int, comma: int) -> RawQuote | None:
    """The quotation after cue k when tokens (k, comma) are exactly one speaker phrase: `Menurut Budi, …`."""
    ph = parse_phrase(s.view, k + 1, comma)
    if ph is not None and ph.end == comma:
        span = s.content(s.after(comma))
        if span:
            return s.quote(span, "menurut", s.view.chars(k, k + 1), ph)
    return None


def _passive_agent(s: Sentence) -> RawQuote | None:
    """`Diterangkan Budi, …`: a passive cue with its agent, a comma, then the content."""
    view, k = s.view, s.lead
    if not (cue_kind(view, k) == "passive" and _opens_clause(s, k)):
        return None
    comma = _comma_after(s, k)
    if comma is None:
        return None
    return _speaker_then_content(s, k, comma)


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


# --- sieves that read the dependency parse (`kutipan.syntax`) ---------------------------------------------
# They run only on sentences that hold a cue and that no rule sieve matched: where the rules win they decide.
# Measured on the corpus train and dev splits (issue 14): `parse-subject-verb` adds 19 (train) and 16 (dev)
# exactly right indirect quotes for 8 and 4 wrong ones; a passive-agent sieve (`Hal itu disampaikan oleh X`)
# found nothing right there and was left out.
# Cue verbs the parse may report from: the sentence's predicate, a verb conjoined to it (`…, tetapi
# meminta …`), or the predicate of a clause the sentence opens with.
_PARSE_VERB_DEPS = frozenset({"root", "conj", "parataxis"})
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj")
_DATELINE_DASHES = frozenset({"-", "–", "—"})
_NEGATIONS = frozenset({"tidak", "tak", "belum", "bukan", "enggan", "jangan", "tanpa"})
# a negation this many tokens before the verb negates it (`belum dapat memastikan`)
NEGATION_WINDOW = 3
# a common-noun or group subject the phrase grammar cannot read (`Polisi`, `Warga setempat`) is a speaker
# only when it is this short and starts with a role noun of the lexicon
GROUP_SUBJECT_MAX_WORDS = 4
# a conjoined verb's subject is looked for at most this many heads up (`datang terlambat dan mengatakan`)
SHARED_SUBJECT_STEPS = 3
# `menyebut X sebagai Y`: `sebagai` within this many tokens after the verb
NAMING_WINDOW = 6
_CONTENT_DEPS = ("ccomp", "xcomp")


def _speaker_from_parse(s: Sentence, lo: int, hi: int, v: int) -> Phrase | None:
    """The speaker phrase of a subject whose subtree is tokens [lo, hi), the verb being token v.

    The rules read the span the parse gives (a dateline, an opener or an adverb is outside it): first as a
    whole subject up to the verb, then as a phrase of the subtree alone, then by the fallbacks for a long
    role; a common noun or group subject (`Polisi`, `Pihak kampus`, `kedua menteri`) is a `role` mention.
    """
    view = s.view
    lo = _after_dateline(view.words, lo, hi)
    ph = parse_subject(view, lo, v) or subject_fallback(view, lo, v) or parse_phrase(view, lo, hi)
    if ph is not None:
        return ph
    assert s.parse is not None
    words = [w for w in view.words[lo:hi] if w not in {",", "(", ")"}]
    lex = lexicon.get()
    if 0 < len(words) <= GROUP_SUBJECT_MAX_WORDS and lex.role_nouns.starts(words[0].lower()):
        return Phrase(lo, hi, "role", (lo, hi))
    return None


def _after_dateline(words: list[str], lo: int, hi: int) -> int:
    """Where a subject starts after a dateline the parser put into it (`Jakarta (ANTARA) - Polisi …`)."""
    dash = max((k for k in range(lo, hi) if words[k] in _DATELINE_DASHES), default=None)
    return lo if dash is None else dash + 1


def _negated(words: list[str], v: int, a: int) -> bool:
    """`belum dapat memastikan`, `tidak pernah menyatakan`: a negated cue reports nothing (GUIDE §9.1)."""
    return any(w.lower() in _NEGATIONS for w in words[max(a, v - NEGATION_WINDOW) : v])


def _shared_subject(p: Parse, v: int) -> int | None:
    """`Budi datang terlambat, tetapi mengatakan …`: the subject of the verb a conjoined verb shares it with.

    Climbs the heads above v (at most `SHARED_SUBJECT_STEPS`) to the first one with a subject before v.
    """
    k = v
    for _ in range(SHARED_SUBJECT_STEPS):
        if p.head[k] == k:
            return None
        k = p.head[k]
        subj = p.child(k, *_SUBJECT_DEPS)
        if subj is not None and subj < v:
            return subj
    return None


def _content_start(s: Sentence, v: int) -> int:
    """The first content token after cue verb v: past a comma, a colon and `bahwa`."""
    words, lex = s.view.words, lexicon.get()
    c = v + 1
    while c < s.b and (words[c] in _AFTER_VERB or words[c] in lex.complementizers):
        c += 1
    return c


def _parse_subject_verb(s: Sentence) -> RawQuote | None:
    """`JAKARTA - Kepala BNPB, Senin, mengatakan …`, `Polisi menyebut …`: the subject of a cue verb by the parse.

    The verb's `nsubj` (or, for a verb conjoined to another, the first verb's) gives the speaker, and the
    content runs from after the verb (and `bahwa`) to the sentence end.
    """
    p, view = s.parse, s.view
    if p is None:
        return None
    for v in range(s.a + 1, s.b - SUBJECT_CONTENT_MIN_TOKENS):
        if cue_kind(view, v) != "verb" or not p.parsed(v):
            continue
        if p.dep[v] not in _PARSE_VERB_DEPS and not (p.dep[v] == "ccomp" and p.child(v, "cc") is not None):
            continue  # a `ccomp` with its own `tetapi`/`dan` is a conjoined verb the parser misread
        if _negated(view.words, v, s.a) or "sebagai" in view.words[v + 1 : v + NAMING_WINDOW]:
            continue  # `menyebut fenomena itu sebagai …` names something, it reports nothing
        subj = p.child(v, *_SUBJECT_DEPS)
        if subj is None and (p.dep[v] == "conj" or p.child(v, "cc") is not None):
            subj = _shared_subject(p, v)
        if subj is None or subj > v:
            continue
        lo, hi = p.subtree(subj)
        hi = min(hi, v)
        ph = _speaker_from_parse(s, lo, hi, v)
        if ph is None:
            continue
        c = _content_start(s, v)
        words = view.words
        if c < s.b and (words[c].lower() in lexicon.get().not_content or _points_back(words, c, s.b)):
            return None
        span = s.content(view.starts[c] if c < s.b else s.chars[1])
        return s.quote(span, "parse", view.chars(v, v + 1), ph) if span else None
    return None


def _parse_menurut(s: Sentence) -> RawQuote | None:
    """`Menurut Kepala Dinas Budi harga beras naik.`: `menurut` without a comma; the parse ends its phrase.

    In UD `menurut` is the `case` of the speaker noun; that noun's subtree is the speaker phrase and the
    content is the rest of the sentence.
    """
    p, view, k = s.parse, s.view, s.lead
    if p is None or not (cue_kind(view, k) == "prep" and _opens_clause(s, k)) or clitic(view, k) is not None:
        return None
    if not p.parsed(k) or p.base(k) != "case" or p.head[k] <= k:
        return None
    lo, hi = p.subtree(p.head[k])
    lo = max(lo, k + 1)
    if hi >= s.b or view.words[hi] == ",":
        return None  # a comma after the phrase is the rule sieves' shape; a phrase to the end reports nothing
    ph = parse_phrase(view, lo, hi) or _speaker_from_parse(s, lo, hi, hi)
    if ph is None or ph.end != hi:
        return None
    span = s.content(view.starts[hi])
    return s.quote(span, "parse", view.chars(k, k + 1), ph) if span else None


# The parse sieves in the order they are tried, after every rule sieve.
PARSE_SIEVES: tuple[Sieve, ...] = (
    Sieve("parse-menurut", ("parse",), "Menurut Kepala Dinas Budi harga beras naik.", _parse_menurut),
    Sieve("parse-subject-verb", ("parse",), "JAKARTA - Polisi, Senin, menyebut pelaku kabur.", _parse_subject_verb),
)


class SyntaxBackend:
    """What the parse sieves need from a parser (`kutipan.syntax`): a `Parse` of chosen sentences."""

    name: str

    def parse(self, view: DocView, sentences: Sequence[tuple[int, int]]) -> Parse:  # pragma: no cover
        raise NotImplementedError


def match_sentence(
    view: DocView, chars: Range, paragraph: int, sieves: Iterable[Sieve] = SIEVES, parse: Parse | None = None
) -> tuple[Sieve, RawQuote] | None:
    """The first of `sieves` that matches the sentence at `chars`, and the quotation it gives."""
    s = Sentence.of(view, chars, paragraph, parse)
    if s.b - s.a < MIN_SENTENCE_TOKENS:
        return None
    for sieve in sieves:
        rq = sieve.find(s)
        if rq is not None:
            return sieve, rq
    return None


# the cue positions a parse sieve starts from: a verb between subject and content, `menurut`
_PARSE_CUE_KINDS = frozenset({"verb", "prep"})


def _has_cue(view: DocView, chars: Range) -> bool:
    """Whether the sentence at `chars` holds a cue word a parse sieve could start from (only those are parsed)."""
    a, b = view.at_or_after(chars[0]), view.at_or_after(chars[1])
    if b - a < MIN_SENTENCE_TOKENS:
        return False
    kinds = view.cue_kinds
    return any(kinds[k] == "prep" or (kinds[k] == "verb" and not _negated(view.words, k, a)) for k in range(a, b))


def find_indirect(
    view: DocView,
    sents_by_para: list[list[Range]],
    direct: list[RawQuote],
    terms: Sequence[MarkedSpan],
    syntax: SyntaxBackend | None = None,
) -> list[RawQuote]:
    """Indirect quotations of the sentences no direct quotation overlaps, in text order.

    The rule sieves go first; with a `syntax` backend, the sentences they leave that hold a cue are parsed
    (in one batch, and only those) and offered to the parse sieves. A quoted term inside a quotation that
    is somebody's words rather than a name makes it `mixed`.
    """
    text = view.text
    found: list[RawQuote] = []
    left: list[tuple[int, Range]] = []
    taken = RangeIndex([(q.start, q.end) for q in direct])
    terms = sorted(terms, key=lambda m: m.open_mark)
    marks = [m.open_mark for m in terms]  # terms by position: a look-up per quote, not a scan
    for p, sents in enumerate(sents_by_para):
        for sent in sents:
            if taken.overlaps(sent[0], sent[1]):
                continue
            got = match_sentence(view, sent, p)
            if got is not None:
                found.append(got[1])
            elif syntax is not None and _has_cue(view, sent):
                left.append((p, sent))
    if left and syntax is not None:
        ranges = [(view.at_or_after(c[0]), view.at_or_after(c[1])) for _, c in left]
        parse = syntax.parse(view, ranges)
        for p, sent in left:
            got = match_sentence(view, sent, p, PARSE_SIEVES, parse)
            if got is not None:
                found.append(got[1])
    found.sort(key=lambda q: q.start)
    for rq in found:
        near = terms[bisect.bisect_left(marks, rq.start) : bisect.bisect_left(marks, rq.end)]
        inner = [m for m in near if m.end <= rq.end]
        if any(not is_term(text[m.start : m.end]) for m in inner):
            rq.type = "mixed"
    return found
