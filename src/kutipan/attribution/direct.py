"""Direct quotations: paired quotation marks, and the cue and speaker attached to them.

A pair of marks (`text.marks.find_marked`) is speech when a cue attaches to it or when it stands as speech
would (a whole paragraph, a long sentence, a multi-paragraph run), and a scare-quoted term otherwise
(`program "Desa Cerdas"`). Cues attach

- after the quote: `"…," kata Budi.`, `"…," katanya.`, `"…," Budi menambahkan.` (pattern `after`);
- before it: `Budi mengatakan, "…"` (`before`), `Menurut Budi, "…"` (`menurut`), `Budi: "…"` (`colon`);
- around it: `"Satu," kata Budi, "dua."` gives two quotes with one cue (`split`).

A quotation with no cue is `none`; a paragraph of a multi-paragraph quotation takes the cue of its last
paragraph (`split`).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from kutipan.attribution.raw import Pattern, RawQuote, word_count
from kutipan.lang import lexicon
from kutipan.phrase import Phrase, parse_phrase, parse_subject
from kutipan.text.cues import clitic, cue_kind
from kutipan.text.marks import MARKS, MarkedSpan
from kutipan.text.segment import Range
from kutipan.text.view import DocView

# Punctuation between a closing mark and the cue after it: `"…," kata`, `"…" - kata`.
_CUE_GAP = frozenset({",", "-", "—", "–"})
# Punctuation between a cue and the opening mark after it: `mengatakan, "…"`, `Budi: "…"`.
_BEFORE_GAP = frozenset({",", ":"})
# Tokens that end the clause a speaker phrase may stand in (besides a quotation mark).
_CLAUSE_ENDS = frozenset({".", "!", "?", ";", "(", ")"})
_AFTER_CUE_KINDS = frozenset({"post", "verb", "prep", "passive"})
# Kinds of a cue that follows the speaker (`Budi menambahkan`, `Budi mengatakan, "…"`).
_SPEAKER_FIRST_KINDS = frozenset({"post", "verb"})

# A quote inside a sentence that neither starts it nor ends in punctuation takes a cue after it only when
# it has this many words: shorter, it is a term the sentence goes on about (`"Desa Cerdas" kata warga …`).
MIN_INNER_QUOTE_WORDS = 6
# A quoted line of this many words or fewer that reads as a name is a slogan or title, not speech.
MAX_TITLE_WORDS = 6
# A bare quote that opens its paragraph is speech from this many words (shorter ones end in punctuation).
MIN_PARAGRAPH_QUOTE_WORDS = 4
# A bare quote inside a paragraph is speech only when long and ending like a sentence.
MIN_INNER_SPEECH_WORDS = 10
# Below this many words a fragment is the speaker's own words only when all of it is plain Indonesian.
SHORT_FRAGMENT_WORDS = 3

_SENTENCE_BREAK = regex.compile(r"[.!?][\"”']?\s+\p{Lu}")
_ENDS_LIKE_SPEECH = regex.compile(r"[.!?,…]$")
_ENDS_IN_PUNCT = regex.compile(r"[,.!?…]\s*$")
_HAS_WORD = regex.compile(r"\w")
_WORDS = regex.compile(r"\w+")

# what a cue search gives: (cue char range, speaker phrase, clitic char range, token after the cue phrase)
CueAfter = tuple[Range | None, Phrase | None, Range | None, int]
# what a cue search before the quote gives: (cue char range, speaker phrase, clitic char range, pattern)
CueBefore = tuple[Range | None, Phrase | None, Range | None, Pattern]


@cache
def _link_marker() -> regex.Pattern:
    """`Baca juga:` and the like, with any white space between the words."""
    forms = "|".join(r"\s+".join(regex.escape(w) for w in m.split()) for m in sorted(lexicon.get().link_markers))
    return regex.compile(rf"(?:{forms})\s*:?", regex.I)


@cache
def _first_person() -> regex.Pattern:
    """`saya`, `kami` … as whole words: a fragment that has one is somebody's words, not a name."""
    forms = "|".join(regex.escape(w) for w in sorted(lexicon.get().first_person))
    return regex.compile(rf"\b({forms})\b", regex.I)


def _in_baca_juga(text: str, para: Range, pos: int, found: list[tuple[int, int, int]] | None = None) -> bool:
    """Whether `pos` (a quotation mark) lies on a "Baca juga:" line, before that line's sentence ends.

    `found` is `_link_markers(text, para)`, computed once per paragraph by a caller that asks for many
    marks: each mark then costs a binary search, not a scan of the paragraph.
    """
    if found is None:
        found = _link_markers(text, para)
    k = bisect.bisect_left(found, (pos,)) - 1  # the last marker that starts before pos (and so ends by it)
    return k >= 0 and found[k][2] > pos


def _link_markers(text: str, para: Range) -> list[tuple[int, int, int]]:
    """`(start, end, reach)` of each link marker in a paragraph; a mark before `reach` is on its line.

    `reach` is the end of the first sentence break after the marker (the paragraph's end if none): a
    break must lie wholly before a mark to end the marker's line (`Baca juga: … Warga. "Kami …`).
    """
    out = []
    for m in _link_marker().finditer(text, para[0], para[1]):
        brk = _SENTENCE_BREAK.search(text, m.end(), para[1])
        out.append((m.start(), m.end(), brk.end() if brk else para[1] + 1))
    return out


def _sentence_of(sents: list[Range], pos: int) -> Range | None:
    k = bisect.bisect_right(sents, (pos, float("inf"))) - 1  # sentences are ascending and disjoint
    return sents[k] if k >= 0 and sents[k][0] <= pos < sents[k][1] else None


def _clause_end(view: DocView, i: int, lim: int) -> int:
    """First token at or after i that ends a clause (a full stop, an opening quotation mark, a bracket)."""
    words = view.words
    while i < lim:
        t = words[i]
        if t in _CLAUSE_ENDS or (len(t) == 1 and t in MARKS):
            return i
        i += 1
    return lim


def _cue_after(view: DocView, m: MarkedSpan, para_end: int) -> CueAfter | None:
    """A cue right after the closing mark: `"…," kata Budi`, `"…," katanya`, `"…," Budi menambahkan`."""
    words = view.words
    if m.close_mark is None:
        return None
    i = view.at_or_after(m.close_mark + 1)
    lim = view.at_or_after(para_end)
    while i < lim and words[i] in _CUE_GAP:
        i += 1
    if i >= lim:
        return None
    stop = _clause_end(view, i, lim)
    if cue_kind(view, i) in _AFTER_CUE_KINDS:
        cue = view.chars(i, i + 1)
        cl = clitic(view, i)
        if cl is not None:
            return cl[0], None, cl[1], cl[2]
        ph = parse_phrase(view, i + 1, stop)
        return cue, ph, None, (ph.end if ph else i + 1)
    ph = parse_phrase(view, i, stop)
    if ph is not None and ph.end < lim and cue_kind(view, ph.end) in _SPEAKER_FIRST_KINDS:
        return view.chars(ph.end, ph.end + 1), ph, None, ph.end + 1
    return None


def _cue_before(view: DocView, m: MarkedSpan, sent: Range) -> CueBefore | None:
    """A cue before the opening mark: `Budi mengatakan, "…"`, `Menurut Budi, "…"`, `Budi: "…"`."""
    words = view.words
    a = view.at_or_after(sent[0])
    b = view.at_or_after(m.open_mark)
    if b <= a:
        return None
    if words[b - 1] == ":":
        ph = parse_subject(view, a, b - 1)
        return (None, ph, None, "colon") if ph else None
    c = b
    gap = _BEFORE_GAP | lexicon.get().complementizers
    while c > a and words[c - 1] in gap:
        c -= 1
    if c > a and cue_kind(view, c - 1) in _SPEAKER_FIRST_KINDS and c - 1 > a:
        ph = parse_subject(view, a, c - 1)
        if ph is not None:
            return view.chars(c - 1, c), ph, None, "before"
    return _menurut_before(view, a, b, c)


def _menurut_before(view: DocView, a: int, b: int, c: int) -> CueBefore | None:
    """`Menurut Budi, "…"` / `Menurutnya, "…"`: a `prep` cue (after connectives) whose phrase ends at c."""
    words = view.words
    k = a
    while k < b and words[k] in lexicon.get().connectives and cue_kind(view, k) != "prep":
        k += 1
    if k < b and cue_kind(view, k) == "prep":
        cl = clitic(view, k)
        if cl is not None and cl[2] <= b:
            return cl[0], None, cl[1], "menurut"
        ph = parse_phrase(view, k + 1, c)
        if ph is not None and ph.end == c:
            return view.chars(k, k + 1), ph, None, "menurut"
    return None


def _runs_to_sentence_end(text: str, m: MarkedSpan, sent: Range) -> bool:
    if m.close_mark is None:
        return True
    return _next_word(text, m.close_mark + 1) >= sent[1]  # no word between the closing mark and the end


@lru_cache(maxsize=1)
def _word_runs(text: str) -> tuple[array, array]:
    """Starts and ends of the runs of word characters of `text` (for the last text only)."""
    starts, ends = array("q"), array("q")
    for w in _WORDS.finditer(text):
        starts.append(w.start())
        ends.append(w.end())
    return starts, ends


def _next_word(text: str, pos: int) -> int:
    """The first position at or after `pos` that holds a word character (`len(text)` if none).

    A look-up in the text's word runs: scanning from each closing mark to its sentence's end was
    quadratic in a long sentence of nested marks.
    """
    starts, ends = _word_runs(text)
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and ends[k] > pos:
        return pos
    return starts[k + 1] if k + 1 < len(starts) else len(text)


def _looks_like_speech(text: str, m: MarkedSpan, para: Range) -> bool:
    """Is an unattached quoted span speech (a bare quote paragraph, a long sentence) or a term?"""
    content = text[m.start : m.end].strip()
    n = word_count(content)
    if m.continues or m.continued:
        return True
    at_para_start = m.open_mark == para[0]
    ends_like_speech = bool(_ENDS_LIKE_SPEECH.search(content))
    if n <= MAX_TITLE_WORDS and is_term(content.rstrip(".!?,…")):
        return False  # a slogan or title on its own line: "Detik Pagi, Jangan Tidur Lagi!"
    if at_para_start and (n >= MIN_PARAGRAPH_QUOTE_WORDS or ends_like_speech):
        return True
    return n >= MIN_INNER_SPEECH_WORDS and ends_like_speech


def is_term(content: str) -> bool:
    """A quoted fragment that names something rather than reporting words (`"Gerakan 100 Smart City"`)."""
    words = _WORDS.findall(content)
    if not words:
        return True
    if _first_person().search(content):
        return False
    if len(words) < SHORT_FRAGMENT_WORDS:
        # a short fragment is the speaker's own words when it is plain Indonesian ("terburu-buru",
        # "sangat cerewet"), and a term when it is a name or a foreign phrase ("smart city", "Desa Cerdas")
        common = lexicon.get().common_words
        return not (words[0].islower() and all(w in common for w in words))
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return caps >= len(words) - 1  # a name may have one lower-case word: "Gerakan Sekolah dan Desa"


@dataclass(slots=True)
class _AfterCue:
    """The last quote of a paragraph that took a cue after it, for a second half: `"Satu," kata Budi, "dua."`."""

    end_tok: int  # token after its cue phrase
    quote: int  # its index among the direct quotes


def _with_cue_after(view: DocView, m: MarkedSpan, para: Range, sent: Range) -> tuple[RawQuote, int] | None:
    """The quote with the cue after it (and the token after the cue phrase), when one attaches."""
    text = view.text
    after = _cue_after(view, m, para[1])
    if after is None:
        return None
    cue, ph, nya, end_tok = after
    content = text[m.start : m.end]
    sentence_initial = not _HAS_WORD.search(text[sent[0] : m.open_mark])
    if sentence_initial or _ENDS_IN_PUNCT.search(content) or word_count(content) >= MIN_INNER_QUOTE_WORDS:
        return RawQuote(m.start, m.end, "direct", m.paragraph, "after", cue, ph, nya), end_tok
    return None


def _second_half(view: DocView, m: MarkedSpan, last: _AfterCue | None, direct: list[RawQuote]) -> RawQuote | None:
    """`"Satu," kata Budi, "dua."`: a quote that opens right after the previous quote's cue phrase."""
    if last is None:
        return None
    k = last.end_tok
    while k < len(view) and view.words[k] == ",":
        k += 1
    if k < len(view) and view.starts[k] == m.open_mark:
        p = direct[last.quote]
        return RawQuote(m.start, m.end, "direct", m.paragraph, "split", p.cue, p.phrase, p.clitic, link=last.quote)
    return None


def _attach(view: DocView, m: MarkedSpan, para: Range, sent: Range, rq: RawQuote | None) -> RawQuote | None:
    """Add a cue before the quote: to a quote with none yet, or to one whose cue after it named nobody."""
    runs_to_end = _runs_to_sentence_end(view.text, m, sent)
    if (rq is None and runs_to_end) or (rq is not None and rq.phrase is None and rq.clitic is None):
        before = _cue_before(view, m, sent)
        if before is not None and runs_to_end:
            cue, ph, nya, pattern = before
            if rq is None:
                return RawQuote(m.start, m.end, "direct", m.paragraph, pattern, cue, ph, nya)
            rq.phrase, rq.clitic = ph, nya
    if rq is None and _looks_like_speech(view.text, m, para):
        return RawQuote(m.start, m.end, "direct", m.paragraph, "none")
    return rq


def find_direct(
    view: DocView, paras: list[Range], sents_by_para: list[list[Range]], marked: Sequence[MarkedSpan]
) -> tuple[list[RawQuote], list[MarkedSpan]]:
    """Direct quotations in text order, and the quoted spans that are terms rather than speech."""
    text = view.text
    direct: list[RawQuote] = []
    terms: list[MarkedSpan] = []
    last_after: dict[int, _AfterCue] = {}  # paragraph → its last quote with a cue after it
    links: dict[int, list[tuple[int, int, int]]] = {}  # paragraph → its link markers
    for m in marked:
        para = paras[m.paragraph]
        if m.paragraph not in links:
            links[m.paragraph] = _link_markers(text, para)
        if _in_baca_juga(text, para, m.open_mark, links[m.paragraph]):
            continue
        sent = _sentence_of(sents_by_para[m.paragraph], m.open_mark) or para
        rq = None
        got = _with_cue_after(view, m, para, sent)
        if got is not None:
            rq, end_tok = got
            last_after[m.paragraph] = _AfterCue(end_tok, len(direct))
        else:
            rq = _second_half(view, m, last_after.get(m.paragraph), direct)
        rq = _attach(view, m, para, sent, rq)
        if rq is None:
            terms.append(m)
        else:
            direct.append(rq)
    _link_paragraph_runs(direct, marked)
    return direct, terms


def _link_paragraph_runs(direct: list[RawQuote], marked: Sequence[MarkedSpan]) -> None:
    """Multi-paragraph quotations take the cue and speaker of their last paragraph."""
    for k in range(len(direct) - 2, -1, -1):
        q, nxt = direct[k], direct[k + 1]
        if q.pattern == "none" and nxt.paragraph == q.paragraph + 1 and nxt.pattern != "none":
            span = next((x for x in marked if x.start == q.start), None)
            if span is not None and span.continues:
                q.pattern, q.cue, q.phrase, q.clitic, q.link = "split", nxt.cue, nxt.phrase, nxt.clitic, k + 1
