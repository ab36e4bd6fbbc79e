#!/bin/sh
# Held-out check of the flag models (README, "Flag models"): the mailboxes dev-z51 ... dev-z65
# scored with the rules as they were before those mailboxes were written (commit 28f2c4a),
# first alone, then with the flag models trained WITHOUT those mailboxes.
#   sh benchmarks/heldout/flag_models.sh      (needs scikit-learn in .venv or $SKPY; ~3 min)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TREE=${TREE:-/tmp/eabot-heldout-28f2c4a}
PY=${SKPY:-$ROOT/.venv/bin/python}
BOXES=$(for n in $(seq 51 65); do printf ' %s/tests/mailboxes/dev-z%s' "$ROOT" "$n"; done)
EXCLUDE=$(for n in $(seq 51 65); do printf ' --exclude dev-z%s' "$n"; done)
rm -rf "$TREE"; git -C "$ROOT" worktree prune
git -C "$ROOT" worktree add --detach "$TREE" 28f2c4a >/dev/null
cd "$TREE"
echo "## rules of 28f2c4a alone (the text model of that commit included)"
"$ROOT/.venv/bin/python" benchmarks/classify_eval.py $BOXES | grep -E '^(emergenc|adverse)'
git apply "$ROOT/benchmarks/heldout/flag_models_on_28f2c4a.patch"
# shellcheck disable=SC2086
"$PY" "$ROOT/benchmarks/train_text_model.py" --target adverse_event --c 5 --threshold 0.5 \
    $EXCLUDE --write --no-cv --out "$TREE/bot/defaults/adverse_event_model.json" >/dev/null
# shellcheck disable=SC2086
"$PY" "$ROOT/benchmarks/train_text_model.py" --target emergency --c 20 --threshold 0.8 \
    $EXCLUDE --write --no-cv --out "$TREE/bot/defaults/emergency_model.json" >/dev/null
echo "## the same rules with the flag models (trained without dev-z51 ... dev-z65)"
"$ROOT/.venv/bin/python" benchmarks/classify_eval.py $BOXES | grep -E '^(emergenc|adverse)'
cd "$ROOT" && git worktree remove --force "$TREE"
