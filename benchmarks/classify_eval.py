"""Score classification as users get it: whole cycles on labelled mailboxes.  [script]

    .venv/bin/python benchmarks/classify_eval.py [DIR ...] [--errors] [--json]

Each DIR is a labelled mailbox (default: every folder under tests/mailboxes/):
``NNN_*.eml`` files in arrival order and a ``labels.csv`` with the columns
``file,category,requester_role,emergency,adverse_event,case,note`` (``case``
names the patient case a request opens and its follow-ups join). For each
mailbox the script delivers the files into a fresh Maildir, twenty minutes
apart, runs ONE ``eabot run --once`` cycle on config.example.toml (Maildir in
and out, a fresh SQLite log) and reads what eabot did from the log: which
messages reached a human (a case, or marked for review), which got an
acknowledgement, which flags were raised, which case each follow-up joined.

It prints, per mailbox and for the development and sealed parts together, the
table of issue 11: silent misses, EA recall/precision, acknowledged human
non-requests, acknowledgements to machine mail, emergency and adverse-event
recall with their false alarms, requester role, follow-ups on the right case,
review load and crashes.

Mailboxes whose folder name starts with ``sealed`` are SEALED: whoever writes
or tunes the rules never reads them. For them the script prints aggregate
figures and per-class counts only — never a file name, subject or reason —
and ``--errors`` lists errors of development mailboxes only.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bot.backends.maildir import deliver  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.daemon import run_cycle  # noqa: E402
from bot.parsing import parse  # noqa: E402
from bot.store import Store  # noqa: E402

EA = ("ea_request", "ea_followup")
START = datetime(2026, 11, 2, 13, 0, tzinfo=UTC)  # a Monday, 08:00 New York
STEP = timedelta(minutes=20)


@dataclass(frozen=True)
class Label:
    file: str
    category: str
    role: str
    emergency: bool
    adverse_event: bool
    case: str


@dataclass
class Got:
    category: str = "missing"
    role: str = ""
    emergency: bool = False
    adverse_event: bool = False
    review: bool = False
    case_id: int | None = None
    acked: bool = False
    reasons: list[str] = field(default_factory=list)
    crashed: bool = False
    linked_to: int | None = None  # the open case a new case was opened linked to


def read_labels(folder: Path) -> list[Label]:
    with (folder / "labels.csv").open(encoding="utf-8") as fh:
        return [Label(r["file"], r["category"].strip(), (r.get("requester_role") or "").strip(),
                      r.get("emergency", "0").strip() == "1",
                      r.get("adverse_event", "0").strip() == "1", (r.get("case") or "").strip())
                for r in csv.DictReader(fh)]


RULES_ONLY = False  # --rules-only: classify.text_model = false


def _config(tmp: Path) -> Path:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    if RULES_ONLY:
        text = re.sub(r'(?m)^text_model = .*$', "text_model = false", text, count=1)
    text = re.sub(r'(?m)^store = .*$', f'store = "{tmp}/eabot.sqlite3"', text, count=1)
    text = re.sub(r'(?m)^path = "var/demo/Maildir"$', f'path = "{tmp}/Maildir"', text, count=1)
    text = re.sub(r'(?m)^path = "var/demo/Outbox"$', f'path = "{tmp}/Outbox"', text, count=1)
    text = re.sub(r'(?m)^templates_dir = .*$', f'templates_dir = "{ROOT}/templates"', text, count=1)
    text = re.sub(r'(?m)^prepare_worker = .*$', "prepare_worker = false", text, count=1)
    path = tmp / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def run_mailbox(folder: Path, labels: list[Label]) -> dict[str, Got]:
    """Deliver, run one cycle, and read back what eabot did with each file."""
    with tempfile.TemporaryDirectory(prefix="eabot-eval-") as name:
        tmp = Path(name)
        stamps: dict[str, str] = {}
        for i, label in enumerate(labels):
            when = START + i * STEP
            deliver(tmp / "Maildir", (folder / label.file).read_bytes(), when)
            stamps[str(int(when.timestamp()))] = label.file
        cfg = load_config(_config(tmp))
        end = START + len(labels) * STEP + timedelta(minutes=1)
        run_cycle(cfg, clock=lambda: end)
        store = Store(cfg.store_path, readonly=True)
        rows = store.query("SELECT * FROM messages WHERE direction = 'in'")
        links = {r["id"]: r["linked_case_id"] for r in store.query(
            "SELECT id, linked_case_id FROM cases WHERE linked_case_id IS NOT NULL")}
        acked = {r["message_row"] for r in store.query(
            "SELECT message_row FROM outbox WHERE kind = 'ack' AND status IN ('pending', 'sending', 'sent')")}
        store.close()
    got: dict[str, Got] = {}
    first_of: dict[str, str] = {}  # an exact duplicate delivery is folded into its first copy
    for label in labels:
        # the same message twice (the same bytes, or the same Message-ID and content under
        # other Received lines) is logged once: it counts as its first copy
        raw = (folder / label.file).read_bytes()
        parsed = parse(raw)
        digest = (f"{parsed.message_id}\n{parsed.content_sha256}" if parsed.message_id
                  else hashlib.sha256(raw).hexdigest())
        first_of[label.file] = first_of.get(digest, label.file)
        first_of.setdefault(digest, label.file)
    for r in rows:
        stamp = r["backend_key"].rsplit(":", 1)[-1].split(".", 1)[0]
        file = stamps.get(stamp)
        if file is None:
            continue
        reasons = json.loads(r["reasons"] or "[]")
        got[file] = Got(r["category"], r["requester_role"] or "", bool(r["emergency"]),
                        bool(r["adverse_event"]), bool(r["needs_review"]), r["case_id"],
                        r["id"] in acked, reasons,
                        any(str(x).startswith("error:") for x in reasons),
                        links.get(r["case_id"]))
    for file, first in first_of.items():
        if file != first and file not in got and first in got:
            got[file] = got[first]
    return got


def score(labels: list[Label], got: dict[str, Got]) -> dict[str, Any]:
    """The figures of issue 11 for one mailbox (or several, concatenated)."""
    c: Counter[str] = Counter()
    request_case: dict[str, int | None] = {}
    for lab in labels:
        g = got.get(lab.file, Got())
        if lab.category == "ea_request" and lab.case and lab.case not in request_case:
            request_case[lab.case] = g.case_id
    for lab in labels:
        g = got.get(lab.file, Got())
        human = lab.category != "auto_reply"
        is_ea, got_ea = lab.category in EA, g.category in EA
        c["messages"] += 1
        c[f"label_{lab.category}"] += 1
        c[f"got_{g.category}"] += 1
        c["missing"] += g.category == "missing"
        c["crashes"] += g.crashed
        c["ea"] += is_ea
        c["ea_tp"] += is_ea and got_ea
        c["ea_fp"] += (not is_ea) and got_ea
        c["silent_miss"] += is_ea and not got_ea and not g.review
        c["human"] += human
        c["review"] += human and g.review
        c["review_on_non_ea"] += human and not is_ea and g.review
        c["human_other"] += lab.category == "other"
        c["acked_other"] += lab.category == "other" and g.acked
        c["machine"] += not human
        c["acked_machine"] += (not human) and g.acked
        c["requests"] += lab.category == "ea_request"
        c["requests_acked"] += lab.category == "ea_request" and g.acked
        # the cost of linking: a new patient's request opened linked to another case
        c["requests_linked"] += lab.category == "ea_request" and g.linked_to is not None \
            and request_case.get(lab.case) == g.case_id
        # worse: a new patient's request filed into another patient's case (no case, clock
        # or acknowledgement of its own)
        c["requests_merged"] += _merged(lab, g, request_case)
        c["emergency"] += lab.emergency
        c["emergency_hit"] += lab.emergency and g.emergency
        c["emergency_false"] += (not lab.emergency) and g.emergency
        c["ae"] += lab.adverse_event
        c["ae_hit"] += lab.adverse_event and g.adverse_event
        c["ae_false"] += (not lab.adverse_event) and g.adverse_event
        # per labelled category (aggregate counts: printed for sealed sets too)
        c[f"emergency_in_{lab.category}"] += lab.emergency
        c[f"emergency_hit_in_{lab.category}"] += lab.emergency and g.emergency
        c[f"ae_in_{lab.category}"] += lab.adverse_event
        c[f"ae_hit_in_{lab.category}"] += lab.adverse_event and g.adverse_event
        if lab.category == "ea_request" and lab.role and g.category == "ea_request":
            c["role_n"] += 1
            c["role_ok"] += g.role == lab.role
        if lab.category == "ea_followup":
            c["followups"] += 1
            want = request_case.get(lab.case)
            c["followup_ok"] += want is not None and g.case_id == want
            # (a follow-up of a case opened before the mailbox began cannot join it here)
            c["followups_possible"] += want is not None
            # issue 11's alternative for a letter from another sender: a new case opened
            # linked to the right one and marked for review (staff merge it)
            c["followup_reached"] += want is not None and (g.case_id == want or (
                g.review and g.linked_to == want))
    return dict(c)


def _merged(lab: Label, g: Got, request_case: dict[str, int | None]) -> bool:
    """A labelled new request filed as a follow-up in the case of another labelled patient."""
    return lab.category == "ea_request" and g.category == "ea_followup" and \
        g.case_id is not None and any(case == g.case_id for name, case in request_case.items()
                                      if name != lab.case)


def _ratio(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.2f})" if b else "-"


def table(c: dict[str, Any]) -> list[tuple[str, str, str]]:
    g = c.get
    tp, fp = g("ea_tp", 0), g("ea_fp", 0)
    return [
        ("EA requests+follow-ups that reached no human", f"{g('silent_miss', 0)} of {g('ea', 0)}",
         "0"),
        ("EA recall", _ratio(tp, g("ea", 0)), ">= 0.99"),
        ("EA precision", _ratio(tp, tp + fp), ">= 0.95"),
        ("human non-requests acknowledged as requests",
         _ratio(g("acked_other", 0), g("human_other", 0)), "<= 0.02"),
        ("new requests acknowledged automatically",
         _ratio(g("requests_acked", 0), g("requests", 0)), "(review holds the rest)"),
        ("acknowledgements to machine mail", f"{g('acked_machine', 0)} of {g('machine', 0)}",
         "0"),
        ("emergencies flagged", _ratio(g("emergency_hit", 0), g("emergency", 0)), "all"),
        ("emergency false alarms", str(g("emergency_false", 0)), "few"),
        ("adverse events flagged", _ratio(g("ae_hit", 0), g("ae", 0)), "all"),
        ("adverse-event false alarms", str(g("ae_false", 0)), "few"),
        ("requester role right", _ratio(g("role_ok", 0), g("role_n", 0)), ">= 0.93"),
        ("follow-ups on the right case", _ratio(g("followup_ok", 0), g("followups", 0)),
         ">= 0.96"),
        ("  ... of those whose case opened in the mailbox", _ratio(
            g("followup_ok", 0), g("followups_possible", 0)), ""),
        ("  ... or opened linked to it for review", _ratio(g("followup_reached", 0),
                                                          g("followups", 0)), "(issue 11 item 5)"),
        ("new patients' requests opened linked to a case", _ratio(
            g("requests_linked", 0), g("requests", 0)), "few (each a human check)"),
        ("new patients' requests filed in another patient's case", _ratio(
            g("requests_merged", 0), g("requests", 0)), "0"),
        ("human messages marked for review", _ratio(g("review", 0), g("human", 0)), "<= 0.25"),
        ("crashes / messages not logged", f"{g('crashes', 0)} / {g('missing', 0)}", "0 / 0"),
    ]


def flags_by_category(c: dict[str, Any]) -> str:
    """Emergencies and adverse events found, by the labelled category of their message."""
    out = []
    for flag, name in (("emergency", "emergencies"), ("ae", "adverse events")):
        cats = sorted(k[len(flag) + 4:] for k in c if k.startswith(f"{flag}_in_") and c[k])
        out.append(f"{name} found by category: " + (", ".join(
            f"{cat} {c.get(f'{flag}_hit_in_{cat}', 0)}/{c[f'{flag}_in_{cat}']}" for cat in cats)
            or "none labelled"))
    return "; ".join(out)


def per_class(c: dict[str, Any]) -> str:
    labels = {k[6:]: v for k, v in c.items() if k.startswith("label_")}
    gots = {k[4:]: v for k, v in c.items() if k.startswith("got_")}
    return "labelled " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())) + \
        "; filed " + ", ".join(f"{k} {v}" for k, v in sorted(gots.items()))


def errors(labels: list[Label], got: dict[str, Got]) -> list[str]:
    out = []
    request_case: dict[str, int | None] = {}
    for lab in labels:
        if lab.category == "ea_request" and lab.case and lab.case not in request_case:
            request_case[lab.case] = got.get(lab.file, Got()).case_id
    for lab in labels:
        g = got.get(lab.file, Got())
        problems = []
        if lab.category == "ea_followup" and g.case_id != request_case.get(lab.case):
            problems.append(f"follow-up of {lab.case} (case {request_case.get(lab.case)}) "
                            f"got {g.category} case {g.case_id}"
                            + (f" linked to {g.linked_to}" if g.linked_to else ""))
        if lab.category == "ea_request" and g.linked_to is not None and \
                request_case.get(lab.case) == g.case_id:
            problems.append(f"new patient's request linked to case {g.linked_to}")
        if _merged(lab, g, request_case):
            problems.append(f"new patient's request filed in case {g.case_id} of another patient")
        if (lab.category in EA) != (g.category in EA) or (lab.category == "auto_reply") != (
                g.category == "auto_reply"):
            problems.append(f"category {lab.category} got {g.category}"
                            f"{' (review)' if g.review else ''}")
        if lab.category == "other" and g.acked:
            problems.append("acknowledged")
        if lab.emergency != g.emergency:
            problems.append(f"emergency {lab.emergency} got {g.emergency}")
        if lab.adverse_event != g.adverse_event:
            problems.append(f"adverse_event {lab.adverse_event} got {g.adverse_event}")
        if lab.category == "ea_request" and g.category == "ea_request" and lab.role and \
                lab.role != g.role:
            problems.append(f"role {lab.role} got {g.role}")
        if problems:
            out.append(f"{lab.file}: {'; '.join(problems)}\n    " + " | ".join(g.reasons[-6:]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="*", type=Path)
    ap.add_argument("--errors", action="store_true", help="list errors (development sets only)")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    ap.add_argument("--rules-only", action="store_true",
                    help="classify with the rules alone (classify.text_model = false)")
    ap.add_argument("--models-dir", type=Path, default=None,
                    help="cross-validation: score mailbox NAME with DIR/model_no_NAME.json, a "
                         "text model trained without it (train_text_model.py --exclude NAME "
                         "--write --out DIR/model_no_NAME.json)")
    ap.add_argument("--model", type=Path, default=None,
                    help="a text-model file to use instead of the shipped one (e.g. one trained "
                         "without the mailbox being scored: benchmarks/train_text_model.py "
                         "--exclude NAME --write --out FILE)")
    args = ap.parse_args()
    try:
        from bot.classify import textmodel
    except ImportError:  # an older eabot (before the text model), for comparisons
        textmodel = None  # type: ignore[assignment]
    shipped = textmodel.DEFAULT_PATH if textmodel else None
    global RULES_ONLY
    RULES_ONLY = args.rules_only
    if args.model is not None and textmodel:
        textmodel.DEFAULT_PATH = args.model
    dirs = args.dirs or sorted(p for p in (ROOT / "tests" / "mailboxes").iterdir() if p.is_dir())
    parts: dict[str, Counter[str]] = {"development": Counter(), "sealed": Counter()}
    per_box: dict[str, dict[str, Any]] = {}
    for folder in dirs:
        sealed = folder.name.startswith("sealed")
        labels = read_labels(folder)
        if args.models_dir is not None and textmodel:
            own = args.models_dir / f"model_no_{folder.name}.json"
            textmodel.DEFAULT_PATH = own if own.exists() else (args.model or shipped)
        got = run_mailbox(folder, labels)
        counts = score(labels, got)
        per_box[folder.name] = counts
        parts["sealed" if sealed else "development"].update(counts)
        if args.errors and not sealed:
            print(f"## errors in {folder.name}")
            print("\n".join(errors(labels, got)) or "(none)")
    if args.json:
        print(json.dumps({"mailboxes": per_box, **{k: dict(v) for k, v in parts.items()}},
                         indent=1))
        return
    for name, counts in per_box.items():
        print(f"{name}: {counts.get('messages', 0)} messages; {per_class(counts)}")
    print()
    rows = {k: table(dict(v)) for k, v in parts.items() if v}
    names = list(rows)
    head = ["measure", *names, "goal"]
    first = next(iter(rows.values()))
    lines = [[r[0]] + [rows[n][i][1] for n in names] + [r[2]] for i, r in enumerate(first)]
    widths = [max(len(x[i]) for x in [head, *lines]) for i in range(len(head))]
    for line in [head, ["-" * w for w in widths], *lines]:
        print(" | ".join(x.ljust(w) for x, w in zip(line, widths, strict=True)))
    for name, counts in parts.items():
        if counts:
            print(f"{name}: {flags_by_category(dict(counts))}")


if __name__ == "__main__":
    main()
