"""kutipan: who said what in Indonesian news.

    >>> import kutipan
    >>> doc = kutipan.extract('"Kami siap," kata Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso.')
    >>> doc.quotes[0].speaker.name
    'Budi Santoso'

`extract` uses one shared `Extractor`; build your own `Extractor()` to choose the model folder, and use
`Extractor.pipe` for many documents.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from kutipan.document import SCHEMA, Document, Entity, Mention, Quote, Span, Speaker, SpeakerRef
from kutipan.errors import InputError, KutipanError, ModelError
from kutipan.pipeline import Extractor

__version__ = "0.1.0"
__all__ = [
    "SCHEMA",
    "Document",
    "Entity",
    "Extractor",
    "InputError",
    "KutipanError",
    "Mention",
    "ModelError",
    "Quote",
    "Speaker",
    "SpeakerRef",
    "Span",
    "extract",
    "extract_file",
]


@cache
def _default() -> Extractor:
    return Extractor()


def extract(text: str, id: str | None = None) -> Document:
    """Find the quotes, cues, speakers, roles and entities of one text (with the default Extractor)."""
    return _default().extract(text, id=id)


def extract_file(path: str | Path) -> Document:
    """Like `extract`, for a UTF-8 file; raises `InputError` naming the file when it can't be read."""
    return _default().extract_file(path)
