"""Link quotations to cues and speakers.

Direct quotations come from paired marks (`quotes.find_marked`); a pair is speech when a cue attaches
to it or when it stands as speech would (a whole paragraph, a long sentence, a multi-paragraph run), and
a scare-quoted term otherwise (`program "Desa Cerdas"`). Cues attach

- after the quote: `"…," kata Budi.`, `"…," katanya.`, `"…," Budi menambahkan.`;
- before it: `Budi mengatakan, "…"`, `Menurut Budi, "…"`, `Budi: "…"`;
- around it: `"Part one," kata Budi, "part two."` gives two quotes with one cue.

Indirect quotations are found per sentence where the rule is sure: `Budi mengatakan (bahwa) …`,
`Menurut Budi, …`, `…, kata dia, …` and `…, kata Budi.` Quotes without a cue (a bare quote paragraph)
take the speaker of the quote before them. Speakers are then resolved across the document by
`coref.SpeakerRegistry`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex
from spacy.tokens import Doc

from . import lexicon
from .cues import clitic, cue_kind
from .quotes import MARKS, MarkedSpan, find_marked
from .roles import (
    DEMONSTRATIVES,
    Phrase,
    doc_text,
    doc_words,
    name_word,
    parse_phrase,
    parse_subject,
    person_tokens,
    person_words,
)
from .segment import Range, paragraphs, sentences

CONFIDENCE = {
    "after": 0.95,
    "before": 0.9,
    "colon": 0.85,
    "split": 0.9,
    "menurut": 0.85,
    "subject": 0.85,
    "mid": 0.75,
    "end": 0.8,
    "carry": 0.6,
    "forward": 0.45,
    "none": 0.3,
}
_FIRST_PERSON = regex.compile(r"\b(saya|kami|kita|aku)\b", regex.I)
_BACA_JUGA = regex.compile(r"baca\s+juga\s*:?", regex.I)


@dataclass(slots=True)
class RawQuote:
    """A quotation before speaker resolution."""

    start: int
    end: int
    type: str
    paragraph: int
    pattern: str
    cue: Range | None = None
    phrase: Phrase | None = None
    clitic: Range | None = None  # char range of `nya`
    link: int | None = None  # index of the quote whose speaker this one shares


class _Index:
    """Character ↔ token lookups for one Doc."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = doc.to_array("IDX").tolist()  # no Token objects: this runs on every document

    def at_or_after(self, char: int) -> int:
        """Index of the first token that starts at or after `char` (tokens [.., i) lie before it)."""
        return bisect.bisect_left(self.starts, char)

    def chars(self, a: int, b: int) -> Range:
        d = self.doc
        return d[a].idx, d[b - 1].idx + len(d[b - 1].text)


def _words(text: str) -> int:
    return len(regex.findall(r"\w+", text))


def _in_baca_juga(text: str, para: Range, pos: int) -> bool:
    line = text[para[0] : pos]
    found = list(_BACA_JUGA.finditer(line))
    if not found:
        return False
    m = found[-1]
    between = line[m.end() :]
    return not regex.search(r"[.!?][\"”']?\s+\p{Lu}", between)


def _sentence_of(sents: list[Range], pos: int) -> Range | None:
    for s in sents:
        if s[0] <= pos < s[1]:
            return s
    return None


def _cue_after(ix: _Index, m: MarkedSpan, para_end: int) -> tuple[Range, Phrase | None, Range | None, int] | None:
    """A cue right after the closing mark: `"…," kata Budi`, `"…," katanya`, `"…," Budi menambahkan`."""
    doc = ix.doc
    words = doc_words(doc)
    if m.close_mark is None:
        return None
    i = ix.at_or_after(m.close_mark + 1)
    lim = ix.at_or_after(para_end)
    while i < lim and words[i] in {",", "-", "—", "–"}:
        i += 1
    if i >= lim:
        return None
    stop = _clause_end(doc, i, lim)
    kind = cue_kind(doc, i)
    if kind in {"post", "verb", "prep", "passive"}:
        cue = ix.chars(i, i + 1)
        cl = clitic(doc, i)
        if cl is not None:
            return cl[0], None, cl[1], cl[2]
        ph = parse_phrase(doc, i + 1, stop)
        return cue, ph, None, (ph.end if ph else i + 1)
    ph = parse_phrase(doc, i, stop)
    if ph is not None and ph.end < lim and cue_kind(doc, ph.end) in {"post", "verb"}:
        return ix.chars(ph.end, ph.end + 1), ph, None, ph.end + 1
    return None


def _clause_end(doc: Doc, i: int, lim: int) -> int:
    """First token at or after i that ends a clause (a full stop, an opening quotation mark, a bracket)."""
    words = doc_words(doc)
    while i < lim:
        t = words[i]
        if t in {".", "!", "?", ";", "(", ")"} or (len(t) == 1 and t in MARKS):
            return i
        i += 1
    return lim


def _cue_before(ix: _Index, text: str, m: MarkedSpan, sent: Range):
    """A cue before the opening mark: `Budi mengatakan, "…"`, `Menurut Budi, "…"`, `Budi: "…"`."""
    doc = ix.doc
    words = doc_words(doc)
    a = ix.at_or_after(sent[0])
    b = ix.at_or_after(m.open_mark)
    if b <= a:
        return None
    c = b
    if words[c - 1] == ":":
        ph = parse_subject(doc, a, c - 1)
        return (None, ph, None, "colon") if ph else None
    while c > a and words[c - 1] in {",", "bahwa", ":"}:
        c -= 1
    if c > a and cue_kind(doc, c - 1) in {"verb", "post"} and c - 1 > a:
        ph = parse_subject(doc, a, c - 1)
        if ph is not None:
            return ix.chars(c - 1, c), ph, None, "before"
    # Menurut Budi, "…"
    k = a
    while k < b and words[k] in lexicon.words("connectives.txt") and cue_kind(doc, k) != "prep":
        k += 1
    if k < b and cue_kind(doc, k) == "prep":
        cl = clitic(doc, k)
        if cl is not None and cl[2] <= b:
            return cl[0], None, cl[1], "menurut"
        ph = parse_phrase(doc, k + 1, c)
        if ph is not None and ph.end == c:
            return ix.chars(k, k + 1), ph, None, "menurut"
    return None


def _runs_to_sentence_end(text: str, m: MarkedSpan, sent: Range) -> bool:
    if m.close_mark is None:
        return True
    rest = text[m.close_mark + 1 : sent[1]]
    return not regex.search(r"\w", rest)


def _looks_like_speech(text: str, m: MarkedSpan, para: Range) -> bool:
    """Is an unattached quoted span speech (a bare quote paragraph, a long sentence) or a term?"""
    content = text[m.start : m.end].strip()
    n = _words(content)
    if m.continues or m.continued:
        return True
    at_para_start = m.open_mark == para[0]
    ends_like_speech = bool(regex.search(r"[.!?,…]$", content))
    if n <= 6 and _is_term(content.rstrip(".!?,…")):
        return False  # a slogan or title on its own line: "Detik Pagi, Jangan Tidur Lagi!"
    if at_para_start and (n >= 4 or ends_like_speech):
        return True
    return n >= 10 and ends_like_speech


def _is_term(content: str) -> bool:
    """A quoted fragment that names something rather than reporting words (`"Gerakan 100 Smart City"`)."""
    words = regex.findall(r"\w+", content)
    if not words:
        return True
    if _FIRST_PERSON.search(content):
        return False
    if len(words) < 3:
        # a short fragment is the speaker's own words when it is plain Indonesian ("terburu-buru",
        # "sangat cerewet"), and a term when it is a name or a foreign phrase ("smart city", "Desa Cerdas")
        common = lexicon.words("common_words.txt")
        return not (words[0].islower() and all(w in common for w in words))
    caps = sum(w[0].isupper() or w[0].isdigit() for w in words)
    return caps >= len(words) - 1


def find_quotes(doc: Doc) -> tuple[list[RawQuote], list[Phrase]]:
    """All quotations of a Doc, in text order, with cue and speaker phrase where the rules find them.

    Also returns the people named as the subject of a sentence (`Gubernur Jawa Timur Khofifah Indar
    Parawansa menerima …`), which a later `ia` or `katanya` may refer to.
    """
    text = doc_text(doc)
    words = doc_words(doc)
    ix = _Index(doc)
    paras = paragraphs(text)
    marked = find_marked(text, paras)
    opening = frozenset(m.open_mark for m in marked)
    protected = [(m.open_mark, (m.close_mark + 1) if m.close_mark is not None else m.end) for m in marked]
    sents_by_para = [sentences(text, p, protected, opening) for p in paras]

    direct: list[RawQuote] = []
    term_spans: list[MarkedSpan] = []
    last_after_end: dict[int, tuple[int, int]] = {}  # paragraph → (token index after the cue phrase, quote idx)
    for m in marked:
        para = paras[m.paragraph]
        if _in_baca_juga(text, para, m.open_mark):
            continue
        sents = sents_by_para[m.paragraph]
        sent = _sentence_of(sents, m.open_mark) or para
        content = text[m.start : m.end]
        sentence_initial = not regex.search(r"\w", text[sent[0] : m.open_mark])
        rq = None
        after = _cue_after(ix, m, para[1])
        if after is not None:
            cue, ph, nya, end_tok = after
            if sentence_initial or regex.search(r"[,.!?…]\s*$", content) or _words(content) >= 6:
                rq = RawQuote(m.start, m.end, "direct", m.paragraph, "after", cue, ph, nya)
                last_after_end[m.paragraph] = (end_tok, len(direct))
        if rq is None and m.paragraph in last_after_end:
            end_tok, prev = last_after_end[m.paragraph]
            k = end_tok
            while k < len(doc) and words[k] in {","}:
                k += 1
            if k < len(doc) and doc[k].idx == m.open_mark:
                p = direct[prev]
                rq = RawQuote(m.start, m.end, "direct", m.paragraph, "split", p.cue, p.phrase, p.clitic, link=prev)
        if (
            rq is None
            and _runs_to_sentence_end(text, m, sent)
            or rq is not None
            and rq.phrase is None
            and not rq.clitic
        ):
            before = _cue_before(ix, text, m, sent)
            if before is not None and _runs_to_sentence_end(text, m, sent):
                cue, ph, nya, pattern = before
                if rq is None:
                    rq = RawQuote(m.start, m.end, "direct", m.paragraph, pattern, cue, ph, nya)
                else:
                    rq.phrase, rq.clitic = ph, nya
        if rq is None and _looks_like_speech(text, m, para):
            rq = RawQuote(m.start, m.end, "direct", m.paragraph, "none")
        if rq is None:
            term_spans.append(m)
            continue
        direct.append(rq)

    # multi-paragraph quotations take the cue and speaker of their last paragraph
    for k in range(len(direct) - 2, -1, -1):
        q, nxt = direct[k], direct[k + 1]
        if q.pattern == "none" and nxt.paragraph == q.paragraph + 1 and nxt.pattern != "none":
            m = next((x for x in marked if x.start == q.start), None)
            if m is not None and m.continues:
                q.pattern, q.cue, q.phrase, q.clitic, q.link = "split", nxt.cue, nxt.phrase, nxt.clitic, k + 1

    indirect = _find_indirect(doc, text, ix, sents_by_para, direct, term_spans)
    people = _find_people(doc, ix, sents_by_para, protected)
    out = sorted(direct + indirect, key=lambda q: q.start)
    # re-point links after sorting
    order = {id(q): n for n, q in enumerate(out)}
    for q in out:
        if q.link is not None:
            src = direct[q.link]
            q.link = order[id(src)]
    return out, people


_PREPOSITIONS = frozenset(
    {
        "Kepada",
        "Dari",
        "Di",
        "Dalam",
        "Pada",
        "Untuk",
        "Oleh",
        "Dengan",
        "Bagi",
        "Terhadap",
        "Menurut",
        "Saat",
        "Ketika",
        "Selama",
        "Sejak",
        "Usai",
        "Setelah",
        "Sebelum",
    }
)


def _find_people(doc: Doc, ix: _Index, sents_by_para: list[list[Range]], quoted: list[Range]) -> list[Phrase]:
    """Named people as the subject of a sentence (`Gubernur Jawa Timur Khofifah Indar Parawansa menerima …`).

    Only outside quotations, not after a preposition (`Kepada Konjen …`), and only a name the lexicons
    don't claim as a place or an institution word.
    """
    out = []
    words = doc_words(doc)
    conn = lexicon.words("connectives.txt")
    not_name = lexicon.words("org_words.txt") | lexicon.words("titles.txt")
    for sents in sents_by_para:
        for sent in sents:
            if any(a <= sent[0] < b for a, b in quoted):
                continue
            a = ix.at_or_after(sent[0])
            b = ix.at_or_after(sent[1])
            if a < b and words[a] in _PREPOSITIONS:
                continue
            k = a
            while k < b and (words[k] in conn or doc[k].is_punct or doc[k].lower_ in {"itu", "ini"}):
                k += 1
            if k >= b or words[k] in conn:
                continue
            ph = parse_phrase(doc, k, b)
            if ph is None or ph.kind != "name" or ph.end >= b or not words[ph.end][:1].islower():
                continue
            name = [t.text for t in doc[ph.name[0] : ph.name[1]]]
            if any(w in not_name or w.isupper() for w in name):
                continue
            if len(name) >= 2 or ph.title or ph.honorifics:
                out.append(ph)
    return out


_PREFIX_LOWER = frozenset({"di", "dan", "bidang", "sekaligus", "serta", "&"})
_FORMER = frozenset({"Mantan", "Eks", "mantan", "eks"})


@cache
def _role_words() -> frozenset[str]:
    """Title, unit and institution words: what the words before a speaker's name may be."""
    return lexicon.words("titles.txt") | lexicon.words("units.txt") | lexicon.words("org_words.txt")


def _subject_fallback(doc: Doc, a: int, v: int) -> Phrase | None:
    """The speaker of `… mengatakan` when the words before the verb do not parse as one phrase.

    Two shapes are common in real news. A long role the phrase parser cannot split, ending in a name:
    `Sebelumnya, Ketua Fraksi Partai Maju di DPRD Sukamaju Andi W Santoso mengatakan` (the name phrase at the end is
    the speaker, and the words before it may only be role words). A role noun phrase pointing back to a
    person already named: `Mantan Gubernur Jawa Tengah itu menuturkan` (a `role` mention, resolved by
    reading like `politikus itu`).
    """
    words = doc_words(doc)
    conn = lexicon.words("connectives.txt")
    titles = _role_words()
    k = a
    while k < v and (words[k] in conn or words[k] == ","):
        k += 1
    if k >= v or not (words[k][:1].isupper() or words[k] in titles):
        return None
    e = v
    while e > k and words[e - 1] in lexicon.words("adverbs.txt") and words[e - 1] not in DEMONSTRATIVES:
        e -= 1  # "Eks Wali Kota Jakarta Utara itu juga berpesan"
    if (
        2 <= e - k <= 8
        and words[e - 1] in DEMONSTRATIVES
        and (words[k] in titles or words[k] in _FORMER or words[k].lower() in lexicon.words("role_heads.txt"))
        and all(w.replace("-", "").isalnum() for w in words[k : e - 1])
        and not any(cue_kind(doc, j) for j in range(k, e - 1))
    ):
        return Phrase(k, e, "role", (k, e))
    persons = person_tokens(doc)
    found: list[Phrase] = []
    for s in range(k + 1, v):
        prefix = words[k:s]
        lower = [w for w in prefix if not w[:1].isupper() and w not in {"(", ")", ",", "."}]
        if len(lower) > 2 or any(w not in _PREFIX_LOWER and w not in titles for w in lower):
            return None
        if not words[s][:1].isupper():
            continue
        ph = parse_subject(doc, s, v)
        if ph is None or ph.kind != "name" or not any(w in titles for w in prefix):
            continue
        name = range(*ph.name)
        if "," in words[ph.name[1] : v]:
            continue  # "Comm, Rel & CSR Ahad Rahedi": a comma after the name means it is not the name
        if any(words[j] in person_words() or j in persons for j in range(ph.name[1], v) if words[j][:1].isupper()):
            continue  # "Partai Maju di DPRD Sukamaju Andi Wijaya": a name further on is the speaker
        if all(name_word(words[j]) for j in name) and (
            len(name) >= 2 or all(words[j] in person_words() or j in persons for j in name)
        ):
            found.append(ph)
    # prefer the leftmost (longest) name that starts with a known given name, then one where the NER
    # model starts a person, then one of three words or fewer ("Chief Operation Officier Kalla Beton Ali
    # Syamsu Wairooy" → "Ali Syamsu Wairooy")
    ner_starts = {start for start, _ in persons.values()}
    for ph in found:
        if words[ph.name[0]] in person_words():
            return ph
    for ph in found:
        if ph.name[0] in ner_starts:
            return ph
    return next((ph for ph in found if ph.name[1] - ph.name[0] <= 3), found[0] if found else None)


def _find_indirect(doc, text, ix, sents_by_para, direct, term_spans) -> list[RawQuote]:
    out: list[RawQuote] = []
    taken = [(q.start, q.end) for q in direct]
    for p, sents in enumerate(sents_by_para):
        for sent in sents:
            if any(a < sent[1] and sent[0] < b for a, b in taken):
                continue
            rq = _indirect_in(doc, ix, text, sent, p)
            if rq is None:
                continue
            inner = [m for m in term_spans if rq.start <= m.open_mark and m.end <= rq.end]
            if any(not _is_term(text[m.start : m.end]) for m in inner):
                rq.type = "mixed"
            out.append(rq)
    return out


_PREPOSITION_LEADS = frozenset(
    {
        "Dalam",
        "Pada",
        "Di",
        "Untuk",
        "Terkait",
        "Sejak",
        "Selain",
        "Saat",
        "Ketika",
        "Dari",
        "Bagi",
        "Menurut",
        "Soal",
        "Mengenai",
        "Tentang",
        "Selama",
        "Hingga",
    }
)


_BACK = frozenset({"itu", "tersebut", "ini", "serupa", "senada"})
_AFTER_BACK = frozenset({"pada", "di", "dalam", "saat", "ketika", "usai", "kepada", "seusai", "."})


def _points_back(words: list[str], c: int, b: int) -> bool:
    """`mengemukakan hal itu pada diskusi …`: the object refers to earlier words, it reports none (§8.2)."""
    return (
        words[c].lower() == "hal"
        and c + 1 < b
        and words[c + 1].lower() in _BACK
        and (c + 2 >= b or words[c + 2].lower() in _AFTER_BACK)
    )


def _adverbial(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens [a, b) are only a connective or adverbial (`Sebetulnya`, `Pada 2016`, `Selain itu`).

    `Namun kejadian-kejadian itu, lanjut Budi, …` is not: after the connective comes the subject of the
    reported clause (GUIDE §8.5).
    """
    conn = lexicon.words("connectives.txt")
    words = [t.text for t in doc[a:b] if not t.is_punct]
    while words and words[0] in conn and words[0] not in _PREPOSITION_LEADS:
        words = words[1:]
    if not words:
        return True
    return words[0] in _PREPOSITION_LEADS or words[0].lower() in lexicon.words("adverbs.txt")


def _trim_content(text: str, s: int, e: int) -> Range | None:
    while s < e and (text[s].isspace() or text[s] in ",:;-–—"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:"):
        e -= 1
    if _words(text[s:e]) < 3:
        return None
    return s, e


def _indirect_in(doc: Doc, ix: _Index, text: str, sent: Range, p: int) -> RawQuote | None:
    words = doc_words(doc)
    a = ix.at_or_after(sent[0])
    b = ix.at_or_after(sent[1])
    if b - a < 4:
        return None
    conn = lexicon.words("connectives.txt")
    # Menurut Budi, … / Menurutnya, …
    k = a
    while k < b and words[k] in conn and cue_kind(doc, k) != "prep":
        k += 1
    if k < b and words[k] != "," and cue_kind(doc, k) == "prep" and (k == a or words[k - 1] == ","):
        comma = next((j for j in range(k + 1, min(b, k + 25)) if words[j] == ","), None)
        if comma is not None:
            cl = clitic(doc, k)
            if cl is not None and comma == cl[2]:
                span = _trim_content(text, doc[comma].idx + 1, sent[1])
                if span:
                    return RawQuote(*span, "indirect", p, "menurut", cl[0], None, cl[1])
            ph = parse_phrase(doc, k + 1, comma)
            if ph is not None and ph.end == comma:
                span = _trim_content(text, doc[comma].idx + 1, sent[1])
                if span:
                    return RawQuote(*span, "indirect", p, "menurut", ix.chars(k, k + 1), ph)
    # Diterangkan Budi, … (a passive cue with its agent, then the content)
    if cue_kind(doc, k) == "passive" and (k == a or words[k - 1] == ","):
        comma = next((j for j in range(k + 1, min(b, k + 25)) if words[j] == ","), None)
        if comma is not None:
            ph = parse_phrase(doc, k + 1, comma)
            if ph is not None and ph.end == comma:
                span = _trim_content(text, doc[comma].idx + 1, sent[1])
                if span:
                    return RawQuote(*span, "indirect", p, "menurut", ix.chars(k, k + 1), ph)
    # …, kata dia, …  /  …, kata Budi.
    for k in range(a + 1, b - 1):
        if words[k - 1] != "," or cue_kind(doc, k) not in {"post", "prep"}:
            continue
        cl = clitic(doc, k)
        if cl is not None:
            ph, nya, end, cue = None, cl[1], cl[2], cl[0]
        else:
            ph = parse_phrase(doc, k + 1, b)
            if ph is None:
                continue
            nya, end, cue = None, ph.end, ix.chars(k, k + 1)
        if end < b and words[end] == "," and end + 1 < b:
            if _adverbial(doc, a, k - 1):
                span = _trim_content(text, doc[end].idx + 1, sent[1])
            else:
                span = _trim_content(text, sent[0], sent[1])
            if span:
                return RawQuote(*span, "indirect", p, "mid", cue, ph, nya)
        rest = text[doc[end].idx if end < b else sent[1] : sent[1]]
        at_end = end >= b or words[end] in {".", "!", "?"} or words[end] in lexicon.words("stops.txt")
        if at_end and not regex.search(r"[\"“”]", rest):
            span = _trim_content(text, sent[0], doc[k - 1].idx)
            if span:
                return RawQuote(*span, "indirect", p, "end", cue, ph, nya)
    # Saat ini, menurutnya masih … / Menurutnya Indonesia perlu … (no comma after the cue)
    for k in range(a, min(b - 3, a + 12)):
        if cue_kind(doc, k) != "prep":
            continue
        cl = clitic(doc, k)
        if cl is None or not _adverbial(doc, a, k):
            break
        span = _trim_content(text, doc[cl[2]].idx if cl[2] < b else sent[1], sent[1])
        if span:
            return RawQuote(*span, "indirect", p, "menurut", cl[0], None, cl[1])
        break
    # …, Budi bilang, … (the speaker before a verb cue, set off by commas)
    for v in range(a + 2, b - 1):
        if cue_kind(doc, v) != "verb" or words[v + 1] != ",":
            continue
        comma = next((j for j in range(v - 1, max(a, v - 12) - 1, -1) if words[j] == ","), None)
        if comma is None or not _words(text[sent[0] : doc[comma].idx]) >= 2:
            continue
        ph = parse_subject(doc, comma + 1, v)
        if ph is not None:
            span = _trim_content(text, sent[0], doc[comma].idx)
            rest = _trim_content(text, doc[v + 1].idx + 1, sent[1])
            if span and rest:
                return RawQuote(
                    sent[0], _trim_content(text, sent[0], sent[1])[1], "indirect", p, "mid", ix.chars(v, v + 1), ph
                )
    # Budi mengatakan (bahwa) …
    for v in range(a + 1, min(b - 2, a + 30)):
        if cue_kind(doc, v) != "verb":
            continue
        ph = parse_subject(doc, a, v) or _subject_fallback(doc, a, v)
        if ph is None:
            continue
        c = v + 1
        while c < b and words[c] in {",", "bahwa", ":"}:
            c += 1
        if c < b and (words[c].lower() in lexicon.words("not_content.txt") or _points_back(words, c, b)):
            return None  # "menjelaskan soal …", "menyampaikan apresiasi": no reported content
        span = _trim_content(text, doc[c].idx if c < b else sent[1], sent[1])
        if span:
            return RawQuote(*span, "indirect", p, "subject", ix.chars(v, v + 1), ph)
        return None
    return None
