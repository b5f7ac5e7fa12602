import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** What the diagnosis reads; tests pass their own. */
export interface VulkanProbe {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  /** File names in a directory; [] when it does not exist. */
  list(dir: string): string[];
}

export const systemProbe: VulkanProbe = {
  platform: process.platform,
  env: process.env,
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

const LOADER = 'libvulkan.so.1';
const LIBRARY_DIRS = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu', '/lib64', '/lib', '/usr/local/lib'];
const ICD_DIRS = ['/usr/local/share/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'];
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Why Dawn found no adapter, in one line naming what is missing. On Linux Dawn runs on
 * Vulkan: it needs the loader (libvulkan.so.1) and a driver's ICD manifest.
 */
export function diagnoseNoAdapter(probe: VulkanProbe = systemProbe): string {
  if (probe.platform !== 'linux') {
    const api = probe.platform === 'darwin' ? 'Metal' : probe.platform === 'win32' ? 'D3D12 or Vulkan' : 'Vulkan';
    return `Dawn found no GPU adapter (no ${api} device)`;
  }
  const libraryDirs = [...(probe.env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean), ...LIBRARY_DIRS];
  if (!libraryDirs.some((dir) => probe.exists(join(dir, LOADER)))) {
    return `no Vulkan loader: ${LOADER} not found in ${libraryDirs.join(', ')} (install it, e.g. apt-get install libvulkan1)`;
  }
  const named = probe.env.VK_DRIVER_FILES ?? probe.env.VK_ICD_FILENAMES;
  if (named !== undefined) {
    const variable = probe.env.VK_DRIVER_FILES !== undefined ? 'VK_DRIVER_FILES' : 'VK_ICD_FILENAMES';
    const missing = named.split(delimiter).filter((file) => file !== '' && !probe.exists(file));
    if (missing.length > 0) return `no Vulkan driver: ${variable} names ${missing.join(', ')}, which does not exist`;
    return `Dawn found no GPU adapter on the Vulkan driver ${variable} names (${named}): it does not support WebGPU's needs`;
  }
  const manifests = ICD_DIRS.flatMap((dir) => probe.list(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)));
  if (manifests.length === 0) {
    const swiftshader = probe.exists(SWIFTSHADER_ICD) ? `; without a GPU, VK_ICD_FILENAMES=${SWIFTSHADER_ICD} runs on the CPU (slow)` : '';
    return `no Vulkan driver: no ICD manifest in ${ICD_DIRS.join(', ')} (install the GPU's Vulkan driver${swiftshader})`;
  }
  return `Dawn found no GPU adapter on the installed Vulkan drivers (${manifests.join(', ')})`;
}
