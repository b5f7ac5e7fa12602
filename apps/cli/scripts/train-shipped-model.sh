#!/usr/bin/env bash
# The time-to-accuracy recipe of the shipped model: Jordan's airbench94 (2024) as our `airbench`
# preset, with its training method (frozen patch-whitening stem, partial identity init, Nesterov
# SGD with momentum 0.85, linear warm-up from 0.2 of the rate and decay, label smoothing 0.2,
# Lookahead, frozen BatchNorm scales with 64x the learning rate on their biases, 2-pixel
# reflect-padded crops with alternating flips) on the real CIFAR-10, scored once on the full test set. airbench's batch of
# 1,024 does not fit wasm's 2 GiB heap here, so the batch is 512 and the lr the same per image
# (0.75 on the mean loss; Lookahead every 10 steps: airbench's 5 at twice the batch). Two departures:
# the stem's epsilon is 5e-3, not 5e-4, chosen in PyTorch on the held-out images (README, Accuracy:
# this copy of CIFAR-10 was rebuilt from JPEGs, whose finest detail 5e-4 amplifies ~30x as noise);
# and 32 epochs, the first half at 20x20 (LOW_RES), not 10 at 32x32: what 2.5 hours hold here. Full-size
# runs before it: 14 epochs in 2 h 26 min (89.99%), 15 in 2 h 21 min (89.69%; README, Accuracy).
# The schedule's shape stretches with EPOCHS (warm-up over 23%, lr down to 7%). The defaults
# (EPOCHS=32 LOW_RES=20) are the shipped model's recipe: 90.24% (90.85% with flip TTA) in 1 h 49 min
# on a 2-core Intel Xeon VM, 2026-12-03. The test set chooses nothing; 1,000 held-out training
# images are watched, 49,000 trained on. It records the command, the commit it started from,
# machine and wall time in <out>/run-info.json; with SHIP=1 it then writes
# models/airbench-cifar10 with its model card (ship-model.mjs).
#
# With MUON_LR set, the conv filters train with Muon at that peak lr instead (airbench94_muon's
# optimizer, --optimizer muon; everything else as above). With LOW_RES (20; empty: off), the first half
# of the steps train on the augmented images scaled down to LOW_RES x LOW_RES (--low-res: progressive
# resizing; a 20x20 step costs 0.35 of a 32x32 one here), so the same time holds more epochs.
#
# The VMs of this 2-core pool differ in speed by 25% and more: check the machine first with
# `node packages/backend/scripts/train-step-profile.mjs --net airbench --batch 512 --size 32
# --steps 2 --repeats 2 --threads 2`. Since the Winograd convolutions (2026-12-02) its step took
# 4.5-5.1 s on the slowest VM seen (7.9-8.8 s before; since the GEMM moved onto tfjs's heap,
# 2026-12-03, 6-9% less at 32x32 and 13% less at 20x20, after the runs below), where EPOCHS=21 LOW_RES=20 trained its
# 32x32 epochs at 100-130 images/s and took 1 h 49 min in all: 89.88% (90.70% with flip TTA),
# held-out 90.1%, so not shipped (README, Accuracy). EPOCHS=26 LOW_RES=20 (2026-12-03, a VM whose
# step took 4.2 s but whose 32x32 epochs ran at 88-102 images/s) scored 90.03% (90.91% with flip TTA),
# held-out 90.0%, in 2 h 34 min: over the 2.5 hours there, and not shipped. EPOCHS=22 LOW_RES=20 (the same
# VM, the same day) scored 90.07% (90.55% with flip TTA), held-out 89.9%, in 2 h 13 min: the 2.5-hour
# target met, not shipped (held-out below the shipped model's 91.2%).
#
# Usage (from anywhere): apps/cli/scripts/train-shipped-model.sh
# Environment: EPOCHS (32), WHITEN_EPS (5e-3; airbench's is 5e-4), MUON_LR (unset: SGD), LOW_RES (20; empty: none), DATA,
# OUT (runs/airbench-<timestamp>), SHIP (0).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
EPOCHS="${EPOCHS:-32}"
WHITEN_EPS="${WHITEN_EPS:-5e-3}"
# airbench warms up over the first 23% of its run, whatever its length.
WARMUP="$(awk -v e="$EPOCHS" 'BEGIN { print 0.23 * e }')"
DATA="${DATA:-../shared/datasets/cifar-10/cifar-10-binary.tar.gz}"
OUT="${OUT:-runs/airbench-$(date -u +%Y%m%dT%H%M%SZ)}"
OPTIMIZER=(--optimizer sgd)
if [[ -n "${MUON_LR:-}" ]]; then OPTIMIZER=(--optimizer muon --muon-lr "$MUON_LR"); fi
RESIZE=()
LOW_RES="${LOW_RES-20}"
if [[ -n "$LOW_RES" ]]; then RESIZE=(--low-res "$LOW_RES"); fi

# The code that trains is the code at the start: later commits must not be credited with this run.
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- packages apps || echo ' (with uncommitted changes)')"
pnpm exec turbo run build --filter=cli --output-logs=errors-only >/dev/null
cmd=(pnpm --filter cli train --model airbench --data "$DATA" --val-split 1000 --epochs "$EPOCHS" --batch-size 512
  "${OPTIMIZER[@]}" "${RESIZE[@]}" --nesterov --momentum 0.85 --lr 0.75 --schedule linear --warmup-epochs "$WARMUP" --warmup-start 0.2 --min-lr 0.0525
  --label-smoothing 0.2 --whiten-eps "$WHITEN_EPS" --lookahead --lookahead-every 10 --freeze-bn-scale --bn-bias-lr-scale 64
  --augment --crop-padding 2 --padding-mode reflect --flip alternate --normalize standardize --flip-tta --seed 0 --out "$OUT")
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
if [[ "${SHIP:-0}" == 1 ]]; then node apps/cli/scripts/ship-model.mjs --run "$OUT" --out models/airbench-cifar10; fi
