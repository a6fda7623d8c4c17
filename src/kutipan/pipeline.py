"""The spaCy component and the `Extractor` that runs it over one text or many.

`Extractor()` builds the pipeline once (tokenizer special cases, the NER model from `models/ner` when it
is there, and the `kutipan` component) and reuses it; `extract` and `pipe` both go through
`annotate.annotate`, so the library, the CLI and `spacy.load` give the same output.
"""

import logging
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .annotate import annotate
from .errors import ModelError
from .io import read_text
from .model_dir import default_model_dir
from .ner_decoder import NumpyNER
from .ranker import SpeakerRanker
from .rolesplit import RoleSplitter
from .tokenizer import make_nlp
from .types import Document, document_from_dict

log = logging.getLogger("kutipan")
EXT = "kutipan"
if not Doc.has_extension(EXT):
    # plain dicts in the kutipan/1 schema: they survive Doc.to_bytes and nlp.pipe(n_process>1)
    Doc.set_extension(EXT, default=None)


class KutipanComponent:
    """spaCy component: writes the `kutipan/1` dict to `doc._.kutipan` and spans to `doc.spans`."""

    def __init__(self, nlp: Language, name: str = "kutipan"):
        self.name = name
        self.ranker: SpeakerRanker | None = None  # set by `Extractor` when `models/ranker` is there
        self.splitter: RoleSplitter | None = None  # set by `Extractor` when `models/roles` is there

    def __call__(self, doc: Doc) -> Doc:
        document = annotate(doc, doc.user_data.get("kutipan_id"), ranker=self.ranker, splitter=self.splitter)
        doc._.kutipan = document.to_dict()
        for key, spans in (
            ("kutipan_quote", [(q.start, q.end, "QUOTE") for q in document.quotes]),
            ("kutipan_cue", [(q.cue.start, q.cue.end, "CUE") for q in document.quotes if q.cue]),
            (
                "kutipan_speaker",
                [(q.speaker.mention.start, q.speaker.mention.end, "SPEAKER") for q in document.quotes if q.speaker],
            ),
        ):
            out = []
            for s, e, label in spans:
                span = doc.char_span(s, e, label=label, alignment_mode="expand")
                if span is not None:
                    out.append(span)
            doc.spans[key] = out
        return doc


@Language.factory("kutipan", default_config={}, assigns=["doc._.kutipan", "doc.spans"])
def make_kutipan(nlp: Language, name: str) -> KutipanComponent:
    """Factory of the `kutipan` component (also found by `spacy.load` through the entry point)."""
    return KutipanComponent(nlp, name)


_warned: set[str] = set()


def _warn_once(path: Path, message: str, *args) -> None:
    """Log that a model is missing, once per path and process."""
    if str(path) not in _warned:
        log.warning(message, *args)
        _warned.add(str(path))


def load_ner(model_dir: Path, numpy_decoder: bool = True) -> Language | None:
    """The NER pipeline in `model_dir/ner` on kutipan's tokenizer, or None (warned once) when absent.

    The model is rebuilt from its `config.cfg` on `KutipanIndonesian` and its weights read with
    `from_disk`, which runs no code from the files; the saved tokenizer is not used, so the pipeline
    tokenizes exactly as the rule layer does. With `numpy_decoder` (the default) the `ner` pipe is
    replaced by `ner_decoder.NumpyNER` over the same weights, which gives the same entities about ten
    times faster; `numpy_decoder=False` keeps spaCy's own component.

    Raises:
        ModelError: the folder exists but the model in it cannot be read.
    """
    path = model_dir / "ner"
    if not (path / "config.cfg").exists():
        _warn_once(path, "kutipan: no NER model at %s; entities come from rules only", path)
        return None
    from spacy import util

    from .tokenizer import KutipanIndonesian, add_special_cases

    try:
        nlp = KutipanIndonesian.from_config(util.load_config(path / "config.cfg"))
        nlp.from_disk(path, exclude=["tokenizer"])
    except Exception as exc:  # a corrupted or foreign model: name the folder and the problem
        raise ModelError(str(path), f"cannot load the NER model ({type(exc).__name__}: {exc})") from exc
    add_special_cases(nlp)
    if numpy_decoder and NumpyNER.from_pipe(nlp.get_pipe("ner")) is not None:
        nlp.add_pipe("kutipan_ner", name="ner_numpy", after="ner")
        nlp.remove_pipe("ner")
        nlp.rename_pipe("ner_numpy", "ner")
    return nlp


def _load_weights(model_dir: Path, name: str, cls, without: str):
    """`cls` from `model_dir/name/name.json`, or None (warned once) when absent."""
    path = model_dir / name / f"{name}.json"
    if not path.exists():
        _warn_once(path, "kutipan: no %s at %s; %s", cls.WHAT, path, without)
        return None
    return cls.load(path)


def load_ranker(model_dir: Path) -> SpeakerRanker | None:
    """The speaker ranker in `model_dir/ranker/ranker.json`, or None when absent."""
    return _load_weights(model_dir, "ranker", SpeakerRanker, "the rules alone resolve pronouns")


def load_splitter(model_dir: Path) -> RoleSplitter | None:
    """The role splitter in `model_dir/roles/roles.json`, or None when absent."""
    return _load_weights(model_dir, "roles", RoleSplitter, "the rules alone split roles")


class Extractor:
    """Loads lexicons and models once; extracts from one text (`extract`) or many (`pipe`).

    Args:
        model_dir: folder of trained models (`ner/`); default `default_model_dir()`.
        use_models: False to run the rule layer only.
    """

    def __init__(self, model_dir: str | Path | None = None, use_models: bool = True):
        self.model_dir = Path(model_dir) if model_dir else default_model_dir()
        ner = load_ner(self.model_dir) if use_models else None
        self.has_ner = ner is not None
        self.nlp = ner if ner is not None else make_nlp()
        component = self.nlp.add_pipe("kutipan")
        self.ranker = load_ranker(self.model_dir) if use_models else None
        component.ranker = self.ranker
        self.splitter = load_splitter(self.model_dir) if use_models else None
        component.splitter = self.splitter

    def extract(self, text: str, id: str | None = None) -> Document:
        """Quotes, speakers, roles and entities of one text."""
        if not isinstance(text, str):
            raise TypeError(f"extract() takes a str, not {type(text).__name__}")
        doc = self.prepare(text)
        doc.user_data["kutipan_id"] = id
        doc = self.nlp.get_pipe("kutipan")(doc)
        return document_from_dict(doc._.kutipan, text)

    def prepare(self, text: str) -> Doc:
        """The Doc as the `kutipan` component receives it: tokenised, with the NER model's entities."""
        doc = self.nlp.make_doc(text)
        for name, proc in self.nlp.pipeline:
            if name == "kutipan":
                break
            doc = proc(doc)
        return doc

    __call__ = extract

    def extract_file(self, path: str | Path) -> Document:
        """Read a UTF-8 file (or raise `InputError`) and extract from it; the id is the path."""
        return self.extract(read_text(path), id=str(path))

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, str]],
        batch_size: int = 32,
        n_process: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[Document]:
        """Extract from many texts, in order; `as_tuples=True` takes `(text, id)` pairs.

        With `n_process > 1`, forked worker processes share the loaded models and send back plain
        `kutipan/1` dicts (cheaper than spaCy's Doc serialisation); where `fork` is not available the
        texts are processed in this process. `n_process=-1` uses every CPU, as in spaCy.

        Raises:
            ValueError: `batch_size` < 1, or `n_process` 0 or below -1 (at the call, not at the first item).
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, not {batch_size!r}")
        if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process == 0 or n_process < -1:
            raise ValueError(f"n_process must be a positive integer or -1 (all CPUs), not {n_process!r}")
        if n_process == -1:
            n_process = available_cpus()
        return self._pipe(texts, batch_size, n_process, as_tuples)

    def _pipe(self, texts, batch_size: int, n_process: int, as_tuples: bool) -> Iterator[Document]:
        pairs = ((t, i) for t, i in texts) if as_tuples else ((t, None) for t in texts)
        pairs = _checked(pairs)
        if n_process > 1 and "fork" in mp.get_all_start_methods():
            yield from self._pipe_processes(pairs, batch_size, n_process)
            return
        stream = ((t, {"id": i, "text": t}) for t, i in pairs)
        for doc, ctx in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            data = dict(doc._.kutipan)
            data["id"] = ctx["id"]
            yield document_from_dict(data, ctx["text"])

    def _pipe_processes(self, pairs, batch_size: int, n_process: int) -> Iterator[Document]:
        global _WORKER
        _WORKER = self
        with mp.get_context("fork").Pool(n_process) as pool:
            chunks = minibatch(pairs, batch_size)
            for batch in pool.imap(_work, chunks):
                for data, text in batch:
                    yield document_from_dict(data, text)


_WORKER: Extractor | None = None


def available_cpus() -> int:
    """CPUs this process may run on (the affinity mask where there is one), as `n_process=-1` means."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _work(batch: list[tuple[str, str | None]]) -> list[tuple[dict, str]]:
    """Runs in a forked worker: the Extractor is inherited, not pickled."""
    assert _WORKER is not None
    out = []
    for (doc, i), (text, _) in zip(_WORKER.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)), batch, strict=True):
        data = dict(doc._.kutipan)
        data["id"] = i
        out.append((data, text))
    return out


def _checked(pairs):
    for text, i in pairs:
        if not isinstance(text, str):
            raise TypeError(f"pipe() takes str texts, not {type(text).__name__}")
        yield text, i
