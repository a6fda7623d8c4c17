from __future__ import annotations

import json

import pytest

dask_bag = pytest.importorskip("dask.bag", reason="dask not installed (the dask or test extra)")
distributed = pytest.importorskip("distributed", reason="distributed not installed (the dask or test extra)")
pd = pytest.importorskip("pandas", reason="pandas not installed (dask[dataframe])")
# ImportError too: beside spaCy 3.7 (NumPy < 2) a pyarrow built for NumPy 2 fails to import inside dask.dataframe
dask_dataframe = pytest.importorskip(
    "dask.dataframe", exc_type=ImportError, reason="dask[dataframe] not installed or its pyarrow does not import"
)

from conftest import ROOT  # noqa: E402
from kutipan import Extractor  # noqa: E402
from kutipan.dask import extract_bag, extract_dataframe, extract_partition, loaded_extractors, quote_rows  # noqa: E402


@pytest.fixture(scope="module")
def items() -> list[tuple[str, str]]:
    """(text, id) of 16 documents we wrote (corpus/written.jsonl), a few partitions' worth."""
    rows = [
        json.loads(line) for line in (ROOT / "corpus" / "written.jsonl").read_text(encoding="utf-8").split("\n") if line
    ]
    return [(r["text"], r["id"]) for r in rows[:16]]


@pytest.fixture(scope="module")
def expected(items) -> list[dict]:
    return [d.to_dict() for d in Extractor().pipe(items, as_tuples=True)]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def test_bag_on_two_workers_equals_pipe(client, items, expected):
    bag = dask_bag.from_sequence(items, npartitions=6)
    got = extract_bag(bag).compute(scheduler=client)
    assert got == expected
    assert any(d["quotes"] for d in got)
    # one Extractor per worker process, reused by all its partitions, not one per task
    assert list(client.run(loaded_extractors).values()) == [1, 1]


def test_dataframe_gives_one_row_per_quote(client, items, expected):
    frame = pd.DataFrame({"body": [t for t, _ in items], "doc": [i for _, i in items]})
    ddf = dask_dataframe.from_pandas(frame, npartitions=4)
    got = extract_dataframe(ddf, text="body", id="doc").compute(scheduler=client)
    want = pd.DataFrame([row for d in expected for row in quote_rows(d)])
    assert len(got) == sum(len(d["quotes"]) for d in expected)
    assert got.reset_index(drop=True)[list(want.columns)].astype(object).equals(want.astype(object))
    with pytest.raises(KeyError, match="no column 'text'"):
        extract_dataframe(ddf)


def test_dict_items_keep_their_metadata():
    docs = extract_partition(
        [{"id": "a", "text": '"Kami siap," kata Bupati Sleman Andi Wijaya.', "outlet": "Kabar", "date": "2025-01-02"}],
        use_models=False,
    )
    assert docs[0]["id"] == "a" and docs[0]["meta"] == {"outlet": "Kabar", "date": "2025-01-02"}
    assert docs[0]["quotes"][0]["speaker"]["name"] == "Andi Wijaya"
    with pytest.raises(TypeError, match="bag items are str"):
        extract_partition([42], use_models=False)


def test_cli_extract_on_dask_scheduler_equals_the_plain_cli(client, items, tmp_path, capsys, monkeypatch):
    """`kutipan extract --dask SCHEDULER` sends the texts to the cluster's workers; the JSON Lines are the same."""
    import kutipan.dask
    from conftest import run_cli

    schedulers = []
    real = kutipan.dask.extract_pairs

    def spy(pairs, scheduler=None, **kw):
        schedulers.append(scheduler)
        return real(pairs, scheduler, **kw)

    monkeypatch.setattr(kutipan.dask, "extract_pairs", spy)

    folder = tmp_path / "in"
    folder.mkdir()
    for text, doc_id in items[:6]:
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    code, plain, _ = run_cli(["extract", "-q", str(folder)], capsys)
    assert code == 0
    code, on_dask, err = run_cli(["extract", "-q", "--dask", client.scheduler.address, str(folder)], capsys)
    assert code == 0, err
    assert on_dask == plain and len(plain.splitlines()) == 6
    assert schedulers == [client.scheduler.address], "the texts went through the Dask scheduler"
