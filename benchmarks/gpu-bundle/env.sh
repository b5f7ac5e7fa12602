# Sourced by run.sh and gpu-check.sh: the environment a bundle needs on a machine with no Node,
# npm or network of its own. Sets NODE (node.xz unpacked beside this file, else $NODE, else node
# on the PATH), lends the Vulkan loader and the libraries NVIDIA's driver needs where the system
# lacks them, points Vulkan at NVIDIA's driver where the container toolkit put it, and gives Dawn
# a runtime dir.
bundle_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ -z "${NODE:-}" ]; then
  if [ ! -x "$bundle_dir/node" ] && [ -f "$bundle_dir/node.xz" ]; then
    xz -dc "$bundle_dir/node.xz" >"$bundle_dir/node.tmp"
    chmod +x "$bundle_dir/node.tmp"
    mv "$bundle_dir/node.tmp" "$bundle_dir/node"
  fi
  if [ -x "$bundle_dir/node" ]; then
    NODE=$bundle_dir/node
  elif command -v node >/dev/null; then
    NODE=$(command -v node)
  else
    echo "$(basename "$0"): no node here: build the folder with --with-node, or set NODE" >&2
    exit 1
  fi
fi

# libs/ holds the Vulkan loader and the libraries NVIDIA's Vulkan driver loads; only those the
# system lacks are lent (a lent copy must not shadow the system's own, newer one).
lent_libs=$bundle_dir/libs-lent
rm -rf "$lent_libs" && mkdir -p "$lent_libs"
known_libs=$({ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null; } | awk '{print $1}')
for lib in "$bundle_dir"/libs/*; do
  grep -qxF "$(basename "$lib")" <<<"$known_libs" || ln -s "$lib" "$lent_libs/"
done
if [ -n "$(ls -A "$lent_libs")" ]; then
  echo "lending $(ls "$lent_libs" | tr '\n' ' ')(not on this system)" >&2
  export LD_LIBRARY_PATH="$lent_libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}${VK_ICD_FILENAMES:-}" ] && [ -f "$nvidia_icd" ]; then
  export VK_DRIVER_FILES=$nvidia_icd
fi
# Dawn's Vulkan backend asks for a display's runtime directory, which compute never uses.
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-/tmp}
PYTHON=${PYTHON:-$(command -v python3 || echo python3)}
