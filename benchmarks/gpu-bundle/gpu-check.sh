#!/usr/bin/env bash
# The GPU checks of the webgpu path in one call, each step under its own time limit so that the
# whole fits one short lease of a GPU machine (no Node, npm or network there; env.sh sets it up):
#   1. the webgpu step profile of `simple` at batch 64 with our kernels (dispatches per step, GPU
#      time per kernel, wall time, the host functions that take the most CPU time),
#   2. `pnpm bench` on webgpu with PyTorch's CUDA rows (simple and resnet20, training at batch 64
#      and 512, inference at 256),
#   3. the seed recipe (simple, Adam 1e-3, batch 64, 10 epochs) by `resnet train --backend webgpu`
#      on the CIFAR-10 files that build.mjs --with-cifar packed into cifar/,
#   4. the profile again with tfjs's stock kernels at batch 64, with ours at batch 512, with ours
#      but tfjs's input gradient (Conv2DBackpropInput) at 64 and 512 (that kernel's gain), and of
#      an inference pass at batch 256, and with ours submitting every 30, 60 and 120 dispatches
#      instead of tfjs's 15 (at 64, and 60 at 512).
# A step that fails or runs out of time is logged and the next one runs. The limits (20 s a
# profile, 200 s the bench, 150 s the training: 550 s) keep the whole inside one 600-second call;
# on an H200 (2026-12-04) the profiles took 2-6 s each, the bench 84 s, the training 45 s.
#
#   ./gpu-check.sh RESULTS_DIR
#
# RESULTS_DIR gets three files: check.log (every step's output and time), latest.json (the bench's
# rows) and seed-webgpu.tar.gz (the run directory without its checkpoints: report, history, plot,
# model; with them it outgrows what a device call brings back).
# Environment: PROFILE_FLAGS, BENCH_FLAGS, TRAIN_FLAGS (more flags for each step; later ones win),
# PROFILE_LIMIT, BENCH_LIMIT, TRAIN_LIMIT (seconds per step), and env.sh's.
set -uo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 RESULTS_DIR" >&2
  exit 2
fi
source "$(dirname "$0")/env.sh" || exit 1
results=$(mkdir -p "$1" && cd "$1" && pwd)
log=$results/check.log
: >"$log"
read -r -a profile_flags <<<"${PROFILE_FLAGS:-}"
read -r -a bench_flags <<<"${BENCH_FLAGS:-}"
read -r -a train_flags <<<"${TRAIN_FLAGS:-}"

# step NAME LIMIT COMMAND...: runs COMMAND under LIMIT seconds, its output to check.log.
step() {
  local name=$1 limit=$2
  shift 2
  echo "== $name (limit ${limit} s): $*" | tee -a "$log"
  local start=$SECONDS
  timeout --kill-after=10 "$limit" "$@" >>"$log" 2>&1
  local rc=$?
  local outcome="exit $rc"
  [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && outcome="stopped at its limit"
  echo "== $name: $outcome after $((SECONDS - start)) s" | tee -a "$log"
}

{
  echo "gpu-check $(date -u +%FT%TZ) on $(hostname), node $("$NODE" --version)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  echo "VK_DRIVER_FILES=${VK_DRIVER_FILES:-} VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-} LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
} 2>&1 | tee -a "$log"

profile() {
  step "profile $1" "${PROFILE_LIMIT:-20}" \
    "$NODE" "$bundle_dir/webgpu-step-profile.mjs" --net simple --steps 5 "${@:2}" "${profile_flags[@]}"
}

profile ours-64 --batch 64 --host-functions 25
step bench "${BENCH_LIMIT:-200}" \
  "$NODE" "$bundle_dir/bench.mjs" --python "$PYTHON" --backends webgpu --pytorch cuda --networks simple,resnet20 \
  --gpu-infer-batch 256 --train-steps 50 --infer-steps 50 --rounds 2 --min-seconds 3 --full-dataset-steps 0 --out "$results/latest.json" "${bench_flags[@]}"

# cifar/ holds data_batch_1.bin..K and the first test images; `resnet train` reads a directory
# of all five training files, so the ones not packed are links to the first, never read:
# --limit stops at the packed ones.
if [ -d "$bundle_dir/cifar" ]; then
  data=$(mktemp -d)
  for packed in "$bundle_dir"/cifar/*.xz; do xz -dc "$packed" >"$data/$(basename "$packed" .xz)"; done
  cp "$bundle_dir/cifar/batches.meta.txt" "$data/"
  # 3,073 bytes a record: a label byte and 32x32x3 pixels.
  train_images=$(($(cat "$data"/data_batch_*.bin | wc -c) / 3073))
  test_images=$(($(wc -c <"$data/test_batch.bin") / 3073))
  for i in 2 3 4 5; do [ -f "$data/data_batch_$i.bin" ] || ln -s data_batch_1.bin "$data/data_batch_$i.bin"; done
  step "seed recipe on webgpu ($train_images training, $test_images test images)" "${TRAIN_LIMIT:-150}" \
    "$NODE" "$bundle_dir/resnet.mjs" train --backend webgpu --data "$data" --limit "$train_images" --test-limit "$test_images" \
    --seed 1 --out "$results/seed-webgpu" "${train_flags[@]}"
  tar -czf "$results/seed-webgpu.tar.gz" -C "$results" --exclude=seed-webgpu/checkpoints seed-webgpu && rm -rf "$results/seed-webgpu"
  rm -rf "$data"
else
  echo "== seed recipe: skipped, no cifar/ in this bundle (build it with --with-cifar)" | tee -a "$log"
fi

profile stock-64 --batch 64 --stock
profile ours-512 --batch 512
profile stock-dx-64 --batch 64 --stock-kernel Conv2DBackpropInput
profile stock-dx-512 --batch 512 --stock-kernel Conv2DBackpropInput
profile infer-256 --batch 256 --infer
for n in 30 60 120; do profile "ours-64-submit-$n" --batch 64 --submit-batch "$n"; done
profile ours-512-submit-60 --batch 512 --submit-batch 60
echo "gpu-check done $(date -u +%FT%TZ)" | tee -a "$log"
