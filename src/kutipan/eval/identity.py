"""Speaker identity for scoring: when two names are the same person, and when a name is invented.

Three tests over names normalised by `names.normalize_name` (case-folded, honorifics, ranks and degrees
dropped, so `AKBP Budi Santoso, S.H.` is `budi santoso`):

- strict: the same words in the same order (`Budi Santoso` = `budi santoso`);
- lenient: every word of one name is a word of the other (`Budi` and `Budi Santoso`; `Ombudsman` and
  `Ombudsman RI`), the way a reader forgives a short name;
- invented: a predicted name none of whose gold counterparts (any gold speaker's name or `aliases` in the
  document) contains it. `Sekda Yusuf` for gold `Yusuf Hakim` is invented by this test, on purpose: the
  issue counts a rank word inside a name as an error the user sees.
"""

from __future__ import annotations

from kutipan.eval.names import normalize_name


def name_words(name: str | None) -> list[str]:
    """The normalised words of a name (`@` of a handle kept, so `@kopi` and `kopi` stay apart).

    A name made only of dropped words is a group or a role (`Polisi`, `Bapak`): it keeps its words,
    case-folded, rather than becoming empty and matching nothing.
    """
    words = normalize_name(name).split()
    if not words and name:
        words = [w.casefold().strip(".,") for w in name.replace(",", " ").split() if w.strip(".,")]
    return words


def same_strict(gold: str | None, pred: str | None) -> bool:
    """Same full name once honorifics are dropped; an empty name matches nothing."""
    g = name_words(gold)
    return bool(g) and g == name_words(pred)


def contains(longer: list[str], shorter: list[str]) -> bool:
    """Every word of `shorter` is a word of `longer` (both non-empty)."""
    return bool(longer) and bool(shorter) and set(shorter) <= set(longer)


def same_lenient(gold: str | None, pred: str | None) -> bool:
    """One name's words all inside the other's (`Budi` ~ `Budi Santoso`, either direction)."""
    g, p = name_words(gold), name_words(pred)
    return contains(g, p) or contains(p, g)


def gold_forms(speakers: list[dict]) -> list[list[str]]:
    """Every gold name and alias of a document's speakers, normalised."""
    forms = []
    for s in speakers:
        for form in [s.get("name"), *(s.get("aliases") or [])]:
            words = name_words(form)
            if words:
                forms.append(words)
    return forms


def is_invented(pred_name: str | None, forms: list[list[str]]) -> bool:
    """A predicted name that is inside no gold name or alias of the document."""
    words = name_words(pred_name)
    return not any(contains(form, words) for form in forms)
