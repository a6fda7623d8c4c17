"""Train the title/organisation splitter (`models/roles/roles.json`) on `corpus/` train; report dev figures.

Every gold speaker role of the train split is a phrase whose split point (where the organisation begins)
is known; the rule parser's split of the same phrase is a feature. A scikit-learn logistic regression
scores split points (`kutipan.speakers.rolesplit.split_features`) and is saved as JSON weights.

Reports, on the dev split: split accuracy on the gold role phrases (rules vs model), and title,
organisation and role agreement of the whole extractor with and without the model.

Usage: python scripts/train_roles.py [--seed 0] [--out models/roles/roles.json]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from kutipan.assemble import annotate
from kutipan.eval.corpus import load_corpus
from kutipan.eval.scoring import score
from kutipan.lang.tokenizer import make_nlp
from kutipan.phrase import split_role
from kutipan.pipeline import Extractor
from kutipan.speakers.rolesplit import FEATURES, RoleSplitter, split_features

ROOT = Path(__file__).resolve().parent.parent


def phrases(docs, nlp):
    """(words, gold split, rule split) for every gold speaker role."""
    out = []
    for g in docs:
        doc = nlp(g["text"])
        for sp in g["speakers"]:
            t, o = sp.get("title"), sp.get("organization")
            parts = [p for p in (t, o) if p]
            if not parts:
                continue
            span = doc.char_span(min(p["start"] for p in parts), max(p["end"] for p in parts), alignment_mode="expand")
            if span is None or len(span) > 25:
                continue
            toks = list(span)
            words = [x.text for x in toks]
            gold = len(toks) if o is None else next((k for k, x in enumerate(toks) if x.idx >= o["start"]), len(toks))
            if t is None:
                gold = 0
            _, org, _ = split_role(words, 0, len(words))
            rule = org[0] if org else len(words)
            out.append((words, gold, rule))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "models" / "roles" / "roles.json"))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--C", type=float, default=1.0)
    args = ap.parse_args()
    nlp = make_nlp()
    train = phrases(load_corpus(ROOT / "corpus", split="train", trainable_only=True), nlp)
    x = np.vstack([split_features(w, r) for w, _, r in train])
    y = np.concatenate([[int(s == g) for s in range(len(w) + 1)] for w, g, _ in train])
    model = LogisticRegression(C=args.C, max_iter=3000, random_state=args.seed).fit(x, y)
    splitter = RoleSplitter(model.coef_[0], float(model.intercept_[0]), FEATURES)

    dev_docs = load_corpus(ROOT / "corpus", split="dev", trainable_only=True)
    dev = phrases(dev_docs, nlp)
    for name, data in (("train", train), ("dev", dev)):
        rule = np.mean([r == g for _, g, r in data])
        learned = np.mean([splitter.split(w, r) == g for w, g, r in data])
        print(f"{name}: {len(data)} gold role phrases; split accuracy rules {rule:.3f}, model {learned:.3f}")
    splitter.save(Path(args.out), {"trained_on": "corpus/ train split", "phrases": len(train), "seed": args.seed})
    print(f"wrote {args.out}")

    ex = Extractor()
    for name, sp in (("rules", None), ("rules + model", splitter)):
        pred = {}
        for g in dev_docs:
            pred[g["id"]] = annotate(ex.prepare(g["text"]), g["id"], ranker=ex.ranker, splitter=sp).to_dict()
        rep = score(dev_docs, pred)["roles"]
        print(
            f"dev extractor, {name:14}: "
            + "  ".join(f"{k} exact {v['exact']:.3f} word-F1 {v['word_f1']:.3f}" for k, v in rep.items())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
