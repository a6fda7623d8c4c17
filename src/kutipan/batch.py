"""`kutipan extract` over a corpus: records in, documents out, with progress, parallel jobs and resume.

The command line parses its options into `ExtractOptions` and calls `run_extract`; this module joins
`readers` (records), `Extractor.pipe` (documents, in order) and `writers` (files), so that no
extraction logic lives in the CLI and no file handling lives in the pipeline.

Why a queue of records beside `pipe`: `pipe` takes `(text, id)` and keeps order, also with forked
worker processes, so the record whose document comes out next is always the oldest one handed in;
its `meta` is joined back there without sending it through the workers.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kutipan.errors import InputError, KutipanError, Terminated
from kutipan.model_dir import check_model_dir
from kutipan.readers import (
    FOLDER_GLOBS,
    STDIN,
    ReadOptions,
    Record,
    count_records,
    expand_inputs,
    format_of,
    read_records,
)
from kutipan.text.chunks import MAX_CHARS
from kutipan.writers import (
    RESUMABLE,
    JsonLinesWriter,
    JsonWriter,
    ParquetWriter,
    TableWriter,
    atomic_output,
    check_parquet,
    partial_path,
    resume_point,
)

OUTPUT_EXTENSIONS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
}
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


@dataclass
class ExtractOptions:
    """What `kutipan extract` was asked to do (see `kutipan extract --help`)."""

    paths: list[str]
    output: str | None = None
    format: str | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    include_text: bool = False
    models: str | None = None
    rules_only: bool = False
    syntax: str = "none"
    batch_size: int = 32
    jobs: int = 1
    quiet: bool = False
    resume: bool = False
    dask: str | None = None  # a distributed scheduler address, or "local" for a local cluster
    max_chars: int | None = MAX_CHARS


def choose_format(opts: ExtractOptions) -> str:
    """`--format`, else the output file's extension, else JSON for one text input and JSON Lines otherwise.

    Why by the shape of the request and not the number of documents found: a script that runs over a
    folder must get JSON Lines whether the folder holds one file or two.
    """
    if opts.format:
        return opts.format
    if opts.output and opts.output != "-":
        by_ext = OUTPUT_EXTENSIONS.get(Path(opts.output).suffix.lower())
        if by_ext:
            return by_ext
    return "json" if _single_text_input(opts) else "jsonl"


def _single_text_input(opts: ExtractOptions) -> bool:
    if len(opts.paths) != 1 or (opts.paths[0] != STDIN and Path(opts.paths[0]).is_dir()):
        return False
    try:
        return format_of(opts.paths[0], opts.read) == "text"
    except InputError:
        return False


def usage_problem(opts: ExtractOptions, fmt: str) -> str | None:
    """Why these options can't work together, or None."""
    to_file = opts.output not in (None, "-")
    if opts.resume and not to_file:
        return "--resume needs an output file (-o OUT)"
    if opts.resume and fmt not in RESUMABLE:
        return f"--resume works with --format {', '.join(RESUMABLE)}, not {fmt}"
    if fmt == "parquet" and not to_file:
        return "--format parquet needs an output file (-o OUT.parquet)"
    return None


def run_extract(opts: ExtractOptions, stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run `kutipan extract`; returns the exit status (0 ok, 1 some input failed, 2 usage, 130 Ctrl-C)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr

    def say(message: str) -> None:
        print(f"kutipan: {message}", file=stderr)

    fmt = choose_format(opts)
    try:
        extractor = _start(opts, fmt)
    except KutipanError as exc:
        say(str(exc))
        return EXIT_USAGE
    failures: list[str] = []

    def on_error(exc: InputError) -> None:
        say(str(exc))
        failures.append(exc.path)

    files = list(expand_inputs(opts.paths, opts.read, on_error))
    if not files:
        if not failures:
            say(f"no input files (folders are searched for {' '.join(FOLDER_GLOBS[opts.read.input_format or 'text'])})")
        return EXIT_FAILED

    try:
        done, keep, header = _resume_point(opts, fmt, say)
    except KutipanError as exc:
        say(str(exc))
        return EXIT_USAGE
    show = not opts.quiet and stderr.isatty()
    bar = progress_bar(count_records(files, opts.read) if show else None, disable=not show, stream=stderr)
    written = 0
    try:
        with _output(opts.output, fmt, stdout, keep) as fh:
            writer = _writer(fmt, fh, _single_text_input(opts), header, say)
            inflight: deque[Record] = deque()
            texts = _pending(
                _within_limit(read_records(files, opts.read, on_error), extractor, on_error), done, inflight, bar
            )
            for data in _documents(opts, extractor, texts):
                record = inflight.popleft()
                writer.write(data, record.meta)
                written += 1
                bar.update(1)
            writer.close()
    except KutipanError as exc:
        say(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (`Terminated`)
        bar.close()
        if opts.output not in (None, "-"):
            say(f"interrupted: {written} document(s) in {partial_path(opts.output)}; run again with --resume")
        return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED
    bar.close()
    if failures:
        say(f"{len(failures)} input(s) or record(s) failed; {written} document(s) written")
        return EXIT_FAILED
    return EXIT_OK


def _resume_point(opts: ExtractOptions, fmt: str, say) -> tuple[set[str], int | None, list[str] | None]:
    """What `--resume` keeps (`writers.resume_point`), said on stderr; nothing without `--resume`."""
    if not opts.resume:
        return set(), None, None
    # usage_problem() has made sure that --resume comes with an output file
    done, keep, header = resume_point(str(opts.output), fmt)
    if done and not opts.quiet:
        say(f"resuming: {len(done)} document(s) already in {partial_path(str(opts.output))} are skipped")
    return done, keep, header


def _start(opts: ExtractOptions, fmt: str):
    """The Extractor, or `KutipanError` saying why these options can't run (exit status 2)."""
    problem = usage_problem(opts, fmt) or _overwrites_input(opts)
    if problem:
        raise KutipanError(problem)
    if fmt == "parquet":
        check_parquet(opts.output or "")
    return _extractor(opts)


def _documents(opts: ExtractOptions, extractor: Any, texts: Iterator[tuple[str, str]]) -> Iterator[dict]:
    """kutipan/1 dicts of the pending texts, in input order: from this process's Extractor, or from Dask.

    With `--dask`, only texts and ids travel to the workers, each of which loads one Extractor from the
    same model folder (`kutipan.dask.extract_pairs`).
    """
    if opts.dask:
        from kutipan.dask import extract_pairs

        scheduler = None if opts.dask == "local" else opts.dask
        use_models = not opts.rules_only
        model_dir = str(extractor.model_dir) if use_models else None
        yield from extract_pairs(
            texts, scheduler, model_dir=model_dir, use_models=use_models, include_text=opts.include_text
        )
        return
    for doc in extractor.pipe(texts, as_tuples=True, batch_size=opts.batch_size, n_process=opts.jobs):
        yield doc.to_dict(include_text=opts.include_text)


def _extractor(opts: ExtractOptions):
    """The Extractor, after checking an explicitly named model folder (`--models` or `$KUTIPAN_MODELS`)."""
    from kutipan.pipeline import Extractor

    model_dir = None
    if not opts.rules_only:
        named = opts.models or os.environ.get("KUTIPAN_MODELS")
        model_dir = check_model_dir(named) if named else None
    return Extractor(model_dir=model_dir, use_models=not opts.rules_only, syntax=opts.syntax, max_chars=opts.max_chars)


def _overwrites_input(opts: ExtractOptions) -> str | None:
    """Why `-o` can't be used: it names one of the inputs (`kutipan extract a.txt -o a.txt`), else None."""
    if opts.output in (None, "-"):
        return None
    out = Path(os.path.realpath(opts.output))
    for path in opts.paths:
        if path == STDIN:
            continue
        p = Path(os.path.realpath(path))
        if out == p or (p.is_dir() and p in out.parents and _matches_input(out, opts)):
            return f"{opts.output}: is also an input; refusing to overwrite it (choose another -o)"
    return None


def _matches_input(out: Path, opts: ExtractOptions) -> bool:
    """Whether a file inside an input folder would be read as input (its name matches the folder's globs)."""
    return any(fnmatch.fnmatchcase(out.name, g) for g in FOLDER_GLOBS[opts.read.input_format or "text"])


def _within_limit(records: Iterator[Record], extractor, on_error) -> Iterator[Record]:
    """The records not longer than the extractor's `max_chars`; a longer one is reported and skipped."""
    for record in records:
        try:
            extractor.check_length(record.text, record.id)
        except InputError as exc:
            on_error(exc)
            continue
        yield record


def _pending(records: Iterator[Record], done: set[str], inflight: deque[Record], bar) -> Iterator[tuple[str, str]]:
    """`(text, id)` of each record not done yet; each is queued so its meta can be joined to its document."""
    for record in records:
        if record.id in done:
            bar.update(1)
            continue
        inflight.append(record)
        yield record.text, record.id


@contextlib.contextmanager
def _output(path: str | None, fmt: str, stdout: IO[str], keep: int | None) -> Iterator[IO]:
    if path is None or path == "-":
        yield stdout
        return
    with atomic_output(path, binary=fmt == "parquet", keep=keep) as fh:
        yield fh


def _writer(fmt: str, fh: IO, single: bool, header: list[str] | None, say) -> Any:
    if fmt == "jsonl":
        return JsonLinesWriter(fh)
    if fmt == "json":
        return JsonWriter(fh, single=single)
    if fmt in ("csv", "tsv"):
        return TableWriter(fh, "," if fmt == "csv" else "\t", header=header, warn=say)
    return ParquetWriter(fh)


def progress_bar(total: int | None, disable: bool, stream: IO[str]):
    """A tqdm bar on `stream`: documents done, documents a second and, when `total` is known, the ETA."""
    from tqdm import tqdm

    return tqdm(total=total, disable=disable, file=stream, unit="doc", desc="kutipan", mininterval=0.5)
