"""Train the speaker ranker (`models/ranker/ranker.json`) on `corpus/` train and report dev figures.

For every quote whose speaker the rule sieve can't be sure of (pronoun, clitic, role noun, no cue), the
rules-only extractor lists the candidate speakers with their features (`kutipan.speakers.ranker.features`); a
candidate is positive when its name is the gold speaker's. A scikit-learn logistic regression is fitted
on the rows and saved as JSON weights.

Usage: python scripts/train_ranker.py [--seed 0] [--out models/ranker/ranker.json]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from kutipan.assemble import annotate
from kutipan.eval.corpus import load_corpus
from kutipan.eval.scoring import format_report, match_quotes, normalize_name, score
from kutipan.pipeline import Extractor
from kutipan.speakers.ranker import FEATURES, SpeakerRanker

ROOT = Path(__file__).resolve().parent.parent


def same_person(a: str, b: str) -> bool:
    na, nb = normalize_name(a).split(), normalize_name(b).split()
    return bool(na and nb) and (na == nb or set(nb) <= set(na) or set(na) <= set(nb))


def collect(docs, nlp):
    xs, ys, groups = [], [], []
    for g in docs:
        trace: list = []
        doc = nlp(g["text"])
        pred = annotate(doc, g["id"], trace=trace).to_dict()
        by_span = {t["quote"]: t for t in trace}
        for i, j in match_quotes(g["quotes"], pred["quotes"], g["text"]):
            gq, pq = g["quotes"][i], pred["quotes"][j]
            t = by_span.get((pq["start"], pq["end"]))
            if t is None or not gq.get("speaker"):
                continue
            labels = [same_person(n, gq["speaker"]["name"]) for n in t["names"]]
            if not any(labels):
                continue
            xs.append(t["x"])
            ys.append(np.asarray(labels, dtype=int))
            groups.append(t["kind"])
    return xs, ys, groups


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "models" / "ranker" / "ranker.json"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--C", type=float, default=1.0)
    args = ap.parse_args()
    ex = Extractor()  # tokenizer and NER as at prediction time (`Extractor.prepare`)
    train = load_corpus(ROOT / "corpus", split="train", trainable_only=True)
    xs, ys, groups = collect(train, ex.prepare)
    x = np.vstack(xs)
    y = np.concatenate(ys)
    model = LogisticRegression(C=args.C, max_iter=2000, random_state=args.seed)
    model.fit(x, y)
    ranker = SpeakerRanker(model.coef_[0], float(model.intercept_[0]), FEATURES)
    top1 = np.mean([yy[int(ranker.scores(xx).argmax())] for xx, yy in zip(xs, ys, strict=True)])
    rule = np.mean([yy[int(xx[:, FEATURES.index("rule_choice")].argmax())] for xx, yy in zip(xs, ys, strict=True)])
    print(f"train: {len(xs)} quotes, {len(y)} candidates; top-1 ranker {top1:.3f}, rule choice {rule:.3f}")
    ranker.save(
        Path(args.out),
        {
            "trained_on": "corpus/ train split",
            "quotes": len(xs),
            "seed": args.seed,
            "C": args.C,
            "train_top1": round(float(top1), 4),
        },
    )
    print(f"wrote {args.out}")

    dev = load_corpus(ROOT / "corpus", split="dev", trainable_only=True)
    for name, rk in (("rules only", None), ("rules + ranker", ranker)):
        pred = {g["id"]: annotate(ex.prepare(g["text"]), g["id"], ranker=rk).to_dict() for g in dev}
        rep = score(dev, pred)
        print(f"== dev, {name}")
        print(format_report(rep))
        for t in ("direct", "indirect", "mixed"):
            sub = [dict(g, quotes=[q for q in g["quotes"] if q["type"] == t]) for g in dev]
            subp = {k: dict(v, quotes=[q for q in v["quotes"] if q["type"] == t]) for k, v in pred.items()}
            r = score(sub, subp)
            print(
                f"   {t:9} end-to-end F1 {r['speaker']['end_to_end']['f1']:.3f}  "
                f"speaker accuracy {r['speaker']['name_accuracy']:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
