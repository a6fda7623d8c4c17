"""kutipan on Dask: corpora past one machine, with one `Extractor` per worker process.

    import dask.bag as db
    from kutipan.dask import extract_bag, extract_dataframe

    docs = extract_bag(db.from_sequence(items, npartitions=8)).compute()       # kutipan/1 dicts
    quotes = extract_dataframe(ddf, text="text", id="id").compute()            # one row per quote

Loading an `Extractor` (lexicons, the NER model, the ranker) takes about a second and its objects are large,
so it is neither shipped with every task nor pickled: each partition function looks it up in a cache
inside the worker process, keyed by model folder and options, and builds it the first time that worker
needs it. Tasks only carry texts and ids. Install with `pip install 'kutipan[dask]'`.

Items of a bag may be a text, a `(text, id)` pair, or a dict with `text` and `id`; the other keys of a
dict are carried into the output's `meta` (outlet, date, url …), as JSON Lines input does.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kutipan.pipeline import Extractor

_EXTRACTORS: dict[tuple[str, bool], Extractor] = {}
QUOTE_COLUMNS = {
    "doc_id": "object",
    "quote_id": "object",
    "type": "object",
    "text": "object",
    "start": "int64",
    "end": "int64",
    "cue": "object",
    "speaker_id": "object",
    "speaker": "object",
    "speaker_kind": "object",
    "role": "object",
    "organization": "object",
    "source_type": "object",
    "confidence": "float64",
}


def worker_extractor(model_dir: str | None = None, use_models: bool = True) -> Extractor:
    """The Extractor of this process for these options, built on first use and then reused."""
    key = (str(model_dir or ""), use_models)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = Extractor(model_dir=model_dir, use_models=use_models)
    return _EXTRACTORS[key]


def loaded_extractors() -> int:
    """How many Extractors this process has built (a worker that reuses its one reports 1)."""
    return len(_EXTRACTORS)


def _item(item: Any) -> tuple[str, str | None, dict[str, Any] | None]:
    """(text, id, meta) of one bag item."""
    if isinstance(item, str):
        return item, None, None
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], (None if item[1] is None else str(item[1])), None
    if isinstance(item, dict):
        if not isinstance(item.get("text"), str):
            raise TypeError(f"bag item {item.get('id')!r}: a dict item needs a str 'text'")
        meta = {k: v for k, v in item.items() if k not in {"text", "id"}} or None
        return item["text"], (None if item.get("id") is None else str(item["id"])), meta
    raise TypeError(f"bag items are str, (text, id) or dicts with 'text', not {type(item).__name__}")


def extract_partition(
    items: Iterable[Any],
    model_dir: str | None = None,
    use_models: bool = True,
    batch_size: int = 32,
    include_text: bool = False,
) -> list[dict[str, Any]]:
    """Extract one partition with this worker's Extractor: kutipan/1 dicts, in order.

    This is the function a Dask task, a Spark `mapPartitions` or any other partitioned runner calls.
    """
    parsed = [_item(x) for x in items]
    extractor = worker_extractor(model_dir, use_models)
    docs = extractor.pipe(((t, i) for t, i, _ in parsed), as_tuples=True, batch_size=batch_size)
    out = []
    for doc, (_, _, meta) in zip(docs, parsed, strict=True):
        data = doc.to_dict(include_text=include_text)
        if meta:
            data["meta"] = meta
        out.append(data)
    return out


def extract_bag(
    bag,
    model_dir: str | Path | None = None,
    use_models: bool = True,
    batch_size: int = 32,
    include_text: bool = False,
):
    """A Dask bag of kutipan/1 dicts, one per item of `bag`, in the same order.

    Args:
        bag: a `dask.bag.Bag` of texts, `(text, id)` pairs or dicts with `text` and `id`.
        model_dir: model folder as the workers see it (default: theirs, `$KUTIPAN_MODELS` or `models/`).
        use_models: False for the rule layer alone.
        batch_size: texts per `nlp.pipe` batch inside a partition.
        include_text: add each document's text to its dict.
    """
    return bag.map_partitions(
        extract_partition,
        model_dir=None if model_dir is None else str(model_dir),
        use_models=use_models,
        batch_size=batch_size,
        include_text=include_text,
    )


def quote_rows(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per quote of a kutipan/1 dict, with its speaker's name, role and organisation."""
    speakers = {s["id"]: s for s in doc.get("speakers") or []}
    rows = []
    for q in doc.get("quotes") or []:
        ref = q.get("speaker") or {}
        s = speakers.get(ref.get("entity"), {})
        org = s.get("organization") or {}
        rows.append(
            {
                "doc_id": doc.get("id"),
                "quote_id": q["id"],
                "type": q["type"],
                "text": q["text"],
                "start": q["start"],
                "end": q["end"],
                "cue": (q.get("cue") or {}).get("text"),
                "speaker_id": ref.get("entity"),
                "speaker": ref.get("name"),
                "speaker_kind": s.get("kind"),
                "role": s.get("role"),
                "organization": org.get("canonical") or org.get("text"),
                "source_type": s.get("source_type"),
                "confidence": float(q.get("confidence", 0.0)),
            }
        )
    return rows


def _quote_frame(frame, text: str, id: str, model_dir, use_models: bool, batch_size: int):
    import pandas as pd

    items = list(zip(frame[text].tolist(), frame[id].astype(str).tolist(), strict=True))
    docs = extract_partition(items, model_dir, use_models, batch_size)
    rows = [row for doc in docs for row in quote_rows(doc)]
    return pd.DataFrame(rows, columns=list(QUOTE_COLUMNS)).astype(QUOTE_COLUMNS)


def extract_dataframe(
    ddf,
    text: str = "text",
    id: str = "id",
    model_dir: str | Path | None = None,
    use_models: bool = True,
    batch_size: int = 32,
):
    """A Dask DataFrame with one row per quote (`QUOTE_COLUMNS`) of the texts in `ddf[text]`.

    Args:
        ddf: a `dask.dataframe.DataFrame` with a text column and an id column.
        text: name of the text column.
        id: name of the document id column (becomes `doc_id`).
        model_dir: as for `extract_bag`.
        use_models: as for `extract_bag`.
        batch_size: as for `extract_bag`.
    """
    import pandas as pd

    for col in (text, id):
        if col not in ddf.columns:
            raise KeyError(f"extract_dataframe: no column {col!r} (columns: {list(ddf.columns)})")
    meta = pd.DataFrame({c: pd.Series(dtype=t) for c, t in QUOTE_COLUMNS.items()})
    return ddf.map_partitions(
        _quote_frame,
        text,
        id,
        None if model_dir is None else str(model_dir),
        use_models,
        batch_size,
        meta=meta,
        enforce_metadata=False,
        align_dataframes=False,
    )


def extract_pairs(
    pairs: Iterable[tuple[str, str]],
    scheduler: str | None = None,
    partition_size: int = 64,
    model_dir: str | Path | None = None,
    use_models: bool = True,
    include_text: bool = False,
) -> Iterator[dict[str, Any]]:
    """What `kutipan extract --dask SCHEDULER PATH…` runs: kutipan/1 dicts of `(text, id)` pairs, in order.

    The CLI reads the files as without Dask (a bad file is reported and skipped by its reader) and passes
    the pairs here; only texts and ids travel to the workers. Partitions are computed in parallel and
    yielded in input order as they finish, so output starts before the whole corpus is done.

    Args:
        pairs: `(text, id)` pairs.
        scheduler: a `distributed` scheduler address (`tcp://host:8786`), or None for a local cluster of
            `os.cpu_count()` single-threaded worker processes.
        partition_size: texts per task.
        model_dir: as for `extract_bag`.
        use_models: as for `extract_bag`.
        include_text: as for `extract_bag`.
    """
    import dask.bag as db
    from distributed import Client, LocalCluster

    bag = db.from_sequence(list(pairs), partition_size=partition_size)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.compute(extract_bag(bag, model_dir, use_models, include_text=include_text).to_delayed())
        for future in futures:
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def to_jsonl(docs: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write kutipan/1 dicts as JSON Lines; returns how many."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            n += 1
    return n
