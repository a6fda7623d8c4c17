"""The stanza syntax backend: stanza's Indonesian pipeline, adapted onto kutipan's tokens by character offsets.

stanza tokenises, expands multiword tokens (`menyetujuinya` → `menyetujui` + `nya`), tags and parses on its
own; kutipan keeps its tokens (every other stage reads them), so `adapt` maps stanza's words onto them by
character offsets: each word goes to the kutipan token its characters fall in (the words of one multiword
token are spread over the kutipan tokens it covers, in order), a kutipan token takes the label and head of
its highest word, and a head is the kutipan token its head word went to. The parse is sentence-local:
stanza may split a kutipan sentence in two (two roots), never join two.

stanza is an optional extra (`pip install 'kutipan[stanza]'`), and its models are never downloaded at run
time: a missing model is a `ModelError` naming the folder and the command that fetches it once.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kutipan.errors import ModelError
from kutipan.syntax.parse import Parse, TokRange
from kutipan.text.view import DocView

PROCESSORS = "tokenize,mwt,pos,lemma,depparse"


def stanza_dir() -> Path:
    """Where stanza keeps its models: `$STANZA_RESOURCES_DIR`, else stanza's default `~/stanza_resources`."""
    env = os.environ.get("STANZA_RESOURCES_DIR")
    return Path(env) if env else Path.home() / "stanza_resources"


def fetch_command(folder: Path) -> str:
    """The one-time command that puts stanza's Indonesian models in `folder`."""
    return f"python -c \"import stanza; stanza.download('id', model_dir='{folder}', processors='{PROCESSORS}')\""


class StanzaParser:
    """Parses chosen sentences of a DocView with `stanza.Pipeline("id", …)`, adapted onto kutipan's tokens.

    Args:
        folder: stanza's model folder (default `stanza_dir()`), holding `id/`.

    Raises:
        ModelError: stanza is not installed, or its Indonesian models are not in `folder`.
    """

    name = "stanza"

    def __init__(self, folder: Path | None = None):
        try:
            import stanza
        except ImportError as exc:
            raise ModelError("stanza", "the stanza backend needs `pip install 'kutipan[stanza]'`") from exc
        self.folder = folder or stanza_dir()
        if not (self.folder / "id").is_dir():
            raise ModelError(
                str(self.folder / "id"),
                f"no stanza Indonesian models; fetch them once with: {fetch_command(self.folder)}",
            )
        self._stanza = stanza
        try:
            self.nlp = stanza.Pipeline(
                "id", dir=str(self.folder), processors=PROCESSORS, download_method=None, logging_level="WARN"
            )
        except Exception as exc:  # a partial or foreign model folder: name it and the problem
            raise ModelError(
                str(self.folder / "id"),
                f"cannot load stanza's Indonesian models ({type(exc).__name__}: {exc}); "
                f"fetch them again with: {fetch_command(self.folder)}",
            ) from exc

    def parse(self, view: DocView, sentences: Sequence[TokRange]) -> Parse:
        """The parse of `sentences` (token ranges of `view`), each run through stanza as its own text."""
        out = Parse.empty(len(view))
        todo = [(a, b) for a, b in sentences if b > a]
        texts = [view.text[view.starts[a] : view.chars(a, b)[1]] for a, b in todo]
        docs = self.nlp.bulk_process([self._stanza.Document([], text=t) for t in texts])
        for (a, b), doc in zip(todo, docs, strict=True):
            adapt(doc, view, a, b, view.starts[a], out)
        return out


def _word_chars(word: Any) -> tuple[int, int]:
    """A stanza word's character range: its own, or its multiword token's."""
    if word.start_char is not None and word.end_char is not None:
        return word.start_char, word.end_char
    return word.parent.start_char, word.parent.end_char


def adapt(doc: Any, view: DocView, a: int, b: int, offset: int, out: Parse) -> None:
    """Write the parse of a stanza `Document` onto kutipan tokens [a, b) of `view` (in `out`).

    `offset` is where the document's text starts in `view.text` (stanza's offsets are into its own text).
    A kutipan token no stanza word falls in is attached to the token before it (label `dep`).
    """
    spans = [(view.starts[k], view.starts[k] + len(view.words[k])) for k in range(a, b)]
    target: dict[tuple[int, int], int] = {}  # (sentence, word id) → local kutipan token
    words: list[tuple[tuple[int, int], Any]] = []
    for si, sent in enumerate(doc.sentences):
        for token in sent.tokens:
            s0, e0 = offset + token.start_char, offset + token.end_char
            covered = [k for k, (s, e) in enumerate(spans) if s < e0 and s0 < e] or [_nearest(spans, s0)]
            for n, word in enumerate(token.words):
                key = (si, word.id)
                target[key] = covered[min(n, len(covered) - 1)]
                words.append((key, word))
    n = b - a
    heads, deps, pos = list(range(n)), ["root"] * n, [""] * n
    best: dict[int, int] = {}  # local token → depth of the word that speaks for it (smaller: higher)
    for key, word in words:
        k = target[key]
        head_key = (key[0], word.head) if word.head else None
        h = target.get(head_key, k) if head_key else k
        if h == k and head_key is not None:
            continue  # a word inside the token (`nya` under `menyetujui`): the token's own word speaks
        depth = _depth(key, words)
        if k in best and best[k] <= depth:
            continue
        best[k] = depth
        heads[k], deps[k], pos[k] = h, word.deprel or "dep", word.upos or ""
    for k in range(n):
        if k not in best and k > 0:
            heads[k], deps[k] = k - 1, "dep"
    out.set_sentence(a, heads, deps, pos)


def _nearest(spans: list[tuple[int, int]], char: int) -> int:
    """The local token that starts nearest before `char` (for a stanza token between kutipan tokens)."""
    k = 0
    for i, (s, _) in enumerate(spans):
        if s <= char:
            k = i
    return k


def _depth(key: tuple[int, int], words: list[tuple[tuple[int, int], Any]]) -> int:
    """How many heads lie above a word (0 for the root); a cycle stops at the number of words."""
    heads = {k: (k[0], w.head) for k, w in words}
    d, cur = 0, key
    while cur[1] != 0 and d < len(words):
        cur = heads.get(cur, (cur[0], 0))
        d += 1
    return d
