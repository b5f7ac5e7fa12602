#!/usr/bin/env bash
# Runs `pnpm bench` from this folder on a machine with no Node, npm or network of its own
# (env.sh sets up node, the Vulkan loader and driver) and writes the results.
#
#   ./run.sh RESULTS_DIR [bench.mjs flags]      e.g. ./run.sh /tmp/results --networks resnet20
#
# Environment: NODE (a node binary instead of ./node), PYTHON (default: python3 on the PATH),
# VK_DRIVER_FILES or VK_ICD_FILENAMES (a Vulkan driver's ICD manifest, to choose one yourself).
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 RESULTS_DIR [bench.mjs flags]" >&2
  exit 2
fi
source "$(dirname "$0")/env.sh"
results=$1
shift
mkdir -p "$results"

"$NODE" "$bundle_dir/bench.mjs" --python "$PYTHON" --full-dataset-steps 0 \
  --out "$results/latest.json" "$@" 2>&1 | tee "$results/bench.log"
