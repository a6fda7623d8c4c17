"""The syntax stage: a dependency parse of the sentences the indirect-speech rules cannot read alone.

`load_syntax(name, model_dir)` gives a backend with `parse(view, sentences) -> Parse` (`parse.Parse`: head,
label and POS per kutipan token, sentence-local):

- `spacy` (the default): kutipan's own parser in `models/parser`, trained on UD Indonesian-CSUI
  (`scripts/train_parser.py`, card in `models/parser/README.md`);
- `stanza`: stanza's Indonesian pipeline, with the `stanza` extra and its models on disk, adapted onto
  kutipan's tokens by character offsets (`stanza_backend`);
- `none`: no parse; only the rule sieves run.
"""

from __future__ import annotations

from pathlib import Path

from kutipan.syntax.parse import Parse

BACKENDS = ("spacy", "stanza", "none")

__all__ = ["BACKENDS", "Parse", "load_syntax"]


def load_syntax(name: str | None, model_dir: Path):
    """The syntax backend called `name` (None or `none`: no backend).

    Raises:
        ValueError: an unknown backend name.
        ModelError: the backend's model is missing or unreadable (the message names the folder and, for
            stanza, the command that fetches it).
    """
    if name is None or name == "none":
        return None
    if name == "spacy":
        from kutipan.syntax.spacy_backend import SpacyParser

        return SpacyParser(model_dir / "parser")
    if name == "stanza":
        from kutipan.syntax.stanza_backend import StanzaParser

        return StanzaParser()
    raise ValueError(f"unknown syntax backend {name!r}; choose one of {', '.join(BACKENDS)}")
