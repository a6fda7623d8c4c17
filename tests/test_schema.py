"""Every output validates against the JSON Schema and keeps `text[start:end] == span text`."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from test_passages import PASSAGES

SCHEMA = json.loads(resources.files("kutipan").joinpath("schema", "kutipan-1.schema.json").read_text())


def spans_of(d):
    if isinstance(d, dict):
        if {"start", "end", "text"} <= d.keys():
            yield d
        for v in d.values():
            yield from spans_of(v)
    elif isinstance(d, list):
        for v in d:
            yield from spans_of(v)


def check(text, out):
    jsonschema.validate(out, SCHEMA)
    for s in spans_of(out):
        assert text[s["start"] : s["end"]] == s["text"]
    ids = {s["id"] for s in out["speakers"]}
    for q in out["quotes"]:
        if q["speaker"]:
            assert q["speaker"]["entity"] in ids
    starts = [q["start"] for q in out["quotes"]]
    assert starts == sorted(starts)


@pytest.mark.parametrize("text", [p[0] for p in PASSAGES])
def test_passages_validate(extractor, text):
    check(text, extractor.extract(text, id="x").to_dict())


@pytest.mark.slow
def test_news_dev_validates(extractor, news_articles):
    docs = list(extractor.pipe(((a["text"], a["id"]) for a in news_articles), as_tuples=True))
    assert len(docs) == len(news_articles)
    for a, d in zip(news_articles, docs, strict=True):
        check(a["text"], d.to_dict())
    assert sum(len(d.quotes) for d in docs) > 500
