#!/usr/bin/env bash
# The time-to-accuracy recipe of the shipped model (models/resnet9-half-cifar10): Myrtle's
# ResNet-9 at half width on the real CIFAR-10 with the backend this machine has, scored once on the
# full test set. The test set chooses nothing: the settings were tuned on the last 5,000 training
# images (--val-split 5000) or taken from Page's recipe (label smoothing 0.2); this final run holds
# out only 1,000 to watch, so it trains on 49,000. It records the command, the commit it started
# from, machine and wall time in <out>/run-info.json; with SHIP=1 it then writes
# models/resnet9-half-cifar10 with its model card (ship-model.mjs).
#
# Usage (from anywhere): apps/cli/scripts/train-shipped-model.sh
# Environment: EPOCHS (14), DATA, OUT (runs/resnet9-half-<timestamp>), SHIP (0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
EPOCHS="${EPOCHS:-14}"
DATA="${DATA:-../shared/datasets/cifar-10/cifar-10-binary.tar.gz}"
OUT="${OUT:-runs/resnet9-half-$(date -u +%Y%m%dT%H%M%SZ)}"

# The code that trains is the code at the start: later commits must not be credited with this run.
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- packages apps || echo ' (with uncommitted changes)')"
pnpm exec turbo run build --filter=cli --output-logs=errors-only >/dev/null
cmd=(pnpm --filter cli train --model resnet9-half --data "$DATA" --val-split 1000 --epochs "$EPOCHS" --batch-size 128
  --optimizer sgd --nesterov --lr 0.1 --schedule cosine --warmup-epochs 2 --weight-decay 2.5e-4 --label-smoothing 0.2
  --augment --normalize standardize --flip-tta --seed 0 --out "$OUT")
echo "running: ${cmd[*]}"
mkdir -p "$(dirname "$OUT")"
start=$(date +%s)
"${cmd[@]}" 2>&1 | tee "$OUT.log"
wall=$(( $(date +%s) - start ))

machine="$(nproc)-core $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
backend="$(grep '^backend: [a-z]' "$OUT.log" | tail -n 1 | sed 's/^backend: //')"
node -e "require('fs').writeFileSync(process.argv[1], JSON.stringify({
  command: process.argv[2], commit: process.argv[3], machine: process.argv[4], node: process.version,
  backend: process.argv[5], wallSeconds: Number(process.argv[6]) }, null, 2) + '\n')" \
  "$OUT/run-info.json" "${cmd[*]}" "$commit" "$machine" "$backend" "$wall"
echo "wall time: ${wall} s; run-info.json written"
if [[ "${SHIP:-0}" == 1 ]]; then node apps/cli/scripts/ship-model.mjs --run "$OUT" --out models/resnet9-half-cifar10; fi
