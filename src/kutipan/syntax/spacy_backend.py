"""The default syntax backend: kutipan's own spaCy parser (`models/parser`), run on kutipan's tokens.

The parser was trained on the UD treebanks' words (`scripts/train_parser.py`); here it gets the words of
one sentence of the DocView as a pre-tokenised Doc, so token i of the parse is token a + i of the view and
no alignment is needed. The pipeline is rebuilt from its `config.cfg` and its weights read with spaCy's
`from_disk` (no code and no pickle from the folder).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kutipan.errors import ModelError
from kutipan.syntax.parse import Parse, TokRange
from kutipan.text.view import DocView


def load_parser(path: Path) -> Language:
    """The tagger and parser in `path` (a `models/parser` folder), without its tokenizer.

    Raises:
        ModelError: the folder has no model, or the model in it cannot be read.
    """
    if not (path / "config.cfg").exists():
        raise ModelError(str(path), "no parser model (rebuild it with `python scripts/train_parser.py`)")
    from spacy import util
    from spacy.lang.id import Indonesian

    try:
        nlp = Indonesian.from_config(util.load_config(path / "config.cfg"))
        nlp.from_disk(path, exclude=["tokenizer"])
    except Exception as exc:  # a corrupted or foreign model: name the folder and the problem
        raise ModelError(str(path), f"cannot load the parser ({type(exc).__name__}: {exc})") from exc
    return nlp


class SpacyParser:
    """Parses chosen sentences of a DocView with the spaCy parser in `models/parser`."""

    name = "spacy"

    def __init__(self, path: Path):
        self.path = path
        self.nlp = load_parser(path)

    def parse(self, view: DocView, sentences: Sequence[TokRange]) -> Parse:
        """The parse of `sentences` (token ranges of `view`); other tokens stay unparsed."""
        out = Parse.empty(len(view))
        docs = [self._doc(view, a, b) for a, b in sentences if b > a]
        starts = [a for a, b in sentences if b > a]
        for a, doc in zip(starts, self.nlp.pipe(docs), strict=True):
            heads = [t.head.i for t in doc]
            out.set_sentence(a, heads, [t.dep_ for t in doc], [t.tag_ or t.pos_ for t in doc])
        return out

    def _doc(self, view: DocView, a: int, b: int) -> Doc:
        words = view.words[a:b]
        spaces = [i + 1 < len(view) and view.starts[i + 1] > view.starts[i] + len(view.words[i]) for i in range(a, b)]
        return Doc(self.nlp.vocab, words=words, spaces=spaces)
