"""Train a text model on the DEVELOPMENT mail only.  [script; needs scikit-learn]

    .venv/bin/pip install scikit-learn
    .venv/bin/python benchmarks/train_text_model.py [--target request] [--c 20]
        [--keep 6000] [--threshold P] [--write]

Reads every labelled human message of tests/corpus, tests/holdout and the
development mailboxes tests/mailboxes/dev-* (never a ``sealed*`` folder),
takes the text the classifier sees (subject, the sender's own words,
readable attachments), and fits a logistic regression. ``--target``:

* ``request`` (``bot/defaults/request_model.json``): 1 = an expanded-access
  request or follow-up, 0 = other human mail;
* ``adverse_event`` (``adverse_event_model.json``): 1 = labelled adverse event;
* ``emergency`` (``emergency_model.json``): 1 = labelled emergency.

Machine mail is left out (the guards and the flag rules handle it).

It prints a leave-one-mailbox-out estimate (train on the other folders, test
on one: a fair proxy for mail by an unseen author) and, with ``--write``,
fits on everything and writes the target's file with the ``--keep``
strongest features (and, for a flag model, its ``--threshold``).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bot.classify import textmodel  # noqa: E402
from bot.classify.analysis import Facts  # noqa: E402
from bot.classify.rules import build_rules  # noqa: E402
from bot.classify.textmodel import features  # noqa: E402

TARGETS = {"request": textmodel.DEFAULT_PATH, "adverse_event": textmodel.ADVERSE_EVENT_PATH,
           "emergency": textmodel.EMERGENCY_PATH}
SHIPPED_C = {"request": 20.0, "adverse_event": 5.0, "emergency": 20.0}
SHIPPED_THRESHOLD = {"adverse_event": 0.5, "emergency": 0.8}
from bot.parsing import parse  # noqa: E402


def folders() -> list[Path]:
    boxes = ROOT / "tests" / "mailboxes"
    dev = sorted(p for p in boxes.iterdir() if p.is_dir() and p.name.startswith("dev")) \
        if boxes.is_dir() else []
    return [ROOT / "tests" / "corpus", ROOT / "tests" / "holdout", *dev]


def label_of(row: dict[str, str], target: str) -> int:
    if target == "request":
        return int(row["category"] in ("ea_request", "ea_followup"))
    return int((row[target] or "0").strip() == "1")


def examples(folder: Path, target: str = "request") -> list[tuple[str, int]]:
    rules = build_rules(text_model=False)  # own_text needs no model
    out = []
    with (folder / "labels.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["category"] == "auto_reply":
                continue
            msg = parse((folder / row["file"]).read_bytes())
            out.append((Facts(msg, rules).own_text, label_of(row, target)))
    return out


def vector(text: str) -> dict[str, float]:
    values = {f: 1.0 + math.log(n) for f, n in features(text).items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    return {f: v / norm for f, v in values.items()}


def fit(data: list[tuple[str, int]], c: float) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([vector(t) for t, _ in data])
    y = [label for _, label in data]
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(x, y)
    names = vec.get_feature_names_out()
    return {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True)}, \
        float(model.intercept_[0])


def predict(weights: dict[str, float], bias: float, text: str) -> float:
    z = bias + sum(weights.get(f, 0.0) * v for f, v in vector(text).items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", choices=sorted(TARGETS), default="request")
    ap.add_argument("--c", type=float, default=None,
                    help="inverse regularisation strength (default: the shipped model's, "
                         "request 20, adverse_event 5, emergency 20)")
    ap.add_argument("--threshold", type=float, default=None,
                    help="a flag model's probability from which it raises the flag (default: "
                         "the shipped one, adverse_event 0.5, emergency 0.8)")
    ap.add_argument("--keep", type=int, default=6000, help="features kept in the shipped file")
    ap.add_argument("--write", action="store_true", help="write the target's file in bot/defaults")
    ap.add_argument("--exclude", action="append", default=[],
                    help="leave this development folder out (to evaluate on it); repeatable")
    ap.add_argument("--out", type=Path, default=None, help="where --write writes")
    ap.add_argument("--no-cv", action="store_true",
                    help="skip the leave-one-mailbox-out estimate (only --write)")
    args = ap.parse_args()
    out = args.out or TARGETS[args.target]
    if args.c is None:
        args.c = SHIPPED_C[args.target]
    if args.threshold is None:
        args.threshold = SHIPPED_THRESHOLD.get(args.target, 0.5)
    sets = {f.name: examples(f, args.target) for f in folders() if f.name not in args.exclude}
    print("development folders: " + ", ".join(f"{k} ({len(v)})" for k, v in sets.items()))
    for held in () if args.no_cv else sets:
        train = [e for k, v in sets.items() if k != held for e in v]
        weights, bias = fit(train, args.c)
        probs = [(predict(weights, bias, t), y) for t, y in sets[held]]
        pos = [p for p, y in probs if y]
        neg = [p for p, y in probs if not y]
        line = [f"held out {held:10s}: {len(pos)} {args.target}, {len(neg)} other"]
        for cut in (0.2, 0.5, 0.8):
            line.append(f"p>={cut}: recall {sum(p >= cut for p in pos) / max(1, len(pos)):.2f} "
                        f"false+ {sum(p >= cut for p in neg) / max(1, len(neg)):.2f}")
        print("; ".join(line))
    if args.write:
        everything = [e for v in sets.values() for e in v]
        weights, bias = fit(everything, args.c)
        kept = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[: args.keep]
        out.parent.mkdir(exist_ok=True)
        data: dict[str, object] = {
            "trained_on": ", ".join(f"{k} ({len(v)})" for k, v in sets.items()),
            "target": args.target, "c": args.c, "bias": round(bias, 5)}
        if args.target != "request":
            data["threshold"] = args.threshold
        data["weights"] = {k: round(v, 5) for k, v in sorted(kept)}
        out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")
        print(f"wrote {out} ({len(kept)} features of {len(weights)})")


if __name__ == "__main__":
    main()
