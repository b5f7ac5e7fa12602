#!/usr/bin/env bash
# Runs `pnpm bench` from this folder on a machine with no Node, npm or network of its own:
# unpacks node.xz, lends Dawn the Vulkan loader shipped here where the system has none, points
# Vulkan at NVIDIA's driver where the container toolkit put it, and writes the results.
#
#   ./run.sh RESULTS_DIR [bench.mjs flags]      e.g. ./run.sh /tmp/results --networks resnet20
#
# Environment: NODE (a node binary instead of ./node), PYTHON (default: python3 on the PATH),
# VK_DRIVER_FILES or VK_ICD_FILENAMES (a Vulkan driver's ICD manifest, to choose one yourself).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ $# -lt 1 ]; then
  echo "usage: $0 RESULTS_DIR [bench.mjs flags]" >&2
  exit 2
fi
results=$1
shift
mkdir -p "$results"

if [ -z "${NODE:-}" ]; then
  if [ ! -x "$here/node" ] && [ -f "$here/node.xz" ]; then
    xz -dc "$here/node.xz" >"$here/node.tmp"
    chmod +x "$here/node.tmp"
    mv "$here/node.tmp" "$here/node"
  fi
  if [ -x "$here/node" ]; then
    NODE=$here/node
  elif command -v node >/dev/null; then
    NODE=$(command -v node)
  else
    echo "run.sh: no node here: build the folder with --with-node, or set NODE" >&2
    exit 1
  fi
fi

if ! { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | grep -q 'libvulkan\.so\.1 '; then
  export LD_LIBRARY_PATH="$here/vulkan${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$nvidia_icd" ]; then
  export VK_DRIVER_FILES=$nvidia_icd
fi
# Dawn's Vulkan backend asks for a display's runtime directory, which compute never uses.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}

"$NODE" "$here/bench.mjs" --python "${PYTHON:-$(command -v python3 || echo python3)}" --full-dataset-steps 0 \
  --out "$results/latest.json" "$@" 2>&1 | tee "$results/bench.log"
