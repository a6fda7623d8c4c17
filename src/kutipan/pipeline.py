"""The extractor, and the spaCy component that is the same extractor.

`Annotator` holds what one extraction needs, loaded once: kutipan's tokenizer, the NER model from
`models/ner`, the speaker ranker and the role splitter. `annotate` runs the rule layer
(`assemble.annotate`) over a Doc it tokenised itself, so the result depends on the text and the models
only, never on the pipeline around it.

That is what makes the three entry points give one output:
- `Extractor()` (and `kutipan.extract`, the CLI) calls its `Annotator` directly;
- `nlp.add_pipe("kutipan", config={"models": …})` on any Indonesian pipeline (`spacy.blank("id")`
  included) builds the same `Annotator` from the component's config and reads `doc.text`;
- `nlp.to_disk(d)` copies the component's models into `d/kutipan`, and `spacy.load(d)` reads them back
  from there (weights only: spaCy's own serialisation and JSON, no code).

The component costs one extra tokenisation when it runs inside another pipeline; `Extractor` does not.
"""

import logging
import multiprocessing as mp
import os
import shutil
import signal
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from kutipan.assemble import annotate
from kutipan.attribution.indirect import SyntaxBackend
from kutipan.document import Document, document_from_dict
from kutipan.errors import InputError, ModelError
from kutipan.inputs import read_text
from kutipan.lang.tokenizer import join_docs, make_doc, make_nlp
from kutipan.ml.ner_decoder import NumpyNER
from kutipan.model_dir import default_model_dir
from kutipan.speakers.ranker import SpeakerRanker
from kutipan.speakers.rolesplit import RoleSplitter
from kutipan.syntax import load_syntax
from kutipan.text.chunks import CHUNK_CHARS, MAX_CHARS, chunk_ranges
from kutipan.text.normalize import normalize_space

log = logging.getLogger("kutipan")
EXT = "kutipan"
MODEL_PARTS = ("ner", "ranker", "roles", "parser")  # the sub-folders of a models folder that kutipan reads
if not Doc.has_extension(EXT):
    # plain dicts in the kutipan/1 schema: they survive Doc.to_bytes and nlp.pipe(n_process>1)
    Doc.set_extension(EXT, default=None)


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
        ModelError: the `ner` folder exists but a file of the model is missing or can't be read (named).
    """
    path = model_dir / "ner"
    if not path.is_dir():
        _warn_once(path, "kutipan: no NER model at %s; entities come from rules only", path)
        return None
    from spacy import util

    from kutipan.lang.tokenizer import KutipanIndonesian, add_special_cases

    config = path / "config.cfg"
    if not config.is_file():
        raise ModelError(str(config), "missing: the NER model folder has no config.cfg")
    try:
        cfg = util.load_config(config)
        nlp = KutipanIndonesian.from_config(cfg)
    except Exception as exc:  # an empty, corrupted or foreign config: name the file and the problem
        raise ModelError(str(config), f"cannot read the NER model's config ({type(exc).__name__}: {exc})") from exc
    if "ner" not in nlp.pipe_names:  # an empty config reads as a pipeline without components
        raise ModelError(str(config), "cannot read the NER model's config (it defines no 'ner' component)")
    try:
        nlp.from_disk(path, exclude=["tokenizer"])
    except Exception as exc:  # spaCy's message names the file it could not read
        raise ModelError(str(path), f"cannot load the NER model's weights ({type(exc).__name__}: {exc})") from exc
    add_special_cases(nlp)
    if numpy_decoder and NumpyNER.from_pipe(nlp.get_pipe("ner")) is not None:
        nlp.add_pipe("kutipan_ner", name="ner_numpy", after="ner")
        nlp.remove_pipe("ner")
        nlp.rename_pipe("ner_numpy", "ner")
    return nlp


def _load_weights(model_dir: Path, name: str, cls, without: str):
    """`cls` from `model_dir/name/name.json`, or None (warned once) when the folder `name` is absent.

    Raises:
        ModelError: the folder exists without its JSON file, or the file can't be read.
    """
    path = model_dir / name / f"{name}.json"
    if not path.parent.is_dir():
        _warn_once(path, "kutipan: no %s at %s; %s", cls.WHAT, path.parent, without)
        return None
    if not path.is_file():
        raise ModelError(str(path), f"missing: the {cls.WHAT} folder has no {path.name}")
    return cls.load(path)


def load_syntax_backend(model_dir: Path, name: str | None) -> SyntaxBackend | None:
    """The syntax backend `name` (`spacy`, `stanza`, `none`) for the indirect-speech parse sieves.

    The default `spacy` parser is optional like the other models: without `model_dir/parser` the rules
    run alone (warned once). Asking for `stanza` without it installed, or without its models, is an error.
    """
    if name == "spacy" and not (model_dir / "parser" / "config.cfg").exists():
        path = model_dir / "parser"
        _warn_once(path, "kutipan: no parser at %s; indirect speech from the rules alone", path)
        return None
    return load_syntax(name, model_dir)


def load_ranker(model_dir: Path) -> SpeakerRanker | None:
    """The speaker ranker in `model_dir/ranker/ranker.json`, or None when absent."""
    return _load_weights(model_dir, "ranker", SpeakerRanker, "the rules alone resolve pronouns")


def load_splitter(model_dir: Path) -> RoleSplitter | None:
    """The role splitter in `model_dir/roles/roles.json`, or None when absent."""
    return _load_weights(model_dir, "roles", RoleSplitter, "the rules alone split roles")


class Annotator:
    """Tokenizer, NER model, ranker and splitter, loaded once; text in, `Document` out.

    Args:
        model_dir: folder of trained models (`ner/`, `ranker/`, `roles/`, `parser/`); default
            `default_model_dir()`.
        use_models: False to run the rule layer only.
        syntax: the dependency parser for indirect speech: `spacy` (`model_dir/parser`), `stanza` or `none`.
    """

    def __init__(self, model_dir: str | Path | None = None, use_models: bool = True, syntax: str = "none"):
        self.model_dir = Path(model_dir) if model_dir else default_model_dir()
        if use_models and not self.model_dir.is_dir():
            # the one way to run on rules alone without asking for it: no models folder at all, said out loud
            _warn_once(self.model_dir, "kutipan: no models folder at %s; running on rules only", self.model_dir)
            use_models = False
        self.use_models = use_models
        self.syntax_name = syntax if use_models else "none"
        self.syntax = load_syntax_backend(self.model_dir, self.syntax_name)
        ner = load_ner(self.model_dir) if use_models else None
        self.has_ner = ner is not None
        self.nlp: Language = ner if ner is not None else make_nlp()
        self.nlp.max_length = CHUNK_CHARS + 1  # chunks are never longer (`text.chunks`)
        self.ranker = load_ranker(self.model_dir) if use_models else None
        self.splitter = load_splitter(self.model_dir) if use_models else None

    def prepare(self, text: str) -> Doc:
        """The Doc the rule layer reads: kutipan's tokens, with the NER model's entities.

        The Doc's text is `normalize_space(text)` (the same length, white space made plain), tokenised and
        tagged in chunks of at most `CHUNK_CHARS` characters cut at line breaks, so a text of any length
        gives one Doc with offsets into the whole text.
        """
        norm = normalize_space(text)
        ranges = chunk_ranges(norm)
        if len(ranges) == 1:
            return self.nlp(make_doc(self.nlp, norm))
        docs = (self.nlp(make_doc(self.nlp, norm[a:b])) for a, b in ranges)  # one chunk's Doc at a time
        return join_docs(docs, [norm[a:b] for a, b in ranges])

    def annotate(self, doc: Doc, doc_id: str | None = None, text: str | None = None) -> Document:
        """The rule layer and the learned models over a Doc made by `prepare` (of `text`, the exact input)."""
        return annotate(doc, doc_id, ranker=self.ranker, splitter=self.splitter, syntax=self.syntax, text=text)

    def pipe(self, pairs: Iterable[tuple[str, str | None]], batch_size: int) -> Iterator[Document]:
        """`(text, id)` pairs to Documents, in order, batching the NER model (long texts go one by one)."""
        for batch in minibatch(pairs, batch_size):
            short = [
                (make_doc(self.nlp, normalize_space(t)), k) for k, (t, _) in enumerate(batch) if len(t) <= CHUNK_CHARS
            ]
            tagged = dict((k, d) for d, k in self.nlp.pipe(short, as_tuples=True, batch_size=batch_size))
            for k, (text, doc_id) in enumerate(batch):
                doc = tagged.pop(k) if k in tagged else self.prepare(text)
                yield self.annotate(doc, doc_id, text)


class KutipanComponent:
    """spaCy component: writes the `kutipan/1` dict to `doc._.kutipan` and spans to `doc.spans`.

    The models load on first use (or from `from_disk`), so `spacy.load` reads them once, from the saved
    pipeline.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "kutipan",
        models: str | None = None,
        use_models: bool = True,
        syntax: str = "none",
    ):
        self.name = name
        self.models = models
        self.use_models = use_models
        self.syntax = syntax
        self._annotator: Annotator | None = None

    @property
    def annotator(self) -> Annotator:
        if self._annotator is None:
            self._annotator = Annotator(self.models, use_models=self.use_models, syntax=self.syntax)
        return self._annotator

    def __call__(self, doc: Doc) -> Doc:
        ann = self.annotator
        text = doc.text
        document = ann.annotate(ann.prepare(text), doc.user_data.get("kutipan_id"), text)
        set_annotations(doc, document)
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the models this component uses (a copy of their files) and its settings."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        ann = self.annotator
        for part in MODEL_PARTS if ann.use_models else ():
            src = ann.model_dir / part
            if src.is_dir():
                shutil.copytree(src, path / part, dirs_exist_ok=True)
        srsly.write_json(path / "cfg.json", {"use_models": ann.use_models, "syntax": ann.syntax_name})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "KutipanComponent":
        """Load the models saved by `to_disk` (from that folder, whatever the config's `models` says)."""
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json") if (path / "cfg.json").exists() else {}
        self.models = str(path)
        self.use_models = bool(cfg.get("use_models", True))
        self.syntax = str(cfg.get("syntax", "none"))
        self._annotator = Annotator(path, use_models=self.use_models, syntax=self.syntax)
        return self


def set_annotations(doc: Doc, document: Document) -> None:
    """Write a Document onto a Doc: the dict to `doc._.kutipan`, quotes, cues and speakers to `doc.spans`.

    Spans snap outward to the Doc's tokens (`alignment_mode="expand"`); the dict keeps exact offsets.
    """
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


@Language.factory(
    "kutipan",
    default_config={"models": None, "use_models": True, "syntax": "none"},
    assigns=["doc._.kutipan", "doc.spans"],
)
def make_kutipan(nlp: Language, name: str, models: str | None, use_models: bool, syntax: str) -> KutipanComponent:
    """Factory of the `kutipan` component (also found by `spacy.load` through the entry point).

    `models` is the models folder (None: `default_model_dir()`); `use_models=False` runs the rules alone;
    `syntax` is the parser for indirect speech (`spacy`, `stanza`, `none`).
    """
    return KutipanComponent(nlp, name, models=models, use_models=use_models, syntax=syntax)


class Extractor:
    """Loads lexicons and models once; extracts from one text (`extract`) or many (`pipe`).

    `Extractor().nlp` is a spaCy pipeline (kutipan's tokenizer and the `kutipan` component on the same
    models), for users who want `Doc`s and `doc.spans`; it gives the same dict as `extract`.

    Args:
        model_dir: folder of trained models (`ner/`, `ranker/`, `roles/`, `parser/`); default
            `default_model_dir()`.
        use_models: False to run the rule layer only.
        syntax: the dependency parser for indirect speech: `none` (default: the rules alone), `spacy`
            (`model_dir/parser`) or `stanza` (the `stanza` extra with its Indonesian models on disk).
        max_chars: a longer text is refused with `InputError` ("too long") instead of being read; None
            for no limit. Texts over spaCy's `max_length` are read in chunks either way.
    """

    def __init__(
        self,
        model_dir: str | Path | None = None,
        use_models: bool = True,
        syntax: str = "none",
        max_chars: int | None = MAX_CHARS,
    ):
        if max_chars is not None and (isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < 1):
            raise ValueError(f"max_chars must be a positive integer or None, not {max_chars!r}")
        self.max_chars = max_chars
        self.annotator = Annotator(model_dir, use_models=use_models, syntax=syntax)
        self.model_dir = self.annotator.model_dir
        self.nlp = make_nlp()
        self.nlp.max_length = max(self.nlp.max_length, max_chars or 0)
        config = {"models": str(self.model_dir), "use_models": use_models, "syntax": syntax}
        component: KutipanComponent = self.nlp.add_pipe("kutipan", config=config)  # type: ignore[assignment]
        component._annotator = self.annotator  # one copy of the models, shared

    @property
    def has_ner(self) -> bool:
        return self.annotator.has_ner

    @property
    def ranker(self) -> SpeakerRanker | None:
        return self.annotator.ranker

    @property
    def splitter(self) -> RoleSplitter | None:
        return self.annotator.splitter

    def extract(self, text: str, id: str | None = None) -> Document:
        """Quotes, speakers, roles and entities of one text."""
        if not isinstance(text, str):
            raise TypeError(f"extract() takes a str, not {type(text).__name__}")
        self.check_length(text, id)
        document = self.annotator.annotate(self.prepare(text), id, text)
        return document_from_dict(document.to_dict(), text)  # confidences rounded as in the JSON

    def check_length(self, text: str, id: str | None = None) -> None:
        """Raise `InputError` naming the document when `text` is longer than `max_chars`."""
        if self.max_chars is not None and len(text) > self.max_chars:
            raise InputError(
                id if id is not None else "<text>",
                f"too long: {len(text):,} characters (the limit is {self.max_chars:,}; see --max-chars)",
            )

    def prepare(self, text: str) -> Doc:
        """The Doc as the rule layer receives it: tokenised, with the NER model's entities."""
        return self.annotator.prepare(text)

    __call__ = extract

    def extract_file(self, path: str | Path) -> Document:
        """Read a UTF-8 file (or raise `InputError`) and extract from it; the id is the path."""
        return self.extract(read_text(path), id=str(path))

    def pipe(
        self,
        texts: Iterable[str] | Iterable[tuple[str, str | None]],
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
            InputError: a text longer than `max_chars` (when it is reached; `kutipan extract` checks first).
        """
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, not {batch_size!r}")
        if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process == 0 or n_process < -1:
            raise ValueError(f"n_process must be a positive integer or -1 (all CPUs), not {n_process!r}")
        if n_process == -1:
            n_process = available_cpus()
        return self._pipe(texts, batch_size, n_process, as_tuples)

    def _pipe(self, texts: Iterable[Any], batch_size: int, n_process: int, as_tuples: bool) -> Iterator[Document]:
        pairs: Iterable[tuple[Any, Any]] = texts if as_tuples else ((t, None) for t in texts)
        checked = _checked(pairs, self)
        if n_process > 1 and "fork" in mp.get_all_start_methods():
            yield from self._pipe_processes(checked, batch_size, n_process)
            return
        for document in self.annotator.pipe(checked, batch_size):
            yield document_from_dict(document.to_dict(), document.text)

    def _pipe_processes(
        self, pairs: Iterable[tuple[str, str | None]], batch_size: int, n_process: int
    ) -> Iterator[Document]:
        global _WORKER
        _WORKER = self
        with mp.get_context("fork").Pool(n_process, initializer=_quiet_worker) as pool:
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


def _quiet_worker() -> None:
    """In a forked worker: Ctrl-C and SIGTERM are the parent's to handle (it ends the pool), no tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _work(batch: list[tuple[str, str | None]]) -> list[tuple[dict, str]]:
    """Runs in a forked worker: the Extractor is inherited, not pickled."""
    assert _WORKER is not None
    return [(d.to_dict(), d.text) for d in _WORKER.annotator.pipe(batch, batch_size=len(batch))]


def _checked(pairs: Iterable[tuple[Any, Any]], extractor: Extractor) -> Iterator[tuple[str, str | None]]:
    for text, i in pairs:
        if not isinstance(text, str):
            raise TypeError(f"pipe() takes str texts, not {type(text).__name__}")
        extractor.check_length(text, i)
        yield text, i
