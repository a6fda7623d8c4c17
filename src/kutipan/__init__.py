"""kutipan: who said what in Indonesian news.

    >>> import kutipan
    >>> doc = kutipan.extract('"Kami siap," kata Kepala Dinas Kesehatan Kota Sukamaju Budi Santoso.')
    >>> doc.quotes[0].speaker.name
    'Budi Santoso'

`extract` uses one shared `Extractor`; build your own `Extractor()` to choose the model folder, and use
`Extractor.pipe` for many documents. Importing the package is cheap: spaCy and the models load on first
use, so `kutipan.eval` and the document classes can be used without them.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kutipan.document import SCHEMA, Cue, Document, Entity, Mention, Quote, Span, Speaker, SpeakerRef
from kutipan.errors import InputError, KutipanError, ModelError

if TYPE_CHECKING:
    from kutipan.pipeline import Extractor

__version__ = "0.1.0"
__all__ = [
    "SCHEMA",
    "Cue",
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

_lock = threading.Lock()
_shared: list[Extractor] = []


def __getattr__(name: str) -> Any:
    if name == "Extractor":  # spaCy is imported only when the extractor is asked for
        from kutipan.pipeline import Extractor

        return Extractor
    raise AttributeError(f"module 'kutipan' has no attribute {name!r}")


def _default() -> Extractor:
    """The shared Extractor, built once even when several threads ask for it at the same time."""
    if not _shared:
        with _lock:
            if not _shared:
                from kutipan.pipeline import Extractor

                _shared.append(Extractor())
    return _shared[0]


def extract(text: str, id: str | None = None) -> Document:
    """Find the quotes, cues, speakers, roles and entities of one text (with the default Extractor)."""
    return _default().extract(text, id=id)


def extract_file(path: str | Path) -> Document:
    """Like `extract`, for a UTF-8 file; raises `InputError` naming the file when it can't be read."""
    return _default().extract_file(path)
